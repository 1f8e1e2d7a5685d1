import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careersupport.people.models import Individual, Invitation

pytestmark = pytest.mark.django_db
URL = reverse("people:invitation-import")
HEADER = "email,first_name,last_name,job_title,department,manager_email,time_zone\n"


def upload(client, text: str, name="people.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_it_imports_people_with_managers_from_the_same_file(client_for, hr_admin, manager):
    text = HEADER + (
        f"ana@acme.test,Ana,Silva,Lead,Research,{manager.email},Europe/Lisbon\n"
        "bo@acme.test,Bo,Kim,Analyst,Research,ana@acme.test,\n"
    )
    response = upload(client_for(hr_admin), text)
    assert response.status_code == 302
    ana, bo = (
        Individual.objects.get(email="ana@acme.test"),
        Individual.objects.get(email="bo@acme.test"),
    )
    assert ana.manager == manager and bo.manager == ana and bo.department.name == "Research"
    assert ana.time_zone == "Europe/Lisbon"
    assert (
        Invitation.objects.filter(individual__in=[ana, bo]).count() == 2 and len(mail.outbox) == 2
    )


def test_a_file_with_errors_imports_no_one_and_lists_each_by_line_and_column(
    client_for, hr_admin, employee
):
    text = HEADER + (
        "ok@acme.test,Ok,,,,,\n"
        "not-an-email,Bad,,,,,\n"
        f"{employee.email},Dup,,,,,\n"
        "ok@acme.test,Again,,,,,\n"
        "nofirst@acme.test,,,,,,\n"
        "tz@acme.test,Tz,,,,,Mars/Base\n"
        "boss@acme.test,Boss,,,,ghost@acme.test,\n"
    )
    response = upload(client_for(hr_admin), text)
    assert response.status_code == 400
    problems = [(p.line, p.column) for p in response.context["result"].problems]
    assert problems == [
        (3, "email"),
        (4, "email"),
        (5, "email"),
        (6, "first_name"),
        (7, "time_zone"),
        (8, "manager_email"),
    ]
    assert not Individual.objects.filter(email="ok@acme.test").exists() and not mail.outbox


def test_it_refuses_a_reporting_loop(client_for, hr_admin):
    text = HEADER + "a@acme.test,A,,,,b@acme.test,\nb@acme.test,B,,,,a@acme.test,\n"
    response = upload(client_for(hr_admin), text)
    assert "reporting loop" in response.text
    assert not Individual.objects.filter(email="a@acme.test").exists()


def test_it_explains_a_missing_column_and_an_unknown_one(client_for, hr_admin):
    response = upload(client_for(hr_admin), "mail,first_name,shoe_size\nx@acme.test,X,42\n")
    assert [p.column for p in response.context["result"].problems] == ["email"]
    response = upload(client_for(hr_admin), "email,first_name,shoe_size\nx@acme.test,X,42\n")
    assert "Unknown column" in response.text


def test_it_explains_a_file_that_is_not_text(client_for, hr_admin):
    response = upload(client_for(hr_admin), b"\xff\xfe\x00\x00binary")
    assert "not UTF-8" in response.text


def test_it_explains_an_empty_file(client_for, hr_admin):
    response = upload(client_for(hr_admin), HEADER)
    assert "no rows" in response.text


def test_a_manager_from_another_employer_is_not_found(client_for, hr_admin, outsider):
    response = upload(client_for(hr_admin), HEADER + f"n@acme.test,N,,,,{outsider.email},\n")
    assert "No employee" in response.text
    assert not Individual.objects.filter(email="n@acme.test").exists()


@pytest.mark.parametrize("persona", ["employee", "manager", "partner"])
def test_only_hr_may_import(client_for, request, persona):
    response = upload(client_for(request.getfixturevalue(persona)), HEADER + "z@acme.test,Z,,,,,\n")
    assert response.status_code == 403
    assert not Individual.objects.filter(email="z@acme.test").exists()


def test_a_mail_server_outage_imports_no_one_and_says_so(client_for, hr_admin, mail_server_down):
    text = HEADER + "ana@acme.test,Ana,Silva,Lead,Research,,\n"
    response = upload(client_for(hr_admin), text)
    assert "could not be sent" in str(response.context["form"].non_field_errors())
    assert not Individual.objects.filter(email="ana@acme.test").exists()
    assert not hr_admin.employer.departments.filter(name="Research").exists()
