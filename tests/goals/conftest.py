"""Goal fixtures on top of the shared personas: `skip_manager` is the manager's manager."""

from __future__ import annotations

import pytest

from tests.factories import GoalFactory, IndividualFactory


@pytest.fixture
def skip_manager(employer, manager):
    boss = IndividualFactory(employer=employer, first_name="Sven")
    manager.manager = boss
    manager.save(update_fields=["manager"])
    return boss


@pytest.fixture
def goal(employee):
    """The employee's active goal, shared with managers (the default)."""
    return GoalFactory(owner=employee, title="Lead the billing migration")


@pytest.fixture(autouse=True)
def _forget_chain_sizes():
    """/team/ keeps each manager's chain size in the cache; ids are reused between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(params=["walk", "scan"])
def chain_strategy(request, monkeypatch):
    """Run a /team/ chain test both ways: the walk (small chains) and the scan (large ones)."""
    from careersupport.goals import selectors

    monkeypatch.setattr(selectors, "CHAIN_WALK_MAX", 10**9 if request.param == "walk" else 0)
    return request.param
