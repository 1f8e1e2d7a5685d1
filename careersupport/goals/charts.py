"""A small server-rendered SVG line chart of progress over time (no JavaScript, no CDN).

The chart starts where the owner started (the goal's starting figure, when it was set), then
has a point per check-in in the order they were recorded, by the moment each was recorded
(two on one day are two points, apart), and, when the milestones have moved progress since
the latest check-in, a last point for now. One check-in already draws a line from the start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from django.db import models
from django.utils import timezone

WIDTH, HEIGHT, PAD = 600, 180, 32
PLOT = WIDTH - 2 * PAD
# Points closer than this (px) are spread apart, keeping their order: two check-ins recorded
# an hour apart on a chart of a year would otherwise be drawn as one dot.
MIN_GAP = 14


class PointKind(models.TextChoices):
    """Templates compare with these (`ChartPointKind` in the choices context processor)."""

    START = "start", "Start"
    CHECKIN = "checkin", "Check-in"
    NOW = "now", "Now, from the milestones"


START, CHECKIN, NOW = PointKind.START, PointKind.CHECKIN, PointKind.NOW


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    progress: int
    kind: str

    @property
    def label(self) -> str:
        return PointKind(self.kind).label


@dataclass(frozen=True)
class Chart:
    points: list[Point]
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD

    @property
    def line(self) -> list[Point]:
        """The start and the check-ins (the move since the latest one is drawn apart)."""
        return [p for p in self.points if p.kind != NOW]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.line)

    @property
    def since(self) -> tuple[Point, Point] | None:
        """From the latest check-in to now, when the milestones moved progress since."""
        if self.points[-1].kind != NOW:
            return None
        return self.points[-2], self.points[-1]

    @property
    def gridlines(self) -> list[tuple[int, float]]:
        """(percent, y) for 0, 50 and 100 %."""
        return [(pct, _y(pct)) for pct in (0, 50, 100)]

    @property
    def first(self) -> Point:
        return self.points[0]

    @property
    def last(self) -> Point:
        return self.points[-1]

    @property
    def one_day(self) -> bool:
        return self.first.day == self.last.day

    @property
    def centre(self) -> float:
        return WIDTH / 2

    @property
    def summary(self) -> str:
        """The chart in words, in the order things were recorded."""
        checkins = [p for p in self.points if p.kind == CHECKIN]
        latest, start = checkins[-1], self.first
        text = f"Progress went from {start.progress}% at the start on {_day(start.day)} to "
        if len(checkins) == 1:
            text += f"{latest.progress}% at the check-in on {_day(latest.day)}."
        else:
            text += (
                f"{latest.progress}% at the latest of {len(checkins)} check-ins, "
                f"on {_day(latest.day)}."
            )
        if self.since:
            text += f" It is {self.last.progress}% now, from its milestones."
        return text


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _y(progress: int) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * progress / 100


def _positions(moments: list[datetime]) -> list[float]:
    """Each moment's place from 0 to 1 along the time axis, in order and never closer than
    MIN_GAP; moments that are all the same are spread evenly."""
    n = len(moments)
    span = (moments[-1] - moments[0]).total_seconds()
    if span <= 0:
        return [i / (n - 1) for i in range(n)]
    places = [(m - moments[0]).total_seconds() / span for m in moments]
    gap = min(MIN_GAP / PLOT, 1 / (n - 1))
    for i in range(1, n):
        places[i] = max(places[i], places[i - 1] + gap)
    places[-1] = min(places[-1], 1.0)
    for i in range(n - 2, -1, -1):
        places[i] = max(0.0, min(places[i], places[i + 1] - gap))
    return places


def progress_chart(goal, checkins: Iterable, tz: tzinfo | None = None) -> Chart | None:
    """The goal's chart, from its start through its check-ins; None before the first check-in.

    `checkins` in any order (they are put in the order recorded); `tz` is the zone of the
    dates shown for the start and for now (the owner's: check-in dates are theirs)."""
    recorded = sorted(checkins, key=lambda c: (c.created_at, c.pk))
    if not recorded:
        return None
    tz = tz or timezone.get_current_timezone()
    begun = min(goal.created_at, recorded[0].created_at)
    rows: list[tuple[datetime, date, int, str]] = [
        (begun, timezone.localtime(begun, tz).date(), goal.start_progress, START)
    ]
    rows += [(c.created_at, c.date, c.progress, CHECKIN) for c in recorded]
    if goal.progress != recorded[-1].progress:
        # Only milestones move progress between check-ins (the rule); the goal's last
        # change is when they did.
        moment = max(goal.updated_at or recorded[-1].created_at, recorded[-1].created_at)
        rows.append((moment, timezone.localtime(moment, tz).date(), goal.progress, NOW))
    places = _positions([row[0] for row in rows])
    points = [
        Point(x=PAD + PLOT * place, y=_y(progress), day=day, progress=progress, kind=kind)
        for place, (_, day, progress, kind) in zip(places, rows, strict=True)
    ]
    return Chart(points=points)
