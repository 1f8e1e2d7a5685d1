"""The nightly roll-up: every family's figures for an employer, protected and stored.

Each family computes all its figures with one query (`registry.Family.compute`), small groups
are hidden (`suppression.suppress`), and the employer's figures are replaced in one
transaction: the pages read either the old set or the new one, and running it again on the
same data stores the same figures.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from careersupport.people.models import Employer, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import Figure, RollupRun
from ..periods import horizon
from ..registry import Context, families
from ..suppression import follow, suppress
from .surveys import answers_release

# A run queued or running for less than this is "under way"; HR's refresh joins it.
# The families' queries sort a few hundred thousand rows each: in memory, not on disk.
WORK_MEM = "64MB"
UNDER_WAY = timedelta(minutes=30)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 4)


def rollup_compute(*, employer: Employer, today: date | None = None) -> list[Figure]:
    """Every family's figures (unsaved), each cell with the measures it must not show."""
    today = today or timezone.now().date()
    context = Context(employer=employer, today=today, periods=horizon(today))
    figures = []
    for family in families().values():
        cells = family.compute(context)
        hidden = suppress(cells, family.people(cells), family.splits_of(cells))
        hidden = follow(hidden, family.about(cells))
        for coord, values in sorted(cells.items()):
            grain, period, department, kind, offering = coord
            figures.append(
                Figure(
                    employer=employer,
                    family=family.key,
                    grain=grain,
                    period=period,
                    department=department,
                    kind=kind,
                    offering=offering,
                    # A measure left out is 0.
                    values={name: _number(v) for name, v in sorted(values.items()) if v},
                    hidden=sorted(hidden.get(coord, ())),
                )
            )
    return figures


@transaction.atomic
def rollup_run(
    *, employer: Employer, run: RollupRun | None = None, today: date | None = None
) -> RollupRun:
    """Compute and store the employer's figures now (one roll-up of an employer at a time)."""
    started = time.monotonic()
    Employer.objects.select_for_update().get(pk=employer.pk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")  # this transaction only
    run = run or RollupRun.objects.create(
        employer=employer, status=RollupRun.Status.RUNNING, started_at=timezone.now()
    )
    answers_release(employer=employer)
    figures = rollup_compute(employer=employer, today=today)
    Figure.objects.for_employer(employer).delete()
    Figure.objects.bulk_create(figures, batch_size=2000)
    run.status = RollupRun.Status.DONE
    run.finished_at = timezone.now()
    run.figures = len(figures)
    run.seconds = round(time.monotonic() - started, 3)
    run.error = ""
    run.save()
    return run


def rollup_claim(*, run_id: int) -> RollupRun | None:
    """The queued run, now running; None when another worker took it or it is not queued."""
    claimed = RollupRun.objects.filter(pk=run_id, status=RollupRun.Status.QUEUED).update(
        status=RollupRun.Status.RUNNING, started_at=timezone.now()
    )
    return RollupRun.objects.select_related("employer").get(pk=run_id) if claimed else None


def _queue(run: RollupRun) -> None:
    from ..tasks import rollup_employer

    transaction.on_commit(lambda: rollup_employer.delay(run.pk))


@transaction.atomic
def rollup_request(*, employer: Employer, actor: Individual) -> RollupRun:
    """HR's "Refresh now": a run queued for a worker, or the one already under way."""
    require_hr(actor, employer)
    under_way = (
        RollupRun.objects.for_employer(employer)
        .filter(
            status__in=[RollupRun.Status.QUEUED, RollupRun.Status.RUNNING],
            requested_at__gte=timezone.now() - UNDER_WAY,
        )
        .first()
    )
    if under_way:
        return under_way
    run = RollupRun.objects.create(employer=employer, requested_by=actor)
    audit(employer=employer, actor=actor, verb="reports.refresh_requested", target=run)
    _queue(run)
    return run


def rollups_queue_all() -> int:
    """Beat, nightly: a run queued for every employer."""
    queued = 0
    for employer in Employer.objects.all():
        with transaction.atomic():
            _queue(RollupRun.objects.create(employer=employer))
        queued += 1
    return queued
