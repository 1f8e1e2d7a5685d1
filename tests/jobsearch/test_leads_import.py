"""HR imports leads from a CSV file: all or nothing, every problem by line and column."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careersupport.jobsearch.models import JobLead
from careersupport.jobsearch.services.leads import CSV_COLUMNS, leads_import_csv
from tests.factories import JobLeadFactory, LeadOrganisationFactory

pytestmark = pytest.mark.django_db
IMPORT = reverse("jobsearch:manage-lead-import")
SOON = (timezone.localdate() + timedelta(days=30)).isoformat()


def upload(client, text: str):
    return client.post(IMPORT, {"file": SimpleUploadedFile("leads.csv", text.encode())})


def problems(result) -> list[tuple[int, str]]:
    return [(p.line, p.column) for p in result.problems]


def test_it_posts_every_row_of_a_good_file(client_for, hr_admin, employer):
    LeadOrganisationFactory(employer=employer, name="Harbour Health")
    text = (
        "title,organisation,location,remote,link,closes_on,suits,suits_note,description\n"
        f"Designer,,Berlin,no,https://acme.example/1,{SOON},partners;returners,,\n"
        f"Nurse,harbour health,Potsdam,yes,,{SOON},,Nights,Ward work\n"
    )
    response = upload(client_for(hr_admin), text)
    assert response.status_code == 302
    designer, nurse = JobLead.objects.order_by("title")
    assert (designer.organisation, designer.suits) == (None, ["partners", "returners"])
    assert (nurse.organisation.name, nurse.remote, nurse.suits_label) == (
        "Harbour Health",
        True,
        "Everyone",
    )


def test_a_file_with_problems_imports_nothing_and_lists_each_by_line_and_column(hr_admin, employer):
    text = (
        "title,organisation,remote,link,closes_on,suits\n"
        f"Good,,no,,{SOON},everyone\n"
        f",Nowhere Inc,maybe,ftp://x,2020-01-01,aliens\n"
        f"Good,,no,,{SOON},everyone\n"
        "Dated,,,,31/12/2030,\n"
    )
    result = leads_import_csv(employer=employer, actor=hr_admin, data=text.encode())
    assert problems(result) == [
        (3, "title"),
        (3, "organisation"),
        (3, "remote"),
        (3, "link"),
        (3, "closes_on"),
        (3, "suits"),
        (4, "title"),
        (5, "closes_on"),
    ]
    assert "Repeats line 2" in result.problems[6].message
    assert not JobLead.objects.exists()


def test_the_page_answers_400_with_the_problems_table(client_for, hr_admin):
    response = upload(client_for(hr_admin), "title,closes_on\nDesigner,tomorrow\n")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nothing was imported: 1 problem to fix" in content
    assert "<td>2</td><td>closes_on</td>" in content
    assert not JobLead.objects.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title,location\nX,Berlin\n", [(1, "closes_on")]),
        ("title,closes_on,salary\nX,2030-01-01,1\n", [(1, "salary")]),
        ("title,closes_on\n", [(2, "")]),
    ],
)
def test_a_bad_header_or_an_empty_file_is_refused(hr_admin, employer, text, expected):
    result = leads_import_csv(employer=employer, actor=hr_admin, data=text.encode())
    assert problems(result) == expected


def test_a_file_that_is_not_utf8_is_refused(hr_admin, employer):
    result = leads_import_csv(
        employer=employer, actor=hr_admin, data="title\nCafé".encode("latin-1")
    )
    assert "not UTF-8" in result.problems[0].message


def test_an_opening_already_posted_and_open_is_refused(hr_admin, employer):
    JobLeadFactory(employer=employer, title="Designer", closes_on=SOON)
    result = leads_import_csv(
        employer=employer, actor=hr_admin, data=f"title,closes_on\ndesigner,{SOON}\n".encode()
    )
    assert problems(result) == [(2, "title")]
    assert JobLead.objects.count() == 1


def test_a_long_value_is_refused_by_its_column(hr_admin, employer):
    text = f"title,closes_on\n{'x' * 201},{SOON}\n"
    result = leads_import_csv(employer=employer, actor=hr_admin, data=text.encode())
    assert problems(result) == [(2, "title")]


def test_the_template_downloads_with_every_column(client_for, hr_admin):
    response = client_for(hr_admin).get(reverse("jobsearch:manage-lead-template"))
    assert response["Content-Disposition"] == 'attachment; filename="job-leads-template.csv"'
    header = response.content.decode().splitlines()[0]
    assert header.split(",") == CSV_COLUMNS


def test_the_template_imports_as_it_is_once_its_organisation_exists(hr_admin, employer, client_for):
    LeadOrganisationFactory(employer=employer, name="Harbour Health")
    template = client_for(hr_admin).get(reverse("jobsearch:manage-lead-template")).content
    result = leads_import_csv(employer=employer, actor=hr_admin, data=template)
    assert result.ok and JobLead.objects.count() == 2


def test_a_file_over_2_mb_is_refused_beside_the_field(client_for, hr_admin):
    big = "title,closes_on\n" + f"X,{SOON}\n" * 200_000
    response = upload(client_for(hr_admin), big)
    assert response.status_code == 400
    assert "larger than 2 MB" in response.context["form"].errors["file"][0]
