import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.requests.models import (
    Decision,
    FinancialRequest,
    FlexibleArrangement,
    Instalment,
    LeavePolicy,
    LeaveRequest,
    PublicHoliday,
    Receipt,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def counts():
    models = (
        LeavePolicy,
        LeaveRequest,
        FlexibleArrangement,
        FinancialRequest,
        Receipt,
        Decision,
        PublicHoliday,
        Instalment,
    )
    return [m.objects.count() for m in models]


def test_the_demo_has_every_kind_and_state(seeded):
    assert set(LeavePolicy.objects.values_list("kind", flat=True)) >= {
        "parental",
        "family_care",
        "caregiver",
        "bereavement",
        "sabbatical",
    }
    assert LeavePolicy.objects.get(kind="parental").offering.title == "Parental leave policy"
    assert set(LeaveRequest.objects.values_list("status", flat=True)) == {
        "pending",
        "approved",
        "declined",
        "cancelled",
    }
    today = timezone.localdate()
    parental = LeaveRequest.objects.filter(policy__kind="parental")
    assert parental.filter(status="approved", start_date__lte=today, end_date__gte=today).exists()
    assert parental.filter(status="pending").exists()
    employee = Individual.objects.get(email="employee@example.com")
    assert FlexibleArrangement.objects.get(person=employee).in_trial
    assert Receipt.objects.filter(request__person=employee).exists()
    advance = FinancialRequest.objects.get(support__category="advance")
    assert (
        advance.instalments.filter(due_on__lt=today).exists()
        and advance.instalments.filter(due_on__gt=today).exists()
    )
    assert FinancialRequest.objects.filter(
        support__category="childcare", status="approved"
    ).exists()
    assert PublicHoliday.objects.filter(date__year=today.year).count() >= 9


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
