"""Celery tasks of the requests app: a service call, nothing else. Decisions, trial reviews,
repayments and leave next week are published by the services at write time; the only
periodic job is each approver's morning reminder of what waits for them."""

from __future__ import annotations

from celery import shared_task

from .services import waiting_publish


@shared_task(name="requests.publish_waiting", ignore_result=True)
def publish_waiting() -> int:
    """Hourly: keep each approver's 08:00 (their time) reminder of waiting requests current."""
    return waiting_publish()
