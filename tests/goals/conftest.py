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
