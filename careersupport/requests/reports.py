"""What requests contributes to surveys and HR's reports (`careersupport/reports/registry.py`).

- **Return rate after parental leave**: of the people whose approved parental leave ended in
  the period (its last day, once past), the share whose return to work HR recorded.
- **Retention 12 months after return**: of the people whose recorded return was twelve months
  ago in the period (once that day is past), the share still employed on that day.
- A **survey** follows a recorded return to work from any leave (inbox only: it tells of leave).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from careersupport.people.models import Employer, Individual
from careersupport.reports import sql
from careersupport.reports.models import LEAVE_RETURN
from careersupport.reports.registry import (
    Cells,
    Context,
    Family,
    Measure,
    SurveyDue,
    SurveySource,
)
from careersupport.reports.suppression import Split

from .models import LeavePolicy, LeaveRequest, Status

LEAVE = {
    "leave_ended": "COUNT(DISTINCT CASE WHEN ended = 1 THEN person_id END)",
    "returned": "COUNT(DISTINCT CASE WHEN ended = 1 AND returned = 1 THEN person_id END)",
    "year_after": "COUNT(DISTINCT CASE WHEN anniversary = 1 THEN person_id END)",
    "retained": "COUNT(DISTINCT CASE WHEN anniversary = 1 AND retained = 1 THEN person_id END)",
}


def leave(ctx: Context) -> Cells:
    d = sql.Dialect()
    periods, period_params = sql.periods_cte(ctx.periods)
    request, policy, person = (sql.table(m) for m in (LeaveRequest, LeavePolicy, Individual))
    mark = d.plus_months("l.returned_on", 12)
    within = "({0} >= p.start AND {0} < p.stop AND {0} < %s)"
    text = f"""WITH {periods},
    leaves AS (
        SELECT l.person_id, l.end_date, l.returned_on, i.department_id AS department,
            {mark} AS mark,
            CASE WHEN i.deactivated_at IS NULL OR {d.day("i.deactivated_at")} >= {mark}
                 THEN 1 ELSE 0 END AS retained
        FROM {request} l
        JOIN {policy} pol ON pol.id = l.policy_id
        JOIN {person} i ON i.id = l.person_id
        WHERE l.employer_id = %s AND l.status = %s AND pol.kind = %s
    ),
    base AS (
        SELECT p.grain, p.start AS period, l.department, '' AS kind, 0 AS offering,
            l.person_id, l.retained,
            CASE WHEN {within.format("l.end_date")} THEN 1 ELSE 0 END AS ended,
            CASE WHEN l.returned_on IS NOT NULL THEN 1 ELSE 0 END AS returned,
            CASE WHEN {within.format("l.mark")} THEN 1 ELSE 0 END AS anniversary
        FROM leaves l
        JOIN periods p ON (l.end_date >= p.start AND l.end_date < p.stop)
            OR (l.mark >= p.start AND l.mark < p.stop)
    )
    {sql.cube(LEAVE, levels=(sql.TOTAL,))}"""
    params = [
        *period_params,
        ctx.employer.pk,
        Status.APPROVED,
        LeavePolicy.Kind.PARENTAL,
        ctx.today,
        ctx.today,
    ]
    return sql.fetch_cells(text, params, list(LEAVE))


FIGURE_FAMILIES = [
    Family(
        key="leave",
        label="Parental leave",
        measures=(
            Measure("leave_ended", "Parental leave ended"),
            Measure("returned", "Returned to work"),
            Measure("year_after", "Returned 12 months before"),
            Measure("retained", "Still employed"),
        ),
        compute=leave,
        splits=(Split("leave_ended", ("returned",)), Split("year_after", ("retained",))),
    )
]


def _returns_due(employer: Employer, since: date, today: date) -> Iterator[SurveyDue]:
    returns = LeaveRequest.objects.for_employer(employer).filter(
        status=Status.APPROVED, returned_on__gte=since, returned_on__lte=today
    )
    for pk, person_id in returns.values_list("pk", "person_id"):
        yield SurveyDue(
            person_id=person_id,
            source_id=pk,
            subject=LEAVE_RETURN,
            about="your return to work after leave",
            confidential=True,
        )


SURVEY_SOURCES = [
    SurveySource(key="requests.leave_return", label="A return from leave", due=_returns_due)
]
