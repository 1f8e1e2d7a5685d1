"""The household page and the home card keep their query count as goals, applications and
programmes grow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careersupport.household import services
from careersupport.household.templatetags.household_tags import household_home_card
from careersupport.jobsearch.models import Application
from tests.factories import (
    EnrollmentFactory,
    FinancialKindFactory,
    FinancialPlanFactory,
    GoalFactory,
    OfferingFactory,
)

pytestmark = pytest.mark.django_db
PAGE_BUDGET = 15  # session, user, person, household, 4 a side, support, EAP, inbox


def _grow(person, n: int) -> None:
    GoalFactory.create_batch(n, owner=person, shared_with_partner=True)
    Application.objects.bulk_create(
        Application(
            employer=person.employer,
            owner=person,
            organisation=f"Org {i}",
            role="Analyst",
            stage=Application.Stage.values[i % 8],
            next_step=f"Step {i}",
            next_step_on=timezone.localdate() + timedelta(days=i),
        )
        for i in range(n * 3)
    )
    for _ in range(n):
        offering = OfferingFactory(employer=person.employer, for_partners=True)
        EnrollmentFactory(offering=offering, person=person)


@pytest.fixture
def everything_shown(open_household, partnership, employee, partner, employer):
    partnership.employee_shares_goals = partnership.partner_shares_goals = True
    partnership.save()
    for person in (employee, partner):
        services.household_set_sharing(
            partnership=partnership, actor=person, shows_jobsearch=True, shows_programmes=True
        )
    FinancialPlanFactory(household=open_household)
    FinancialKindFactory(employer=employer, category="advance")
    FinancialKindFactory(employer=employer, category="reimbursement")
    return open_household


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_keeps_its_query_count_as_both_sides_grow(
    everything_shown, employee, partner, client_for, page_url, django_assert_max_num_queries
):
    client = client_for(employee)
    url = page_url(everything_shown)
    for person in (employee, partner):
        _grow(person, 2)
    small = _count(client, url)
    for person in (employee, partner):
        _grow(person, 12)
    with django_assert_max_num_queries(PAGE_BUDGET):
        assert client.get(url).status_code == 200
    assert _count(client, url) == small


def test_the_home_card_costs_one_query(open_household, partner, django_assert_num_queries):
    with django_assert_num_queries(1):
        card = household_home_card({"me": partner})
    assert card["state"]["is_open"]
