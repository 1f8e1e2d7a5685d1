"""Every kind's pages render for the people who use them, with one h1."""

import pytest
from django.urls import reverse

from programs.models import Offering
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", Offering.Kind.values)
def test_each_kind_renders_for_hr_and_an_enrolled_employee(client_for, hr_admin, employee, kind):
    offering = OfferingFactory(
        employer=employee.employer, kind=kind, is_confidential=kind == "eap", for_returners=True
    )
    EnrollmentFactory(offering=offering, person=employee)
    if offering.is_event:
        SessionFactory(offering=offering)
    hr_page = client_for(hr_admin).get(reverse("programs:manage-offering", args=[offering.pk]))
    page = client_for(employee).get(offering.get_absolute_url())
    for response in (hr_page, page):
        assert response.status_code == 200
        assert response.text.count("<h1") == 1


@pytest.mark.parametrize(
    "name", ["programs:catalog", "programs:mine", "programs:calendar", "programs:manage-create"]
)
def test_the_fixed_pages_render(client_for, hr_admin, name):
    response = client_for(hr_admin).get(reverse(name))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1


def test_the_catalog_filters_by_kind_date_and_text(client_for, employee, employer):
    OfferingFactory(employer=employer, title="Yoga at noon", kind="wellness")
    OfferingFactory(
        employer=employer,
        title="Résumé clinic",
        kind="resume_review",
        starts_on="2031-01-01",
        ends_on="2031-01-01",
    )
    client = client_for(employee)
    assert "Résumé clinic" not in client.get(reverse("programs:catalog"), {"kind": "wellness"}).text
    assert "Yoga" not in client.get(reverse("programs:catalog"), {"q": "clinic"}).text
    later = client.get(reverse("programs:catalog"), {"starts_after": "2030-06-01"}).text
    assert "Résumé clinic" in later and "Yoga" not in later


def test_the_catalog_shows_my_own_status(client_for, employee, offering):
    EnrollmentFactory(offering=offering, person=employee, status="waitlisted", waitlist_position=2)
    assert (
        "On the waitlist (number 2)" in client_for(employee).get(reverse("programs:catalog")).text
    )


def test_the_catalog_shows_whether_i_acknowledged_a_policys_current_version(
    client_for, employee, employer, hr_admin
):
    from programs.services.kinds import policy_acknowledge, policy_publish_version

    policy = OfferingFactory(employer=employer, kind="policy", starts_on=None, ends_on=None)
    first = policy_publish_version(offering=policy, actor=hr_admin, text="Ten weeks.")
    client = client_for(employee)
    assert "To read and acknowledge" in client.get(reverse("programs:catalog")).text
    policy_acknowledge(version=first, person=employee, actor=employee)
    assert "You acknowledged it" in client.get(reverse("programs:catalog")).text
    policy_publish_version(offering=policy, actor=hr_admin, text="Twelve weeks.")
    assert "To read and acknowledge" in client.get(reverse("programs:catalog")).text


def test_navigation_links_reach_the_app(client_for, hr_admin, partner):
    assert reverse("programs:manage") in client_for(hr_admin).get("/").text
    assert reverse("programs:catalog") in client_for(partner).get("/").text


def test_the_home_card_shows_hr_the_waiting_requests(client_for, hr_admin, employer):
    offering = OfferingFactory(employer=employer, needs_approval=True)
    EnrollmentFactory.create_batch(2, offering=offering, status="requested")
    assert "2 enrollment requests waiting" in client_for(hr_admin).get("/").text


def test_the_catalog_shows_what_is_to_come_unless_asked_for_the_past(
    client_for, employee, employer
):
    OfferingFactory(
        employer=employer, title="Old summit", starts_on="2020-01-01", ends_on="2020-01-02"
    )
    client = client_for(employee)
    assert "Old summit" not in client.get(reverse("programs:catalog")).text
    assert (
        "Old summit" in client.get(reverse("programs:catalog"), {"starts_after": "2019-12-01"}).text
    )


def test_a_catalog_card_escapes_what_hr_typed_and_says_when_it_is_full(
    client_for, employee, employer
):
    full = OfferingFactory(
        employer=employer,
        title="<script>alert(1)</script> & more",
        description="<b>Bold</b> " + "word " * 40,
        capacity=1,
        starts_on="2031-03-05",
        ends_on="2031-03-07",
    )
    EnrollmentFactory(offering=full, status="enrolled")
    EnrollmentFactory(offering=full, status="waitlisted", waitlist_position=1)
    EnrollmentFactory(offering=full, status="waitlisted", waitlist_position=2)
    text = client_for(employee).get(reverse("programs:catalog")).text
    assert "<script>alert(1)" not in text and "<b>Bold" not in text
    assert (
        f'<a href="{full.get_absolute_url()}">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</a>'
        in text
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; " + "word " * 28 + "word …</p>" in text
    assert '<span class="badge badge-warning">Full, 2 waiting</span>' in text
    assert "5 Mar 2031 – 7 Mar 2031 · " in text
