"""What `notifications` does when HR deactivates a person (`people.signals`; the contract
is in `careersupport/people/signals.py`): connected in `NotificationsConfig.ready`."""

from __future__ import annotations

from careersupport.people.models import Individual

from .services import reminders_cancel_for_leaver


def cancel_for_leaver(*, person: Individual, **_) -> None:
    reminders_cancel_for_leaver(recipient=person)


def preview_for_leaver(*, person: Individual, **_) -> list[str]:
    return ["Every reminder still waiting to be sent to them is cancelled; their inbox is kept."]
