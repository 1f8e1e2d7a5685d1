"""The reporting tree in one module: below, above, same line, for any depth."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careersupport.people import hierarchy
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr

from ..factories import IndividualFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(employer):
    """director → manager → lead → engineer, and a sibling of the manager."""
    director = IndividualFactory(employer=employer)
    manager = IndividualFactory(employer=employer, manager=director)
    sibling = IndividualFactory(employer=employer, manager=director)
    lead = IndividualFactory(employer=employer, manager=manager)
    engineer = IndividualFactory(employer=employer, manager=lead)
    return director, manager, sibling, lead, engineer


def test_it_finds_everyone_below_at_any_depth_in_one_query(chain, django_assert_num_queries):
    director, manager, sibling, lead, engineer = chain
    with django_assert_num_queries(1):
        below = set(
            Individual.objects.filter(id__in=hierarchy.below_sql(manager.pk)).values_list(
                "id", flat=True
            )
        )
    assert below == {lead.pk, engineer.pk}


def test_it_finds_everyone_above_nearest_first(chain, django_assert_num_queries):
    director, manager, sibling, lead, engineer = chain
    with django_assert_num_queries(1):
        assert hierarchy.managers_above(engineer.pk) == [lead.pk, manager.pk, director.pk]


def test_it_says_who_is_in_the_same_line(chain):
    director, manager, sibling, lead, engineer = chain
    assert hierarchy.in_same_line(director.pk, engineer.pk)
    assert hierarchy.in_same_line(engineer.pk, director.pk)
    assert not hierarchy.in_same_line(sibling.pk, engineer.pk)
    assert hierarchy.line_of(lead.pk) == {manager.pk, director.pk, engineer.pk}


def test_it_ends_a_walk_that_meets_a_cycle(chain):
    director, manager, *_ = chain
    # Bad data (written around the services' loop check) must not hang a page.
    Individual.objects.filter(pk=director.pk).update(manager=manager)
    assert hierarchy.managers_above(manager.pk) == [director.pk]


def test_require_hr_refuses_everyone_but_hr_of_that_employer(
    employer, hr_admin, employee, outsider_hr
):
    require_hr(hr_admin, employer)
    for actor in (None, employee, outsider_hr):
        with pytest.raises(PermissionDenied):
            require_hr(actor, employer)
    Individual.objects.filter(pk=hr_admin.pk).update(deactivated_at="2026-01-01T00:00Z")
    hr_admin.refresh_from_db()
    with pytest.raises(PermissionDenied):
        require_hr(hr_admin, employer)


def test_only_the_org_chart_module_walks_the_tree():
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    walkers = {
        str(path.relative_to(root))
        for folder in ("careersupport", "programs", "coaching", "mentorship")
        for path in (root / folder).rglob("*.py")
        if "with recursive" in path.read_text().lower()
    }
    assert walkers == {"careersupport/people/hierarchy.py"}


def test_its_sql_holds_identifiers_only_every_value_is_a_parameter():
    from careersupport.goals.selectors import ATTENTION

    texts = [hierarchy._BELOW, hierarchy._ABOVE, hierarchy._SIZES]
    for template in (hierarchy._WALK, hierarchy._SCAN):
        texts += [hierarchy._ranked_sql(template, ATTENTION, before) for before in (False, True)]
    for sql in texts:
        assert "'" not in sql and not re.search(r"[=<>]\s*\d", sql)


def test_a_chain_is_read_in_rank_order_both_ways(chain, employer):
    from careersupport.goals.models import GoalRollup
    from careersupport.goals.selectors import ATTENTION

    director, manager, sibling, lead, engineer = chain
    for person, day in ((engineer, date(2026, 1, 5)), (lead, date(2026, 1, 9))):
        GoalRollup.objects.create(owner=person, employer=employer, attention_on=day)
    page = {"employer_id": employer.pk, "ranking": ATTENTION, "window": slice(0, 3)}
    walked = hierarchy.below_in_order(director.pk, **page)
    assert walked == [engineer.pk, lead.pk, manager.pk]  # unranked last
    assert hierarchy.ranked_below(director.pk, candidates=10, **page) is None  # unranked: walk
    two = {**page, "window": slice(0, 2)}
    assert hierarchy.ranked_below(director.pk, candidates=10, **two) == walked[:2]
    assert hierarchy.below_in_order(director.pk, before=date(2026, 1, 6), **page) == [engineer.pk]
    assert hierarchy.chain_sizes(director.pk, employer.pk) == (4, Individual.objects.count())


def test_the_reporting_line_loop_check_costs_the_same_at_any_depth(employer, hr_admin):
    from careersupport.people.services import reporting_line_update

    def queries_to_move_under(depth: int) -> int:
        top = IndividualFactory(employer=employer)
        bottom = top
        for _ in range(depth):
            bottom = IndividualFactory(employer=employer, manager=bottom)
        moved = IndividualFactory(employer=employer)
        with CaptureQueriesContext(connection) as queries:
            reporting_line_update(
                individual=moved,
                actor=hr_admin,
                manager=bottom,
                department=None,
                job_title="",
                is_hr_admin=False,
            )
        return len(queries)

    assert queries_to_move_under(2) == queries_to_move_under(12)
