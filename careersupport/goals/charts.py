"""A small server-rendered SVG line chart of progress over time (no JavaScript, no CDN)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT, PAD = 600, 180, 32


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    progress: int


@dataclass(frozen=True)
class Chart:
    points: list[Point]
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

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
    def summary(self) -> str:
        return (
            f"Progress went from {self.first.progress}% on {_day(self.first.day)} "
            f"to {self.last.progress}% on {_day(self.last.day)} over {len(self.points)} check-ins."
        )


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _y(progress: int) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * progress / 100


def progress_chart(checkins: Iterable) -> Chart | None:
    """Place each check-in's progress on a time axis; None when fewer than two check-ins."""
    rows = sorted(((c.date, c.progress) for c in checkins), key=lambda row: row[0])
    if len(rows) < 2:
        return None
    start, end = rows[0][0], rows[-1][0]
    span = max((end - start).days, 1)
    points = [
        Point(
            x=PAD + (WIDTH - 2 * PAD) * (day - start).days / span,
            y=_y(progress),
            day=day,
            progress=progress,
        )
        for day, progress in rows
    ]
    return Chart(points=points)
