"""What coaching contributes to surveys and HR's reports (`careersupport/reports/registry.py`).

An **engagement** counts once it is under way (it has a start day): from that day to the day
it ended (completed or cancelled), or on while it runs. Per programme (the coaching offering
it came through, or `NO_OFFERING` for coaching asked for directly) and the coachee's
department:

- **Coachees**: people whose coaching overlaps the period; **started**: it began in the
  period; **ended** and **completed**: it ended in the period, and of those, completed (the
  rest were cancelled early). Completion rate = completed / ended.
- **Sessions held** in the period (chemistry calls left out), and the coachees' **session
  ratings** (1–5) of those sessions. Each is shown like the count of the people it is about:
  the coachees who had those sessions, and the coachees who rated them (the mean rating
  needs at least five of them, however many sessions they rated).
- **Final reviews** of the engagements completed in the period: how many, how many would
  recommend their coach, and the mean progress on their goals (1–5).

A **survey** goes to the coachee when an engagement under way ends (completed or cancelled).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone

from careersupport.people.models import Employer, Individual
from careersupport.reports import sql
from careersupport.reports.models import NO_OFFERING
from careersupport.reports.registry import (
    Cells,
    Context,
    Family,
    Measure,
    SurveyDue,
    SurveySource,
)
from careersupport.reports.suppression import Split
from programs.models import Enrollment, Offering

from .models import Engagement, FinalReview, Session, SessionFeedback

NULL = sql.NULL_MEASURE
ENGAGEMENTS = {
    "coachees": "COUNT(DISTINCT person_id)",
    "started": "COUNT(DISTINCT CASE WHEN started = 1 THEN person_id END)",
    "ended": "COUNT(DISTINCT CASE WHEN ended = 1 THEN person_id END)",
    "completed": "COUNT(DISTINCT CASE WHEN ended = 1 AND status = 'completed' THEN person_id END)",
    "reviewed": "COUNT(DISTINCT CASE WHEN ended = 1 AND progress IS NOT NULL THEN person_id END)",
    "recommend": "COUNT(DISTINCT CASE WHEN ended = 1 AND recommend = 1 THEN person_id END)",
    "progress_sum": "SUM(CASE WHEN ended = 1 THEN progress END)",
}
SESSIONS = {
    "session_coachees": "COUNT(DISTINCT person_id)",
    "raters": "COUNT(DISTINCT CASE WHEN rating IS NOT NULL THEN person_id END)",
    "sessions": "COUNT(*)",
    "rated": "COUNT(rating)",
    "rating_sum": "SUM(rating)",
}


def engagements(ctx: Context) -> Cells:
    d = sql.Dialect()
    periods, params = sql.periods_cte(ctx.periods)
    engagement, enrollment, person, review, session, feedback = (
        sql.table(m)
        for m in (Engagement, Enrollment, Individual, FinalReview, Session, SessionFeedback)
    )
    text = f"""WITH {periods},
    eng AS (
        SELECT g.id, g.coachee_id AS person_id, g.status,
            COALESCE(en.offering_id, {NO_OFFERING}) AS offering_id,
            i.department_id AS department, g.started_on AS start,
            CASE WHEN g.ended_at IS NOT NULL THEN {d.day("g.ended_at")} END AS stop,
            CASE WHEN g.status = 'completed' THEN r.goal_progress END AS progress,
            CASE WHEN g.status = 'completed' AND r.would_recommend THEN 1 ELSE 0 END
                AS recommend
        FROM {engagement} g
        JOIN {person} i ON i.id = g.coachee_id
        LEFT JOIN {enrollment} en ON en.id = g.enrollment_id
        LEFT JOIN {review} r ON r.engagement_id = g.id
        WHERE g.employer_id = %s AND g.started_on IS NOT NULL
    ),
    base AS (
        SELECT p.grain, p.start AS period, e.department, 'coaching' AS kind,
            e.offering_id AS offering, e.person_id, e.status, e.progress, e.recommend,
            CASE WHEN e.start >= p.start AND e.start < p.stop THEN 1 ELSE 0 END AS started,
            CASE WHEN e.stop >= p.start AND e.stop < p.stop THEN 1 ELSE 0 END AS ended
        FROM eng e
        JOIN periods p ON e.start < p.stop AND (e.stop IS NULL OR e.stop >= p.start)
    ),
    held AS (
        SELECT p.grain, p.start AS period, i.department_id AS department, 'coaching' AS kind,
            COALESCE(en.offering_id, {NO_OFFERING}) AS offering, s.coachee_id AS person_id,
            f.rating
        FROM {session} s
        JOIN {engagement} g ON g.id = s.engagement_id
        JOIN {person} i ON i.id = s.coachee_id
        LEFT JOIN {enrollment} en ON en.id = g.enrollment_id
        LEFT JOIN {feedback} f ON f.session_id = s.id
        JOIN periods p ON {d.day("s.starts_at")} >= p.start AND {d.day("s.starts_at")} < p.stop
        WHERE g.employer_id = %s AND s.status = 'held' AND s.kind = 'session'
    )
    {sql.cube({**ENGAGEMENTS, **dict.fromkeys(SESSIONS, NULL)}, levels=(sql.OFFERING, sql.KIND))}
    UNION ALL
    {
        sql.cube(
            {**dict.fromkeys(ENGAGEMENTS, NULL), **SESSIONS},
            levels=(sql.OFFERING, sql.KIND),
            source="held",
        )
    }"""
    names = [*ENGAGEMENTS, *SESSIONS]
    return sql.fetch_cells(text, [*params, ctx.employer.pk, ctx.employer.pk], names)


FIGURE_FAMILIES = [
    Family(
        key="coaching",
        label="Coaching",
        measures=(
            Measure("coachees", "Coachees"),
            Measure("started", "Started"),
            Measure("ended", "Ended"),
            Measure("completed", "Completed"),
            Measure("reviewed", "Final reviews"),
            Measure("recommend", "Would recommend their coach"),
            Measure("progress_sum", "Sum of goal progress", people=False, about="reviewed"),
            Measure("session_coachees", "Coachees with a session held"),
            Measure("raters", "Coachees who rated a session"),
            Measure("sessions", "Sessions held", people=False, about="session_coachees"),
            Measure("rated", "Sessions rated", people=False, about="raters"),
            Measure("rating_sum", "Sum of session ratings", people=False, about="raters"),
        ),
        compute=engagements,
        # Those who would not recommend their coach are a group of their own.
        splits=(Split("reviewed", ("recommend",)),),
        size="coachees",
    )
]


def _ended_due(employer: Employer, since: date, today: date) -> Iterator[SurveyDue]:
    start = timezone.make_aware(datetime.combine(since, time.min))
    ended = (
        Engagement.objects.for_employer(employer)
        .filter(status__in=Engagement.ENDED, started_on__isnull=False, ended_at__gte=start)
        .values_list("pk", "coachee_id", "enrollment__offering_id")
    )
    for pk, coachee_id, offering_id in ended:
        yield SurveyDue(
            person_id=coachee_id,
            source_id=pk,
            subject=Offering.Kind.COACHING,
            about="your coaching",
            offering_id=offering_id,
        )


SURVEY_SOURCES = [SurveySource(key="coaching.engagement", label="Coaching ended", due=_ended_due)]
