"""Where a goal's progress comes from, for the pages that show it (the rule itself is kept by
the services: `services.common._refresh_progress`).

- With milestones: the share of them done.
- Without: the latest check-in's figure.
- Before the first check-in, without milestones: the owner's starting figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import models


class SourceKind(models.TextChoices):
    """Templates compare with these (`ProgressSourceKind` in the choices context processor)."""

    MILESTONES = "milestones", "From its milestones"
    CHECKIN = "checkin", "From the latest check-in"
    START = "start", "The starting figure"


MILESTONES, CHECKIN, START = SourceKind.MILESTONES, SourceKind.CHECKIN, SourceKind.START


@dataclass(frozen=True)
class ProgressSource:
    kind: str
    done: int = 0
    total: int = 0
    checkin_date: date | None = None

    @property
    def follows_milestones(self) -> bool:
        return self.kind == MILESTONES


def progress_source(milestones: Sequence, latest_checkin) -> ProgressSource:
    """`milestones`: the goal's (loaded); `latest_checkin`: its most recent one, or None."""
    if milestones:
        done = sum(1 for m in milestones if m.done)
        return ProgressSource(MILESTONES, done=done, total=len(milestones))
    if latest_checkin is not None:
        return ProgressSource(CHECKIN, checkin_date=latest_checkin.date)
    return ProgressSource(START)
