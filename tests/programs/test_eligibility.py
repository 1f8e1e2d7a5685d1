import pytest
from django.urls import reverse

from programs.models import Enrollment
from tests.factories import (
    DepartmentFactory,
    IndividualFactory,
    OfferingFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

AUDIENCES = {
    "everyone_employed": {"for_employees": True},
    "partners": {"for_employees": False, "for_partners": True},
    "managers": {"for_employees": False, "for_managers": True},
    "caregivers": {"for_employees": False, "for_caregivers": True},
    "returners": {"for_employees": False, "for_returners": True},
    "research_only": {"for_employees": True, "departments": "research"},
}
# Who sees what: the matrix the issue asks for.
EXPECTED = {
    "employee": {"everyone_employed"},
    "partner": {"partners"},
    "manager": {"everyone_employed", "managers"},
    "caregiver": {"everyone_employed", "caregivers"},
    "returner": {"returners", "partners"},
    "researcher": {"everyone_employed", "research_only"},
    "coach": set(),
}


@pytest.fixture
def world(employer, employee, partner, manager, coach):
    research = DepartmentFactory(employer=employer, name="Research")
    offerings = {}
    for name, fields in AUDIENCES.items():
        fields = dict(fields)
        departments = [research] if fields.pop("departments", None) else []
        offerings[name] = OfferingFactory(employer=employer, title=f"T-{name}", **fields)
        offerings[name].departments.set(departments)
    people = {
        "employee": employee,
        "partner": partner,
        "manager": manager,
        "coach": coach,
        "caregiver": IndividualFactory(employer=employer, is_caregiver=True),
        "returner": PartnershipFactory(
            employee__employer=employer, partner__is_returner=True
        ).partner,
        "researcher": IndividualFactory(employer=employer, department=research),
    }
    return offerings, people


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_catalog_lists_exactly_what_the_person_is_eligible_for(client_for, world, persona):
    offerings, people = world
    response = client_for(people[persona]).get(reverse("programs:catalog"))
    assert response.status_code == 200
    listed = {name for name, o in offerings.items() if f"T-{name}<" in response.text}
    assert listed == EXPECTED[persona]


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_direct_post_enrolls_only_where_eligible(client_for, world, persona):
    offerings, people = world
    client = client_for(people[persona])
    for name, offering in offerings.items():
        response = client.post(reverse("programs:enroll", args=[offering.pk]))
        eligible = name in EXPECTED[persona]
        # Not open to them: said plainly (403), since it is their own employer's catalog.
        assert response.status_code == (302 if eligible else 403), name
        enrolled = Enrollment.objects.filter(offering=offering, person=people[persona]).exists()
        assert enrolled == eligible, name


def test_outsider_gets_404_on_another_employers_offering(client_for, outsider, offering):
    client = client_for(outsider)
    assert client.get(reverse("programs:offering-detail", args=[offering.pk])).status_code == 404
    assert client.post(reverse("programs:enroll", args=[offering.pk])).status_code == 404
    assert not Enrollment.objects.exists()


def test_an_offering_not_open_to_the_person_says_so_and_a_draft_is_404(
    client_for, employee, employer
):
    closed = OfferingFactory(employer=employer, for_employees=False, for_partners=True)
    draft = OfferingFactory(employer=employer, status="draft")
    response = client_for(employee).get(reverse("programs:offering-detail", args=[closed.pk]))
    assert response.status_code == 403
    assert "This programme is not open to you" in response.text
    response = client_for(employee).get(reverse("programs:offering-detail", args=[draft.pk]))
    assert response.status_code == 404


def test_drafts_and_archived_offerings_are_not_listed(client_for, employee, employer):
    OfferingFactory(employer=employer, title="T-draft", status="draft")
    OfferingFactory(employer=employer, title="T-old", status="archived")
    text = client_for(employee).get(reverse("programs:catalog")).text
    assert "T-draft" not in text and "T-old" not in text


def test_anonymous_is_sent_to_login(client, offering):
    response = client.get(reverse("programs:catalog"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_partner_whose_partnership_ended_sees_nothing(client_for, partner, employer):
    OfferingFactory(employer=employer, title="T-partners", for_partners=True)
    partner.partnerships_as_partner.update(status="ended")
    assert "T-partners" not in client_for(partner).get(reverse("programs:catalog")).text
