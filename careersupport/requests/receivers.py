"""What `requests` does when HR deactivates a person (`people.signals`; the contract is in
`careersupport/people/signals.py`): connected in `RequestsConfig.ready`."""

from __future__ import annotations

from careersupport.people.models import Individual

from .services.leavers import leaver_preview, requests_close_for_leaver


def close_for_leaver(*, person: Individual, actor: Individual, **_) -> None:
    requests_close_for_leaver(person=person, actor=actor)


def preview_for_leaver(*, person: Individual, **_) -> list[str]:
    return leaver_preview(person)
