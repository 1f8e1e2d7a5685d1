"""Who may see or change which notification: the recipient only; failures: HR of the employer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from careersupport.people.models import Individual

from .models import Notification, Reminder


def get_notification_for_user(viewer: Individual, pk: int) -> Notification:
    """The viewer's own notification; anyone else's is a 404, as if it did not exist."""
    return get_object_or_404(Notification.objects.filter(recipient=viewer), pk=pk)


def get_failed_reminder_for_hr(viewer: Individual, pk: int) -> Reminder:
    if not viewer.is_hr_admin:
        raise PermissionDenied
    return get_object_or_404(
        Reminder.objects.for_employer(viewer.employer).filter(state=Reminder.State.FAILED), pk=pk
    )
