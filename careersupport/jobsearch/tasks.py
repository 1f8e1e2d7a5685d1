"""Celery tasks of the job search: ids (or nothing) in, a service call, nothing else."""

from __future__ import annotations

from celery import shared_task

from .services.figures import figures_refresh_all


@shared_task(name="jobsearch.refresh_figures", ignore_result=True)
def refresh_figures() -> int:
    """Hourly: HR's job-search figures of every employer, counted again and stored."""
    return figures_refresh_all()
