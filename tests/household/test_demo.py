import io

import pytest
from django.core.management import call_command

from careersupport.household.models import FinancialPlan, Household
from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Household.objects.count(),
        FinancialPlan.objects.count(),
        AuditEvent.objects.filter(verb__startswith="household.").count(),
        Reminder.objects.filter(kind__startswith="household.").count(),
    )


def test_the_demo_couple_shares_a_household_page_both_ways_and_twice_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    household = Household.objects.select_related("partnership__partner").get()
    assert household.is_open
    assert household.partnership.partner.email == "partner@example.com"
    for person in (household.partnership.employee, household.partnership.partner):
        assert household.shows_jobsearch(person) and household.shows_programmes(person)
    assert FinancialPlan.objects.get(household=household).savings > 0
    before = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before
