"""Celery tasks of mentorship: a service call each, nothing else."""

from __future__ import annotations

from celery import shared_task

from .services import close_ended, health_refresh


@shared_task(name="mentorship.refresh_health", ignore_result=True)
def refresh_health() -> int:
    """Hourly: store each pair's health label; tell both sides of a stalled pair."""
    return health_refresh()


@shared_task(name="mentorship.close_ended", ignore_result=True)
def close_ended_mentorships() -> int:
    """Hourly: close the pairs whose agreement has ended; both are asked for feedback."""
    return close_ended()
