import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careersupport.people.models import Individual, Invitation, InvitationEmail

pytestmark = pytest.mark.django_db
URL = reverse("people:invitation-import")
HEADER = "email,first_name,last_name,job_title,department,manager_email,time_zone\n"


def upload(client, text: str, name="people.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_it_imports_people_with_managers_from_the_same_file(
    client_for, hr_admin, manager, deliver_invitations
):
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
    assert Invitation.objects.filter(individual__in=[ana, bo]).count() == 2 and not mail.outbox
    assert deliver_invitations() == {"sent": 2} and len(mail.outbox) == 2


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


def test_a_mail_server_outage_imports_everyone_and_their_emails_wait(
    client_for, hr_admin, mail_server_down, deliver_invitations
):
    text = HEADER + "ana@acme.test,Ana,Silva,Lead,Research,,\nbo@acme.test,Bo,,,,,\n"
    response = upload(client_for(hr_admin), text)
    assert response.status_code == 302
    assert Individual.objects.filter(email__in=["ana@acme.test", "bo@acme.test"]).count() == 2
    assert deliver_invitations() == {"retry": 2}
    assert InvitationEmail.objects.filter(state="pending", attempts=1).count() == 2


def test_it_checks_the_zones_against_the_set_computed_once(client_for, hr_admin, monkeypatch):
    # careersupport/people/timezones.py computes the set once per process; a file of
    # thousands of rows never reads the zone database again (7 ms a call).
    import zoneinfo

    calls = []
    real = zoneinfo.available_timezones
    monkeypatch.setattr(zoneinfo, "available_timezones", lambda: calls.append(1) or real())
    rows = "".join(f"p{i}@acme.test,P{i},,,,,Europe/Paris\n" for i in range(30))
    assert upload(client_for(hr_admin), HEADER + rows).status_code == 302
    assert calls == []


def test_a_deep_chain_in_the_file_gets_every_manager(client_for, hr_admin, manager):
    rows = [f"p0@acme.test,P0,,,,{manager.email},"]
    rows += [f"p{i}@acme.test,P{i},,,,p{i - 1}@acme.test," for i in range(1, 12)]
    rows.reverse()  # reports before their managers: the import orders them itself
    assert upload(client_for(hr_admin), HEADER + "\n".join(rows) + "\n").status_code == 302
    people = {p.email: p for p in Individual.objects.filter(email__startswith="p")}
    assert people["p0@acme.test"].manager == manager
    assert all(
        people[f"p{i}@acme.test"].manager == people[f"p{i - 1}@acme.test"] for i in range(1, 12)
    )


def test_a_loop_is_refused_on_each_line_on_it_but_not_on_those_leading_into_it(
    client_for, hr_admin
):
    text = HEADER + (
        "a@acme.test,A,,,,b@acme.test,\n"
        "b@acme.test,B,,,,c@acme.test,\n"
        "c@acme.test,C,,,,a@acme.test,\n"
        "d@acme.test,D,,,,a@acme.test,\n"
    )
    response = upload(client_for(hr_admin), text)
    problems = [(p.line, p.message) for p in response.context["result"].problems]
    assert problems == [(n, "This makes a reporting loop.") for n in (2, 3, 4)]


# Up to 50 rows: SQLite takes at most 999 parameters a query, so Django splits bigger bulk
# INSERTs there (PostgreSQL takes 5,000 rows in one: bench/invitations_bench.py).
@pytest.mark.parametrize("size", [10, 50])
def test_the_import_keeps_its_query_count_flat(
    client_for, hr_admin, manager, django_assert_max_num_queries, size
):
    rows = "".join(
        f"p{i}@acme.test,P{i},,,Dept {i % 3},{'p0@acme.test' if i % 2 else manager.email},\n"
        for i in range(size)
    )
    client = client_for(hr_admin)
    with django_assert_max_num_queries(15):
        assert upload(client, HEADER + rows).status_code == 302
