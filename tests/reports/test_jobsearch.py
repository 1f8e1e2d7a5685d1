"""Partners placed in a job and the median days to it: each figure against its hand count,
and the results page showing them (small groups not shown)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from careersupport.jobsearch.models import Outcome
from careersupport.people.models import Individual
from careersupport.reports.models import NO_DEPARTMENT
from careersupport.reports.services import rollup_run
from tests.factories import ApplicationFactory, IndividualFactory, InvitationFactory

from .conftest import TODAY, at
from .helpers import cell, computed

pytestmark = pytest.mark.django_db
INVITED = date(2026, 1, 5)


def partner(employer, *, invited=INVITED, applied, placed=None, kind=Individual.Kind.PARTNER):
    person = IndividualFactory(employer=employer, kind=kind)
    if invited:
        InvitationFactory(individual=person, created_at=at(invited))
    application = ApplicationFactory(owner=person, created_at=at(applied))
    if placed:
        Outcome.objects.create(
            employer=employer,
            owner=person,
            application=application,
            organisation="Initech",
            role="Analyst",
            start_on=placed,
            accepted_at=at(placed),
        )
    return person


@pytest.fixture
def searches(world, other_employer):
    employer = world.employer
    # Five placed in March 2026: 56, 60, 64, 74 and 84 days after their invitation.
    for day in (2, 6, 10, 20, 30):
        partner(employer, applied=date(2026, 1, 10), placed=date(2026, 3, day))
    for _ in range(6):  # still searching
        partner(employer, applied=date(2026, 2, 1))
    # Placed in March too: one never invited (no days to count), one after 165 days.
    partner(employer, invited=None, applied=date(2026, 2, 20), placed=date(2026, 3, 25))
    partner(
        employer, invited=date(2025, 10, 1), applied=date(2025, 11, 1), placed=date(2026, 3, 15)
    )
    # Not partners of this employer: neither counts.
    partner(employer, applied=date(2026, 1, 10), placed=date(2026, 3, 3), kind="employee")
    partner(other_employer, applied=date(2026, 1, 10), placed=date(2026, 3, 3))
    return world


def test_partners_searching_and_placed_in_a_month(searches):
    figures = computed(searches.employer)
    march = cell(figures, "jobsearch", "month", date(2026, 3, 1))
    # The median is over the six with an invitation: 56, 60, 64, 74, 84 and 165 days.
    assert march.values == {"searching": 13, "placed": 7, "timed": 6, "median_days": 69}
    assert march.hidden == []
    # In January only those who had applied by then; world's p1 never applied.
    january = cell(figures, "jobsearch", "month", date(2026, 1, 1))
    assert january.values == {"searching": 6}


def test_a_partner_placed_is_no_longer_searching_after(searches):
    figures = computed(searches.employer)
    april = cell(figures, "jobsearch", "month", date(2026, 4, 1))
    assert april.values == {"searching": 6}
    q1 = cell(figures, "jobsearch", "quarter", date(2026, 1, 1))
    assert q1.values == {"searching": 13, "placed": 7, "timed": 6, "median_days": 69}
    # Partners have no department: theirs is the "no department" row, the same figures.
    assert cell(figures, "jobsearch", "quarter", date(2026, 1, 1), NO_DEPARTMENT).values == (
        q1.values
    )


def test_a_small_group_is_not_shown(searches):
    november = cell(computed(searches.employer), "jobsearch", "month", date(2025, 11, 1))
    assert november.values == {"searching": 1}
    assert "searching" in november.hidden


def test_the_results_page_shows_placements_and_hides_small_groups(searches, client_for, clock):
    clock(at(TODAY))
    rollup_run(employer=searches.employer, today=TODAY)
    client = client_for(searches.hr)

    def table_of(period):
        page = client.get(reverse("reports:results"), {"period": period})
        return page, next(t for t in page.context["tables"] if t.key == "jobsearch")

    page, q1 = table_of("2026-Q1")
    assert [c.text for c in q1.rows[-1].cells] == ["13", "7", "54%", "69"]
    assert "Partners placed in a job" in page.content.decode()
    _, november = table_of("2025-11")  # one partner searching: the month is not listed
    assert "Nov 2025" not in [r.label for r in november.rows] and november.not_listed == 1
    csv = client.get(reverse("reports:table-csv", args=["jobsearch"]), {"period": "2026-Q1"})
    assert csv.status_code == 200
    assert "Median days from invitation to the job" in csv.content.decode()
