"""The programs pages' partials built in Python (programs_tags): catalog cards, the approval
queue and the HR console. Everything people type is escaped, each table's header and cells
agree, and a choice the code no longer knows is shown as stored."""

import re

import pytest
from django.urls import reverse

from programs.models import Offering
from tests.factories import DepartmentFactory, EnrollmentFactory, OfferingFactory

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _columns(text: str) -> tuple[list[str], list[int]]:
    """The table's header cells and the number of cells in each body row."""
    table = text[text.index("<table>") : text.index("</table>")]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)
    body = table[table.index("<tbody>") :]
    rows = [row.count("<td") for row in body.split("<tr")[1:]]
    return header, rows


@pytest.fixture
def waiting(employer):
    offering = OfferingFactory(employer=employer, needs_approval=True, title=f"{SCRIPT} summit")
    department = DepartmentFactory(employer=employer, name=f"{SCRIPT} dept")
    request = EnrollmentFactory(offering=offering, status="requested")
    request.person.first_name, request.person.preferred_name = SCRIPT, ""
    request.person.department = department
    request.person.save()
    return request


def test_a_catalog_card_shows_a_script_in_the_title_and_description_as_text(
    client_for, employee, employer
):
    offering = OfferingFactory(employer=employer, title=SCRIPT, description=f"{SCRIPT} text")
    text = client_for(employee).get(reverse("programs:catalog")).text
    assert SCRIPT not in text
    assert f'<h2><a href="{offering.get_absolute_url()}">{ESCAPED}</a></h2>' in text
    assert f"<p>{ESCAPED} text</p>" in text


def test_a_catalog_card_shows_a_policy_badge_and_my_waitlist_place(client_for, employee, employer):
    OfferingFactory(employer=employer, kind="policy", title="Leave policy")
    full = OfferingFactory(employer=employer, capacity=1, title="Full one")
    EnrollmentFactory(offering=full, status="enrolled")
    EnrollmentFactory(offering=full, person=employee, status="waitlisted", waitlist_position=1)
    text = client_for(employee).get(reverse("programs:catalog")).text
    assert '<span class="badge">To read and acknowledge</span>' in text
    assert '<span class="badge badge-ok">On the waitlist (number 1)</span>' in text
    assert '<span class="badge badge-warning">Full, 1 waiting</span>' in text


def test_a_catalog_card_shows_a_kind_the_code_no_longer_knows_as_stored(
    client_for, employee, employer
):
    offering = OfferingFactory(employer=employer)
    Offering.objects.filter(pk=offering.pk).update(kind="retired<x>", format="satellite")
    text = client_for(employee).get(reverse("programs:catalog")).text
    assert '<span class="badge">retired&lt;x&gt;</span>' in text and "satellite</p>" in text


def test_the_queue_shows_a_script_in_a_name_a_department_and_a_title_as_text(
    client_for, hr_admin, waiting
):
    text = client_for(hr_admin).get(reverse("programs:manage-queue")).text
    assert SCRIPT not in text
    name = f"{ESCAPED} {waiting.person.last_name}"
    assert f'aria-label="Select {name} for {ESCAPED} summit"' in text
    assert f'<label for="pick-{waiting.pk}">{name}</label>' in text
    assert f"<small>Employee · {ESCAPED} dept</small>" in text
    url = reverse("programs:manage-offering", args=[waiting.offering_id])
    assert f'<a href="{url}">{ESCAPED} summit</a>' in text


def test_the_queue_has_a_header_cell_for_every_column(client_for, hr_admin, waiting):
    header, rows = _columns(client_for(hr_admin).get(reverse("programs:manage-queue")).text)
    assert header == ["Select", "Person", "Offering", "Asked", "Decide one"]
    assert rows == [len(header)]


def test_the_console_shows_a_script_in_a_title_and_the_employer_name_as_text(
    client_for, hr_admin, employer
):
    employer.name = f"{SCRIPT} Inc"
    employer.save()
    offering = OfferingFactory(employer=employer, title=SCRIPT, is_confidential=True, kind="eap")
    text = client_for(hr_admin).get(reverse("programs:manage")).text
    assert SCRIPT not in text
    assert f'<caption class="visually-hidden">Offerings of {ESCAPED} Inc</caption>' in text
    url = reverse("programs:manage-offering", args=[offering.pk])
    assert f'<a href="{url}">{ESCAPED}</a><br><small>Employee assistance program (EAP)' in text
    assert " · confidential</small>" in text


def test_the_console_has_a_header_cell_for_every_column(client_for, hr_admin, employer):
    OfferingFactory(employer=employer, capacity=8)
    text = client_for(hr_admin).get(reverse("programs:manage")).text
    header, rows = _columns(text)
    assert header[0] == "Offering" and len(header) == 7
    assert rows == [len(header)]
    assert "/8</td>" in text


def test_the_empty_console_spans_every_column(client_for, hr_admin):
    text = client_for(hr_admin).get(reverse("programs:manage")).text
    assert '<tr><td colspan="7">No offerings yet.</td></tr>' in text


def test_the_console_shows_a_status_the_code_no_longer_knows_as_stored(
    client_for, hr_admin, employer
):
    offering = OfferingFactory(employer=employer)
    Offering.objects.filter(pk=offering.pk).update(status="frozen")
    assert "<td>frozen</td>" in client_for(hr_admin).get(reverse("programs:manage")).text
