"""Reading the roll-up in tests: `cell(figures, family, grain, period, ...)`."""

from __future__ import annotations

from datetime import date

from careersupport.reports.models import ALL, Figure
from careersupport.reports.services import rollup_compute

from .conftest import TODAY


def computed(employer, today: date = TODAY) -> dict[tuple, Figure]:
    return {
        (f.family, f.grain, f.period, f.department, f.kind, f.offering): f
        for f in rollup_compute(employer=employer, today=today)
    }


def cell(
    figures: dict,
    family: str,
    grain: str,
    period: date,
    department: int = ALL,
    kind: str = "",
    offering: int = ALL,
) -> Figure:
    return figures[(family, grain, period, department, kind, offering)]


def value(figure: Figure, name: str) -> float:
    return figure.values.get(name, 0)
