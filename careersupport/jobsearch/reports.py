"""What the job search contributes to HR's reports (`careersupport/reports/registry.py`).

Partners only (the employees who turned the tracker on for themselves are not counted), by
the partner's department (usually none), overall (no kind of offering, no offering):

- **Searching**: partners with an application on their tracker by the end of the period who
  had not yet accepted a job when it began.
- **Placed**: partners who accepted their first job in the period (the first `Outcome`).
- **Median days to the job**: from the partner's first invitation to that first job, over
  those placed in the period; shown only for at least `MIN_GROUP` of them.

Days are UTC days, as every report period is. No survey follows a job search.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, datetime

from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce

from careersupport.people.models import Individual, Invitation
from careersupport.reports.models import ALL, NO_DEPARTMENT
from careersupport.reports.registry import Cells, Context, Family, Measure
from careersupport.reports.suppression import Split

from .models import Application, Outcome


def _first(model, field: str, owner: str = "owner"):
    return Subquery(
        model.objects.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(first=Min(field))
        .values("first")
    )


def placements(ctx: Context) -> Cells:
    """One query: each partner who ever had an application, with their first invitation,
    first application and first job; the periods are counted here (a median does not add
    up across groups, so SQL's cube of totals cannot make it)."""
    partners = (
        Individual.objects.for_employer(ctx.employer)
        .filter(kind=Individual.Kind.PARTNER)
        .annotate(
            first_application=_first(Application, "created_at"),
            placed_at=_first(Outcome, "accepted_at"),
            invited_at=_first(Invitation, "created_at", owner="individual"),
        )
        .filter(first_application__isnull=False)
        .annotate(dept=Coalesce("department_id", NO_DEPARTMENT))
        .values_list("pk", "dept", "first_application", "placed_at", "invited_at")
    )
    people: dict[tuple, set[int]] = defaultdict(set)  # (coord, measure) -> partners
    waits: dict[tuple, list[int]] = defaultdict(list)  # coord -> days to the job
    for pk, department, applied_at, placed_at, invited_at in partners:
        applied, placed = applied_at.date(), _day(placed_at)
        invited = _day(invited_at)
        wait = max(0, (placed - invited).days) if placed and invited else None
        for period in ctx.periods:
            searching = applied < period.stop and (placed is None or placed >= period.start)
            if not searching:
                continue
            placed_now = placed is not None and placed < period.stop
            for dept in (department, ALL):
                coord = (period.grain, period.start, dept, "", ALL)
                people[coord, "searching"].add(pk)
                if placed_now:
                    people[coord, "placed"].add(pk)
                    if wait is not None:
                        people[coord, "timed"].add(pk)
                        waits[coord].append(wait)
    cells: dict = defaultdict(dict)
    for (coord, measure), who in people.items():
        cells[coord][measure] = len(who)
    for coord, days in waits.items():
        cells[coord]["median_days"] = statistics.median(days)
    return dict(cells)


def _day(moment: datetime | None) -> date | None:
    """The UTC day of a stored moment (Django hands them over in UTC)."""
    return moment.date() if moment is not None else None


FIGURE_FAMILIES = [
    Family(
        key="jobsearch",
        label="Partners' job search",
        measures=(
            Measure("searching", "Partners searching"),
            Measure("placed", "Placed in a job"),
            Measure("timed", "Placed, invited through the employer"),
            Measure(
                "median_days",
                "Median days from invitation to the job",
                people=False,
                about="timed",
            ),
        ),
        compute=placements,
        # Those still searching at the end are a group of their own.
        splits=(Split("searching", ("placed",)),),
        size="searching",
    )
]
