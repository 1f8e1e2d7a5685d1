"""What `coaching` does when HR deactivates a person (`people.signals`; the contract is in
`careersupport/people/signals.py`): connected in `CoachingConfig.ready`."""

from __future__ import annotations

from careersupport.people.models import Individual

from .services.leavers import coaching_end_for_leaver, coaching_leaver_preview


def end_for_leaver(*, person: Individual, actor: Individual, **_) -> None:
    coaching_end_for_leaver(person=person, actor=actor)


def preview_for_leaver(*, person: Individual, **_) -> list[str]:
    return coaching_leaver_preview(person)
