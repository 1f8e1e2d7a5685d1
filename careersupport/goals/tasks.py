"""Celery tasks of goals: ids (or nothing) in, a service call, nothing else.

Check-in due and overdue reminders are published by the goal services at write time; the only
periodic job is the weekly summary of overdue check-ins to each manager.
"""

from __future__ import annotations

from celery import shared_task

from .team_summary import team_summaries_publish


@shared_task(name="goals.publish_team_summaries", ignore_result=True)
def publish_team_summaries() -> int:
    """Hourly: keep each manager's Monday 09:00 summary of overdue check-ins up to date."""
    return team_summaries_publish()
