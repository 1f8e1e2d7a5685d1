"""`manage.py reminders_status`: is delivery keeping up? Backlog, oldest pending, failures."""

from __future__ import annotations

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.utils import timezone

from careersupport.notifications import selectors
from careersupport.notifications.models import Reminder


class Command(BaseCommand):
    help = "Show reminders by state and kind, the oldest pending one and the recent failures."

    def add_arguments(self, parser):
        parser.add_argument("--failures", type=int, default=10, help="How many failures to list.")

    def handle(self, *args, failures: int, **options):
        now = timezone.now()
        backlog = selectors.backlog()
        table: dict[str, dict[str, int]] = defaultdict(dict)
        for row in backlog["by_state_kind"]:
            table[row["kind"]][row["state"]] = row["n"]
        states = [state for state, _ in Reminder.State.choices]
        self.stdout.write(self.style.MIGRATE_HEADING("Reminders by kind and state"))
        width = max([len("kind"), *(len(kind) for kind in table)])
        self.stdout.write("  ".join(["kind".ljust(width), *(s.rjust(9) for s in states)]))
        totals = dict.fromkeys(states, 0)
        for kind in sorted(table):
            counts = [table[kind].get(state, 0) for state in states]
            for state, n in zip(states, counts, strict=True):
                totals[state] += n
            self.stdout.write("  ".join([kind.ljust(width), *(str(n).rjust(9) for n in counts)]))
        self.stdout.write(
            "  ".join(["total".ljust(width), *(str(totals[s]).rjust(9) for s in states)])
        )

        oldest = backlog["oldest_pending"]
        self.stdout.write(self.style.MIGRATE_HEADING("Oldest pending"))
        if oldest is None:
            self.stdout.write("none: nothing is waiting")
        else:
            late = now - oldest.due_at
            status = f"{_duration(late)} overdue" if late.total_seconds() > 0 else "not yet due"
            self.stdout.write(
                f"#{oldest.pk} {oldest.kind} for {oldest.recipient}, due "
                f"{oldest.due_at:%Y-%m-%d %H:%M} UTC ({status}), attempts {oldest.attempts}"
                + (f", last error: {oldest.last_error}" if oldest.last_error else "")
            )
            overdue = Reminder.objects.filter(state=Reminder.State.PENDING, due_at__lte=now).count()
            self.stdout.write(f"{overdue} pending reminder(s) are due now or overdue")

        self.stdout.write(self.style.MIGRATE_HEADING(f"Recent failures (last {failures})"))
        recent = selectors.recent_failures(limit=failures)
        if not recent:
            self.stdout.write("none")
        for reminder in recent:
            self.stdout.write(
                f"#{reminder.pk} {reminder.updated_at:%Y-%m-%d %H:%M} {reminder.employer} · "
                f"{reminder.kind} for {reminder.recipient} after {reminder.attempts} attempts: "
                f"{reminder.last_error}"
            )


def _duration(delta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"
