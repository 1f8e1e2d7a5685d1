"""What `mentorship` does when HR deactivates a person (`people.signals`; the contract is in
`careersupport/people/signals.py`): connected in `MentorshipConfig.ready`."""

from __future__ import annotations

from careersupport.people.models import Individual

from .services.leavers import mentorship_end_for_leaver, mentorship_leaver_preview


def end_for_leaver(*, person: Individual, actor: Individual, **_) -> None:
    mentorship_end_for_leaver(person=person, actor=actor)


def preview_for_leaver(*, person: Individual, **_) -> list[str]:
    return mentorship_leaver_preview(person)
