import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from careersupport.people.models import Individual
from programs.models import Enrollment, Offering

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_several_of_every_kind_open_and_past_and_is_valid(seeded):
    today = timezone.localdate()
    for kind in Offering.Kind.values:
        offerings = Offering.objects.filter(kind=kind)
        assert offerings.count() >= 3, kind
        assert offerings.filter(status="published").exclude(ends_on__lt=today).count() >= 2, kind
    assert Offering.objects.filter(ends_on__lt=today).exists()
    for offering in Offering.objects.all():
        offering.full_clean()


def test_the_demo_has_a_full_offering_with_a_waitlist_and_a_cohort_half_way(seeded):
    full = Offering.objects.get(title="Leadership foundations")
    assert full.enrollments.filter(status="enrolled").count() == full.capacity
    employee = Individual.objects.get(email="employee@example.com")
    assert full.enrollments.get(person=employee).waitlist_position == 1
    cohort = Offering.objects.get(title="Return to work programme").cohorts.get()
    assert cohort.participants.count() == 4
    assert Offering.objects.get(title="Parents & Carers Network").sessions.count() == 3


def test_seeding_twice_changes_nothing(seeded):
    before = (Offering.objects.count(), Enrollment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Offering.objects.count(), Enrollment.objects.count()) == before
