"""goals 0003 brings the progress stored before the one rule under it, and back."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from careersupport.goals.models import CheckIn, Goal
from careersupport.people.models import AuditEvent
from tests.factories import CheckInFactory, GoalFactory, MilestoneFactory

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("goals", "0002_rollup_attention_index")]


def _migrate(targets):
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def contradicting(employee):
    """What the old code let happen: figures typed beside milestones, edits after check-ins."""
    now = timezone.now()
    planned = GoalFactory(owner=employee, progress=33, created_at=now - timedelta(days=30))
    done = MilestoneFactory(goal=planned, created_at=now - timedelta(days=30))
    for _ in range(2):
        MilestoneFactory(goal=planned, created_at=now - timedelta(days=30))
    before = CheckInFactory(goal=planned, progress=40, created_at=now - timedelta(days=20))
    done.done, done.done_at = True, now - timedelta(days=10)
    done.save()
    after = CheckInFactory(goal=planned, progress=90, created_at=now - timedelta(days=5))
    free = GoalFactory(owner=employee, progress=70)
    CheckInFactory(goal=free, progress=50)
    fresh = GoalFactory(owner=employee, progress=20)
    return planned, before, after, free, fresh


def test_the_migration_applies_the_rule_and_its_reverse_puts_back_what_it_changed(contradicting):
    planned, before, after, free, fresh = contradicting
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _migrate(BEFORE)
        _migrate(leaves)
        checkins = dict(CheckIn.objects.values_list("pk", "progress"))
        assert (checkins[before.pk], checkins[after.pk]) == (0, 33)
        goals = {g.pk: (g.progress, g.start_progress) for g in Goal.objects.all()}
        assert goals[planned.pk] == (33, 0) and goals[free.pk] == (50, 0)
        assert goals[fresh.pk] == (20, 20)
        assert AuditEvent.objects.filter(verb__endswith="progress_normalised").count() == 3
        _migrate(BEFORE)
        restored = dict(CheckIn.objects.values_list("pk", "progress"))
        assert (restored[before.pk], restored[after.pk]) == (40, 90)
        assert Goal.objects.values_list("progress", flat=True).get(pk=free.pk) == 70
        assert not AuditEvent.objects.filter(verb__endswith="progress_normalised").exists()
    finally:
        _migrate(leaves)
