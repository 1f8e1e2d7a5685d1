"""The reporting tree in one module: below, above, same line, for any depth."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

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
