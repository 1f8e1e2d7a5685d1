"""`manage.py reminders_dispatch`: what beat does every minute, once, now."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from careersupport.notifications.tasks import dispatch_due_reminders


class Command(BaseCommand):
    help = (
        "Claim the due reminders and queue their send tasks on the broker now "
        "(beat runs this every minute; safe to run beside it)."
    )

    def handle(self, *args, **options):
        queued = dispatch_due_reminders()
        self.stdout.write(f"Queued {queued} reminder(s).")
