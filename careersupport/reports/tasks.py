"""Celery tasks of the reports app: ids in, a service call, nothing else."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .models import RollupRun
from .services import rollup_claim, rollup_run, rollups_queue_all, surveys_publish


@shared_task(name="reports.rollup_all", ignore_result=True)
def rollup_all() -> int:
    """Nightly: queue the roll-up of every employer."""
    return rollups_queue_all()


@shared_task(name="reports.rollup_employer", ignore_result=True)
def rollup_employer(run_id: int) -> None:
    """One employer's roll-up (queued nightly or by HR's refresh); a duplicate does nothing."""
    run = rollup_claim(run_id=run_id)
    if run is None:
        return
    try:
        rollup_run(employer=run.employer, run=run)
    except Exception as error:
        RollupRun.objects.filter(pk=run.pk).update(
            status=RollupRun.Status.FAILED, finished_at=timezone.now(), error=repr(error)[:2000]
        )
        raise


@shared_task(name="reports.publish_surveys", ignore_result=True)
def publish_surveys() -> int:
    """Hourly: invite everyone something ended for to its survey."""
    return surveys_publish()
