"""The roll-up job: idempotent, one query per figure family whatever the size, beat and HR's
refresh, and only HR of the employer may ask for one."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careersupport.reports.models import Figure, RollupRun
from careersupport.reports.registry import families
from careersupport.reports.services import rollup_compute, rollup_request, rollup_run
from careersupport.reports.tasks import rollup_employer
from tests.factories import EnrollmentFactory, OfferingFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _stored(employer) -> set:
    return {
        (
            f.family,
            f.grain,
            f.period,
            f.department,
            f.kind,
            f.offering,
            repr(f.values),
            repr(f.hidden),
        )
        for f in Figure.objects.for_employer(employer)
    }


def test_running_it_twice_stores_the_same_figures(world):
    rollup_run(employer=world.employer, today=TODAY)
    first = _stored(world.employer)
    rollup_run(employer=world.employer, today=TODAY)
    assert first and _stored(world.employer) == first


def test_it_replaces_the_employers_figures_and_leaves_others_alone(world, outsider):
    rollup_run(employer=outsider.employer, today=TODAY)
    theirs = _stored(outsider.employer)
    rollup_run(employer=world.employer, today=TODAY)
    world.workshop.enrollments.all().delete()
    run = rollup_run(employer=world.employer, today=TODAY)
    assert run.status == RollupRun.Status.DONE and run.finished_at and run.figures
    assert Figure.objects.for_employer(world.employer).count() == run.figures
    assert _stored(outsider.employer) == theirs


def _queries(employer) -> int:
    with CaptureQueriesContext(connection) as ctx:
        rollup_compute(employer=employer, today=TODAY)
    return len(ctx.captured_queries)


def test_one_query_per_figure_family_whatever_the_size(world):
    small = _queries(world.employer)
    for _ in range(30):
        offering = OfferingFactory(employer=world.employer, kind="workshop")
        for person in [*world.e, *world.s]:
            EnrollmentFactory(offering=offering, person=person, status="completed")
    assert _queries(world.employer) == small
    # Each family one query; HR's questions read their questions too.
    assert small == len(families()) + 1


def test_beat_runs_it_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["reports-rollup-all"]
    assert entry["task"] == "reports.rollup_all"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})


def test_hr_refresh_queues_one_run_and_the_task_runs_it(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run = rollup_request(employer=world.employer, actor=world.hr)
        again = rollup_request(employer=world.employer, actor=world.hr)
    assert again == run and len(callbacks) == 1 and run.status == RollupRun.Status.QUEUED
    rollup_employer(run.pk)
    run.refresh_from_db()
    assert run.status == RollupRun.Status.DONE and Figure.objects.for_employer(world.employer)


def test_a_duplicate_task_does_nothing(world):
    run = RollupRun.objects.create(employer=world.employer, status=RollupRun.Status.DONE)
    rollup_employer(run.pk)
    assert not Figure.objects.exists()


@pytest.mark.parametrize("who", ["employee", "manager", "outsider_hr"])
def test_only_hr_of_the_employer_may_refresh(request, world, who):
    with pytest.raises(PermissionDenied):
        rollup_request(employer=world.employer, actor=request.getfixturevalue(who))
    assert not RollupRun.objects.exists()
