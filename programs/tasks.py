from __future__ import annotations

from celery import shared_task

from .services.digest import pending_approvals_publish


@shared_task(name="programs.publish_pending_approvals")
def publish_pending_approvals() -> int:
    """Every morning: publish HR's pending-approval reminders (notifications delivers them)."""
    return pending_approvals_publish()
