"""Celery tasks of coaching: a service call each. Session reminders are published at write
time; these are beat's hourly checks (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from .services import idle_engagements_publish, waiting_requests_publish


@shared_task(name="coaching.publish_waiting_requests", ignore_result=True)
def publish_waiting_requests() -> int:
    """Requests a coach has not answered for two working days: remind them and HR."""
    return waiting_requests_publish()


@shared_task(name="coaching.publish_idle_engagements", ignore_result=True)
def publish_idle_engagements() -> int:
    """Active coaching with sessions left and none booked for 30 days: remind the coachee."""
    return idle_engagements_publish()
