"""What programs contributes to surveys and HR's reports (`careersupport/reports/registry.py`).

A **participation** is an enrollment that holds or held a seat: enrolled, completed, or
withdrawn after taking a seat (policies are acknowledged, not enrolled in). It starts when the
seat was taken and stops when it was completed or withdrawn, or, for one still enrolled, on the
offering's last day once that has passed. It counts as active in every period it overlaps.
Days are UTC calendar days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from django.db.models import Max, OuterRef, Subquery
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
from careersupport.reports.suppression import Split

from .models import Enrollment, Offering, SessionRegistration

Kind = Offering.Kind
# Kinds one belongs to rather than finishes: no completion is counted for them.
ONGOING_KINDS = (Kind.ERG, Kind.EAP, Kind.WELLNESS, Kind.CHILDCARE, Kind.POLICY)
# Event kinds whose survey follows the last session the person registered for.
SESSION_SURVEY_KINDS = (
    Kind.WORKSHOP,
    Kind.CONFERENCE,
    Kind.NETWORKING,
    Kind.CAREER_FAIR,
    Kind.TRAINING,
    Kind.MANAGER_TRAINING,
)


def _in(values) -> str:
    return ", ".join(f"'{str(v)}'" for v in values)  # our own enum values, never input


def participations_cte(d: sql.Dialect, *, employer_id: int, today: date) -> tuple[str, list]:
    """`part`: one row per participation of the employer, with its person's department and
    kind, its first and last day (`stop` NULL while it runs)."""
    enrollment, offering, person = (sql.table(m) for m in (Enrollment, Offering, Individual))
    start = d.day("COALESCE(e.started_at, e.decided_at, e.created_at)")
    ended = d.day("COALESCE(e.ended_at, e.updated_at)")
    text = f"""part AS (
        SELECT e.person_id, e.offering_id, o.kind, e.status, e.outcome, o.ends_on,
            i.department_id AS department, i.kind AS person_kind, i.is_returner,
            {start} AS start,
            CASE WHEN e.status IN ('completed', 'withdrawn') THEN {ended}
                 WHEN o.ends_on IS NOT NULL AND o.ends_on < %s THEN o.ends_on
            END AS stop
        FROM {enrollment} e
        JOIN {offering} o ON o.id = e.offering_id
        JOIN {person} i ON i.id = e.person_id
        WHERE e.employer_id = %s AND o.kind <> 'policy'
          AND (e.status IN ('enrolled', 'completed')
               OR (e.status = 'withdrawn' AND e.started_at IS NOT NULL))
    )"""
    return text, [today, employer_id]


def _within(column: str) -> str:
    return f"({column} >= p.start AND {column} < p.stop)"


# Each counts the people with its flag (`sql.people_cube`); "1": everyone taking part.
PARTICIPATION = {
    "enrolled": "started",
    "active": "1",
    "first_time": "first_time",
    "partners": "partner",
    "returners": "returner",
    "ended": "ended",
    "completed": "completed",
}


def participation(ctx: Context) -> Cells:
    d = sql.Dialect()
    periods, period_params = sql.periods_cte(ctx.periods)
    part, part_params = participations_cte(d, employer_id=ctx.employer.pk, today=ctx.today)
    ongoing = _in(ONGOING_KINDS)
    text = f"""WITH {periods}, {part},
    ranked AS (SELECT part.*, MIN(start) OVER (PARTITION BY person_id) AS first_start FROM part),
    base AS (
        SELECT p.grain, p.start AS period, r.department, r.kind, r.offering_id AS offering,
            r.person_id,
            CASE WHEN {_within("r.start")} THEN 1 ELSE 0 END AS started,
            CASE WHEN r.start = r.first_start AND {_within("r.start")} THEN 1 ELSE 0 END
                AS first_time,
            CASE WHEN r.person_kind = 'partner' THEN 1 ELSE 0 END AS partner,
            CASE WHEN r.is_returner THEN 1 ELSE 0 END AS returner,
            CASE WHEN r.kind NOT IN ({ongoing}) AND {_within("r.stop")} THEN 1 ELSE 0 END
                AS ended,
            CASE WHEN r.kind NOT IN ({ongoing}) AND r.status = 'completed'
                 AND {_within("r.stop")} THEN 1 ELSE 0 END AS completed
        FROM ranked r
        JOIN periods p ON r.start < p.stop AND (r.stop IS NULL OR r.stop >= p.start)
    )
    {sql.people_cube(PARTICIPATION)}"""
    return sql.fetch_cells(text, period_params + part_params, list(PARTICIPATION))


REENTRY = {
    "with_outcome": "COUNT(DISTINCT person_id)",
    "placed": "COUNT(DISTINCT CASE WHEN outcome = 'placed' THEN person_id END)",
    "extended": "COUNT(DISTINCT CASE WHEN outcome = 'extended' THEN person_id END)",
    "exited": "COUNT(DISTINCT CASE WHEN outcome = 'exited' THEN person_id END)",
}


def reentry(ctx: Context) -> Cells:
    """Returners with an outcome, in the period their programme ended for them."""
    d = sql.Dialect()
    periods, period_params = sql.periods_cte(ctx.periods)
    part, part_params = participations_cte(d, employer_id=ctx.employer.pk, today=ctx.today)
    text = f"""WITH {periods}, {part},
    base AS (
        SELECT p.grain, p.start AS period, r.department, r.kind, r.offering_id AS offering,
            r.person_id, r.outcome
        FROM part r
        JOIN periods p ON {_within("COALESCE(r.stop, r.ends_on)")}
        WHERE r.kind = 'reentry' AND r.outcome <> ''
    )
    {sql.cube(REENTRY, levels=(sql.OFFERING, sql.KIND))}"""
    return sql.fetch_cells(text, period_params + part_params, list(REENTRY))


FIGURE_FAMILIES = [
    Family(
        key="participation",
        label="Participation",
        measures=(
            Measure("active", "Taking part"),
            Measure("enrolled", "Joined"),
            Measure("first_time", "First time"),
            Measure("partners", "Partners"),
            Measure("returners", "Returners"),
            Measure("ended", "Ended"),
            Measure("completed", "Completed"),
        ),
        compute=participation,
        size="active",
    ),
    Family(
        key="reentry",
        label="Re-entry outcomes",
        measures=(
            Measure("with_outcome", "Returners with an outcome"),
            Measure("placed", "Placed in a role"),
            Measure("extended", "Extended"),
            Measure("exited", "Exited"),
        ),
        compute=reentry,
        splits=(Split("with_outcome", ("placed", "extended", "exited")),),
        size="with_outcome",
    ),
]


# --- surveys ---------------------------------------------------------------------------------


def _enrollments_due(employer: Employer, since: date, today: date) -> Iterator[SurveyDue]:
    """Completed from `since` on; or, for an event, the last session the person registered
    for ended from `since` on (and none of theirs is still to come)."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    now = timezone.now()
    # Coaching and mentorship survey their own end (coaching/reports.py, mentorship/reports.py).
    scoped = Enrollment.objects.for_employer(employer).exclude(
        offering__kind__in=(Kind.POLICY, *Offering.HANDOFF_KINDS)
    )
    fields = (
        "pk",
        "person_id",
        "offering_id",
        "offering__kind",
        "offering__title",
        "offering__is_confidential",
    )
    completed = scoped.filter(status=Enrollment.Status.COMPLETED, ended_at__gte=start)
    last_session = (
        SessionRegistration.objects.filter(
            person=OuterRef("person"), session__offering=OuterRef("offering")
        )
        .values("person")
        .annotate(last=Max("session__ends_at"))
        .values("last")
    )
    attended = (
        scoped.filter(status=Enrollment.Status.ENROLLED, offering__kind__in=SESSION_SURVEY_KINDS)
        .annotate(last_session=Subquery(last_session))
        .filter(last_session__gte=start, last_session__lte=now)
    )
    for queryset in (completed, attended):
        for pk, person_id, offering_id, kind, title, confidential in queryset.values_list(*fields):
            yield SurveyDue(
                person_id=person_id,
                source_id=pk,
                subject=kind,
                about=title,
                offering_id=offering_id,
                confidential=confidential,
            )


SURVEY_SOURCES = [
    SurveySource(
        key="programs.enrollment",
        label="An offering ended for a participant",
        due=_enrollments_due,
    )
]
