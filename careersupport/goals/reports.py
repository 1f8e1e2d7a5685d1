"""What goals contributes to HR's reports (`careersupport/reports/registry.py`): goals achieved
by participants against non-participants over the same period.

A goal counts in the period its target date falls in (drafts never count); it is achieved when
its status is achieved. Its owner is a participant in that period if one of their
participations (`programs/reports.py`) overlaps it (a participant of a kind, for that kind's
row), and a non-participant if none does.
"""

from __future__ import annotations

from careersupport.people.models import Individual
from careersupport.reports import sql
from careersupport.reports.registry import Cells, Context, Family, Measure
from programs.reports import participations_cte

from .models import Goal

GOALS = {
    "participants": "COUNT(DISTINCT CASE WHEN kind IS NOT NULL THEN person_id END)",
    "participant_goals": "COUNT(DISTINCT CASE WHEN kind IS NOT NULL THEN goal_id END)",
    "participant_achieved": (
        "COUNT(DISTINCT CASE WHEN kind IS NOT NULL AND achieved = 1 THEN goal_id END)"
    ),
    "others": "COUNT(DISTINCT CASE WHEN kind IS NULL THEN person_id END)",
    "other_goals": "COUNT(DISTINCT CASE WHEN kind IS NULL THEN goal_id END)",
    "other_achieved": "COUNT(DISTINCT CASE WHEN kind IS NULL AND achieved = 1 THEN goal_id END)",
}


def goals(ctx: Context) -> Cells:
    d = sql.Dialect()
    periods, period_params = sql.periods_cte(ctx.periods)
    part, part_params = participations_cte(d, employer_id=ctx.employer.pk, today=ctx.today)
    goal, person = sql.table(Goal), sql.table(Individual)
    text = f"""WITH {periods}, {part},
    taking_part AS (
        SELECT DISTINCT pa.person_id, pa.kind, pp.grain, pp.start
        FROM part pa
        JOIN periods pp ON pa.start < pp.stop AND (pa.stop IS NULL OR pa.stop >= pp.start)
    ),
    base AS (
        SELECT p.grain, p.start AS period, i.department_id AS department, t.kind,
            0 AS offering, g.owner_id AS person_id, g.id AS goal_id,
            CASE WHEN g.status = 'achieved' THEN 1 ELSE 0 END AS achieved
        FROM {goal} g
        JOIN {person} i ON i.id = g.owner_id
        JOIN periods p ON g.target_date >= p.start AND g.target_date < p.stop
        LEFT JOIN taking_part t
            ON t.person_id = g.owner_id AND t.grain = p.grain AND t.start = p.start
        WHERE g.employer_id = %s AND g.status <> 'draft' AND i.kind <> 'external'
    )
    {sql.cube(GOALS, levels=(sql.KIND, sql.TOTAL))}"""
    return sql.fetch_cells(text, period_params + part_params + [ctx.employer.pk], list(GOALS))


FIGURE_FAMILIES = [
    Family(
        key="goals",
        label="Goals achieved",
        measures=(
            Measure("participants", "Participants with a goal due"),
            Measure("participant_goals", "Their goals due", people=False, about="participants"),
            Measure("participant_achieved", "Achieved", people=False, about="participants"),
            Measure("others", "Non-participants with a goal due"),
            Measure("other_goals", "Their goals due", people=False, about="others"),
            Measure("other_achieved", "Achieved", people=False, about="others"),
        ),
        compute=goals,
        size="participants",
    )
]
