"""The one query of a figure family: every total of its cube in a single statement.

A family writes a `base` query with one row per (record, period) it counts, with the columns
`grain, period, department, kind, offering, person_id` and its own flag columns; `cube()`
wraps it into the totals every page can ask for: each period, by each department and for all
departments, per offering, per kind and overall. It is a UNION ALL of GROUP BYs over one
common table expression (PostgreSQL computes it once), the same text on PostgreSQL and SQLite.
Identifiers come from the models; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import connection

from .models import ALL, NO_DEPARTMENT
from .periods import Period
from .suppression import Coord

OFFERING, KIND, TOTAL = "offering", "kind", "total"
LEVELS = (OFFERING, KIND, TOTAL)
NULL_MEASURE = "CAST(NULL AS INTEGER)"


class Dialect:
    """The few expressions PostgreSQL and SQLite spell differently."""

    def __init__(self, vendor: str | None = None):
        self.vendor = vendor or connection.vendor

    @property
    def postgres(self) -> bool:
        return self.vendor == "postgresql"

    def day(self, timestamp: str) -> str:
        """A timestamp as its calendar day in UTC (report periods are UTC days)."""
        if self.postgres:
            return f"(({timestamp}) AT TIME ZONE 'UTC')::date"
        return f"date({timestamp})"

    def plus_days(self, day: str, days: int) -> str:
        if self.postgres:
            return f"(({day}) + {int(days)})"
        return f"date({day}, '{int(days):+d} days')"

    def plus_months(self, day: str, months: int) -> str:
        if self.postgres:
            return f"(({day}) + interval '{int(months)} months')::date"
        return f"date({day}, '{int(months):+d} months')"


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def periods_cte(periods: Sequence[Period]) -> tuple[str, list]:
    """`periods(grain, start, stop)`: each period of the roll-up, its days [start, stop)."""
    rows = ", ".join(["(%s, %s, %s)"] * len(periods))
    params: list = []
    for period in periods:
        params += [period.grain, period.start, period.stop]
    return f"periods(grain, start, stop) AS (VALUES {rows})", params


def cube(
    measures: dict[str, str],
    *,
    levels: Iterable[str] = LEVELS,
    source: str = "base",
) -> str:
    """Every total of `source` (a CTE's name): each level of the programme by each department
    and for all departments. `measures` maps a name to its aggregate over `source`'s rows
    (`NULL_MEASURE` for one this source does not count, when two cubes are united)."""
    aggregates = ", ".join(f"{expr} AS {name}" for name, expr in measures.items())
    branches = []
    for level in levels:
        for by_department in (True, False):
            department = f"COALESCE(department, {NO_DEPARTMENT})" if by_department else str(ALL)
            kind = "kind" if level in (OFFERING, KIND) else "''"
            offering = "offering" if level == OFFERING else str(ALL)
            keys = ["grain", "period"]
            keys += [department] if by_department else []
            keys += ["kind"] if level in (OFFERING, KIND) else []
            keys += ["offering"] if level == OFFERING else []
            # A record of no offering (a return from leave) has no offering's row.
            where = " WHERE offering IS NOT NULL" if level == OFFERING else ""
            branches.append(
                f"SELECT grain, period, {department} AS department, {kind} AS kind, "
                f"{offering} AS offering, {aggregates} FROM {source}{where} "
                f"GROUP BY {', '.join(keys)}"
            )
    return "\nUNION ALL\n".join(branches)


def people_cube(
    flags: dict[str, str],
    *,
    levels: Iterable[str] = LEVELS,
    source: str = "base",
    nulls: Iterable[str] = (),
) -> str:
    """`cube()` for measures that each count the distinct people with a flag (`flags` maps a
    name to a 0/1 column expression of `source`; "1" counts everyone): each group keeps every
    person once with their flags' maximum, then sums them. The same figures as
    `COUNT(DISTINCT CASE WHEN flag = 1 THEN person_id END)`, with two hash aggregates per
    branch instead of a sort per measure (what makes the largest family fast). `nulls`: the
    measures, after these, that this source does not count (when two cubes are united)."""
    inner = ", ".join(f"MAX({expr}) AS {name}" for name, expr in flags.items())
    outer = ", ".join(
        [f"SUM({name}) AS {name}" for name in flags]
        + [f"{NULL_MEASURE} AS {name}" for name in nulls]
    )
    branches = []
    for level in levels:
        for by_department in (True, False):
            department = f"COALESCE(department, {NO_DEPARTMENT})" if by_department else str(ALL)
            kind = "kind" if level in (OFFERING, KIND) else "''"
            offering = "offering" if level == OFFERING else str(ALL)
            keys = ["grain", "period"]
            keys += [department] if by_department else []
            keys += ["kind"] if level in (OFFERING, KIND) else []
            keys += ["offering"] if level == OFFERING else []
            where = " WHERE offering IS NOT NULL" if level == OFFERING else ""
            branches.append(
                f"SELECT grain, period, department, kind, offering, {outer} FROM ("
                f"SELECT grain, period, {department} AS department, {kind} AS kind, "
                f"{offering} AS offering, {inner} FROM {source}{where} "
                f"GROUP BY {', '.join(keys)}, person_id) AS per_person "
                f"GROUP BY grain, period, department, kind, offering"
            )
    return "\nUNION ALL\n".join(branches)


def fetch_cells(sql: str, params: list, names: Sequence[str]) -> dict[Coord, dict[str, float]]:
    """Run the family's query; each row is one coordinate and its measures. A row whose kind
    is NULL (people in no offering, at the kind level) is left out: it is no kind's total."""
    cells: dict[Coord, dict[str, float]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for grain, period, department, kind, offering, *values in cursor.fetchall():
            if kind is None:
                continue
            if not isinstance(period, date):
                period = date.fromisoformat(str(period)[:10])
            coord = (grain, period, int(department), kind, int(offering or 0))
            measures = cells.setdefault(coord, {})
            for name, value in zip(names, values, strict=True):
                if value is not None:
                    measures[name] = measures.get(name, 0) + float(value)
    return cells
