"""Reporting periods: calendar months, quarters and years, and the horizon the roll-up covers.

A period is named by its grain and its first day; it runs up to (not including) the first day
of the next. The roll-up covers whole calendar years (`YEARS` of them, the current one last),
so every year's quarters and every quarter's months are all there for the suppression of
totals (a year is the sum of its quarters, a quarter of its months).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTH, QUARTER, YEAR = "month", "quarter", "year"
GRAINS = (MONTH, QUARTER, YEAR)
GRAIN_LABELS = {MONTH: "Month", QUARTER: "Quarter", YEAR: "Year"}
YEARS = 3
# How many periods of each grain a trend table shows, ending with the chosen one.
TREND = {MONTH: 12, QUARTER: 8, YEAR: YEARS}


def start_of(day: date, grain: str) -> date:
    if grain == MONTH:
        return day.replace(day=1)
    if grain == QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def next_start(start: date, grain: str) -> date:
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[grain]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def previous_start(start: date, grain: str) -> date:
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[grain]
    index = start.year * 12 + start.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def parent_start(start: date, grain: str) -> tuple[str, date] | None:
    """The period one grain up that holds this one (a month's quarter, a quarter's year)."""
    if grain == MONTH:
        return QUARTER, start_of(start, QUARTER)
    if grain == QUARTER:
        return YEAR, start_of(start, YEAR)
    return None


@dataclass(frozen=True, order=True)
class Period:
    grain: str
    start: date

    @property
    def stop(self) -> date:
        return next_start(self.start, self.grain)

    @property
    def code(self) -> str:
        """How the period is written in a URL: `2026-03`, `2026-Q1`, `2026`."""
        if self.grain == MONTH:
            return f"{self.start:%Y-%m}"
        if self.grain == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.grain == MONTH:
            return f"{self.start:%b %Y}"
        if self.grain == QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)

    def trend(self) -> list[Period]:
        """The periods of a trend table: this one and those before it, oldest first."""
        starts = [self.start]
        for _ in range(TREND[self.grain] - 1):
            starts.append(previous_start(starts[-1], self.grain))
        return [Period(self.grain, s) for s in reversed(starts)]


CODE = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$")


def parse(code: str) -> Period | None:
    match = CODE.match(code or "")
    if not match:
        return None
    year, month, quarter = match.groups()
    if month:
        if not 1 <= int(month) <= 12:
            return None
        return Period(MONTH, date(int(year), int(month), 1))
    if quarter:
        return Period(QUARTER, date(int(year), 3 * (int(quarter) - 1) + 1, 1))
    return Period(YEAR, date(int(year), 1, 1))


def horizon(today: date) -> list[Period]:
    """Every period the roll-up computes: the months, quarters and years of the last `YEARS`
    calendar years, up to the one holding `today`."""
    first = date(today.year - YEARS + 1, 1, 1)
    periods = []
    for grain in GRAINS:
        start = first
        while start <= today:
            periods.append(Period(grain, start))
            start = next_start(start, grain)
    return periods


def default(today: date) -> Period:
    """The year so far, or the last one in its first two months (little to show yet)."""
    return Period(YEAR, date(today.year - (1 if today.month <= 2 else 0), 1, 1))
