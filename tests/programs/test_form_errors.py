"""A refused form comes back with 400, the problem beside its field (linked from the summary
at the top) and what was typed still there; nothing is written."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Enrollment, ShadowSlot
from tests.factories import EnrollmentFactory, OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shadowing(employer):
    return OfferingFactory(employer=employer, kind="job_shadowing", title="Shadow a lead")


def offer_slot(client, offering, **data):
    return client.post(
        reverse("programs:slot-create", args=[offering.pk]),
        {"starts_at": "2030-01-02T12:00", "ends_at": "2030-01-02T09:00", "note": "Sales"} | data,
    )


def test_a_slot_ending_before_it_starts_is_refused_beside_the_field(
    client_for, employee, shadowing
):
    response = offer_slot(client_for(employee), shadowing, note="Sales calls with Ana")
    assert response.status_code == 400
    assert 'id="id_ends_at_error">The slot must end after it starts.' in response.text
    assert 'href="#id_ends_at"' in response.text
    assert 'value="Sales calls with Ana"' in response.text
    assert not ShadowSlot.objects.exists()


def test_a_slot_in_the_past_is_refused_beside_its_start(client_for, employee, shadowing):
    response = offer_slot(
        client_for(employee), shadowing, starts_at="2020-01-02T09:00", ends_at="2020-01-02T12:00"
    )
    assert response.status_code == 400
    assert 'id="id_starts_at_error">Offer a slot in the future.' in response.text


def test_a_slot_form_that_is_not_a_date_is_explained(client_for, employee, shadowing):
    response = offer_slot(client_for(employee), shadowing, starts_at="soon")
    assert response.status_code == 400
    assert "Enter a valid date/time." in response.text


@pytest.fixture
def waiting(employer):
    offering = OfferingFactory(employer=employer, needs_approval=True, title="Summit")
    return [EnrollmentFactory(offering=offering, status="requested") for _ in range(2)]


def test_a_decline_without_reason_comes_back_beside_the_rows_reason(client_for, hr_admin, waiting):
    first, second = waiting
    response = client_for(hr_admin).post(
        reverse("programs:manage-queue"),
        {
            "single": f"decline:{first.pk}",
            f"reason-{first.pk}": "  ",
            f"reason-{second.pk}": "Half-typed reason",
            "enrollments": [second.pk],
        },
    )
    assert response.status_code == 400
    text = response.text
    assert f'id="reason-{first.pk}_error">Give a reason: the person will read it.' in text
    assert f'href="#reason-{first.pk}"' in text
    assert "Half-typed reason</textarea>" in text
    label = f"Select {second.person.full_name} for Summit"
    assert f'id="pick-{second.pk}" aria-label="{label}" checked>' in text
    assert Enrollment.objects.filter(status="requested").count() == 2


def test_the_bulk_action_with_nothing_selected_says_so_and_keeps_the_reason(
    client_for, hr_admin, waiting
):
    response = client_for(hr_admin).post(
        reverse("programs:manage-queue"), {"decision": "decline", "reason": "No budget left"}
    )
    assert response.status_code == 400
    assert 'id="id_enrollments"' in response.text
    assert "Tick the requests to decide first." in response.text
    assert 'href="#id_enrollments"' in response.text
    assert "No budget left</textarea>" in response.text
    assert Enrollment.objects.filter(status="requested").count() == 2


def test_the_bulk_decline_without_reason_is_refused_beside_the_reason(
    client_for, hr_admin, waiting
):
    response = client_for(hr_admin).post(
        reverse("programs:manage-queue"),
        {"decision": "decline", "enrollments": [waiting[0].pk]},
    )
    assert response.status_code == 400
    assert 'id="id_reason_error">Give a reason: the people will read it.' in response.text
    assert f'value="{waiting[0].pk}" id="pick-{waiting[0].pk}"' in response.text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("programs:manage-create", {"title": ""}),
        ("programs:manage-policy", {"text": ""}),
    ],
)
def test_hr_forms_answer_400_with_the_problem_beside_the_field(
    client_for, hr_admin, employer, name, data
):
    policy = OfferingFactory(employer=employer, kind="policy")
    args = [] if name == "programs:manage-create" else [policy.pk]
    response = client_for(hr_admin).post(reverse(name, args=args), data)
    assert response.status_code == 400
    assert "field-error" in response.text


def test_a_session_form_with_a_bad_time_answers_400(client_for, hr_admin, offering):
    response = client_for(hr_admin).post(
        reverse("programs:manage-session-create", args=[offering.pk]),
        {"title": "Evening", "starts_at": "later", "ends_at": "", "time_zone": "Europe/Berlin"},
    )
    assert response.status_code == 400
    assert 'value="Evening"' in response.text
    assert not offering.sessions.exists()


def test_a_slot_in_the_future_is_offered(client_for, employee, shadowing):
    start = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    response = offer_slot(
        client_for(employee),
        shadowing,
        starts_at=f"{start:%Y-%m-%dT%H:%M}",
        ends_at=f"{start + timedelta(hours=2):%Y-%m-%dT%H:%M}",
    )
    assert response.status_code == 302
    assert ShadowSlot.objects.filter(host=employee).exists()
