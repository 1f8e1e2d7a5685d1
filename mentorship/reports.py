"""What mentorship contributes to surveys and HR's reports (`careersupport/reports/registry.py`).

A **pair** runs from its start to its close (or its agreed end, while still open). Per
programme (its offering) and the mentee's department: the mentees and the mentors in a pair
during the period, the pairs started and closed in it, and the mentees' closing feedback of
the pairs closed in it (their rating of 1 to 5). A **survey** goes to the mentee when a pair
closes (not when HR closes it to re-pair them).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone

from careersupport.people.models import Employer, Individual
from careersupport.reports import sql
from careersupport.reports.registry import (
    Cells,
    Context,
    Family,
    Measure,
    SurveyDue,
    SurveySource,
)
from programs.models import Offering

from .models import Feedback, Mentorship, Programme

PAIRS = {
    "mentees": "COUNT(DISTINCT person_id)",
    "mentors": "COUNT(DISTINCT mentor_id)",
    "started": "COUNT(DISTINCT CASE WHEN started = 1 THEN person_id END)",
    "closed": "COUNT(DISTINCT CASE WHEN closed = 1 THEN person_id END)",
    "feedback": "COUNT(CASE WHEN closed = 1 THEN rating END)",
    "feedback_sum": "SUM(CASE WHEN closed = 1 THEN rating END)",
}


def pairs(ctx: Context) -> Cells:
    d = sql.Dialect()
    periods, params = sql.periods_cte(ctx.periods)
    mentorship, programme, person, feedback = (
        sql.table(m) for m in (Mentorship, Programme, Individual, Feedback)
    )
    closed = d.day("m.closed_at")
    text = f"""WITH {periods},
    pair AS (
        SELECT m.id, m.mentee_id AS person_id, m.mentor_id, pr.offering_id,
            i.department_id AS department, m.started_on AS start,
            CASE WHEN m.closed_at IS NOT NULL THEN {closed} END AS stop,
            f.rating
        FROM {mentorship} m
        JOIN {programme} pr ON pr.id = m.programme_id
        JOIN {person} i ON i.id = m.mentee_id
        LEFT JOIN {feedback} f ON f.mentorship_id = m.id AND f.side = 'mentee'
        WHERE m.employer_id = %s
    ),
    base AS (
        SELECT p.grain, p.start AS period, pa.department, 'mentorship' AS kind,
            pa.offering_id AS offering, pa.person_id, pa.mentor_id, pa.rating,
            CASE WHEN pa.start >= p.start AND pa.start < p.stop THEN 1 ELSE 0 END AS started,
            CASE WHEN pa.stop >= p.start AND pa.stop < p.stop THEN 1 ELSE 0 END AS closed
        FROM pair pa
        JOIN periods p ON pa.start < p.stop AND (pa.stop IS NULL OR pa.stop >= p.start)
    )
    {sql.cube(PAIRS, levels=(sql.OFFERING, sql.KIND))}"""
    return sql.fetch_cells(text, [*params, ctx.employer.pk], list(PAIRS))


FIGURE_FAMILIES = [
    Family(
        key="mentorship",
        label="Mentorship",
        measures=(
            Measure("mentees", "Mentees in a pair"),
            Measure("mentors", "Mentors in a pair"),
            Measure("started", "Pairs started"),
            Measure("closed", "Pairs closed"),
            Measure("feedback", "Closing feedback"),
            Measure("feedback_sum", "Sum of ratings", people=False, about="feedback"),
        ),
        compute=pairs,
        size="mentees",
    )
]


def _closed_due(employer: Employer, since: date, today: date) -> Iterator[SurveyDue]:
    start = timezone.make_aware(datetime.combine(since, time.min))
    closed = (
        Mentorship.objects.for_employer(employer)
        .filter(status=Mentorship.Status.CLOSED, closed_at__gte=start)
        .exclude(close_reason="Re-paired by HR")  # the pair goes on with another mentor
        .values_list("pk", "mentee_id", "programme__offering_id", "programme__offering__title")
    )
    for pk, mentee_id, offering_id, title in closed:
        yield SurveyDue(
            person_id=mentee_id,
            source_id=pk,
            subject=Offering.Kind.MENTORSHIP,
            about=f"your mentorship in {title}",
            offering_id=offering_id,
        )


SURVEY_SOURCES = [
    SurveySource(key="mentorship.mentorship", label="A mentorship closed", due=_closed_due)
]
