"""The survey figures (this app's own contribution to the registry, as `<app>/reports.py`
is each other app's).

- **Response rate**: of the people asked in the period (by the day the survey was sent), the
  share who answered.
- **Rating**: the mean of the 1–5 ratings; **recommend score**: the share of promoters (9 or
  10 of 10) minus the share of detractors (0 to 6), from -100 to 100; both over the answers to
  the surveys sent in the period (an answer keeps only that month).
- **HR's questions**: per question, how many answered it, the mean of a scale and how many
  chose each choice. Each choice is a group of people like any other: its count is hidden
  from 1 to 4, and the answerers split into the choices, so one small choice is never the
  rest of the others (`suppression.py`); a hidden choice's share is "not shown".
"""

from __future__ import annotations

import re
from collections import defaultdict

from . import sql
from .models import ALL, NO_DEPARTMENT, SurveyAnswer, SurveyInvitation, SurveyQuestion
from .periods import MONTH, QUARTER, YEAR, start_of
from .registry import Cells, Context, Family, Measure
from .suppression import Split

NULL = sql.NULL_MEASURE
# People asked, and those of them who answered (`sql.people_cube`).
REACH = {"invited": "1", "answered": "answered"}
RESULTS = {
    "responses": "COUNT(*)",
    "rating_sum": "SUM(rating)",
    "promoters": "SUM(CASE WHEN recommend >= 9 THEN 1 ELSE 0 END)",
    "detractors": "SUM(CASE WHEN recommend <= 6 THEN 1 ELSE 0 END)",
}


def surveys(ctx: Context) -> Cells:
    d = sql.Dialect()
    periods, params = sql.periods_cte(ctx.periods)
    invitation, answer = sql.table(SurveyInvitation), sql.table(SurveyAnswer)
    text = f"""WITH {periods},
    asked AS (
        SELECT p.grain, p.start AS period, s.department_id AS department, s.subject AS kind,
            s.offering_id AS offering, s.person_id,
            CASE WHEN s.answered THEN 1 ELSE 0 END AS answered
        FROM {invitation} s
        JOIN periods p ON {d.day("s.sent_at")} >= p.start AND {d.day("s.sent_at")} < p.stop
        WHERE s.employer_id = %s
    ),
    answers AS (
        SELECT p.grain, p.start AS period, a.department_id AS department, a.subject AS kind,
            a.offering_id AS offering, a.rating, a.recommend
        FROM {answer} a
        JOIN periods p ON a.month >= p.start AND a.month < p.stop
        WHERE a.employer_id = %s
    )
    {sql.people_cube(REACH, source="asked", nulls=RESULTS)}
    UNION ALL
    {sql.cube({**dict.fromkeys(REACH, NULL), **RESULTS}, source="answers")}"""
    names = [*REACH, *RESULTS]
    return sql.fetch_cells(text, [*params, ctx.employer.pk, ctx.employer.pk], names)


def question_measure(question_id: int, what: str) -> str:
    """`q<id>_n` (answers), `q<id>_sum` (a scale's total), `q<id>_c<i>` (the i-th choice)."""
    return f"q{int(question_id)}_{what}"


def questions(ctx: Context) -> Cells:
    """Answers to HR's scale and choice questions, per subject (HR asks per subject)."""
    asked = {
        q.pk: q
        for q in SurveyQuestion.objects.for_employer(ctx.employer).exclude(
            type=SurveyQuestion.Type.TEXT
        )
    }
    wanted = {(p.grain, p.start) for p in ctx.periods}
    cells: dict = defaultdict(lambda: defaultdict(float))
    rows = (
        SurveyAnswer.objects.for_employer(ctx.employer)
        .exclude(extra={})
        .values_list("subject", "department_id", "month", "extra")
    )
    for subject, department, month, extra in rows.iterator(chunk_size=5000):
        measures: dict[str, float] = {}
        for key, value in extra.items():
            question = asked.get(int(key))
            if question is None or value in ("", None):
                continue
            measures[question_measure(question.pk, "n")] = 1
            if question.type == SurveyQuestion.Type.SCALE:
                measures[question_measure(question.pk, "sum")] = int(value)
            elif value in question.choices:
                measures[question_measure(question.pk, f"c{question.choices.index(value)}")] = 1
        if not measures:
            continue
        for grain in (MONTH, QUARTER, YEAR):
            period = start_of(month, grain)
            if (grain, period) not in wanted:
                continue
            for dept in (ALL, department or NO_DEPARTMENT):
                cell = cells[(grain, period, dept, subject, ALL)]
                for name, value in measures.items():
                    cell[name] += value
    return {coord: dict(values) for coord, values in cells.items()}


QUESTION_MEASURE = re.compile(r"^q(\d+)_(n|sum|c\d+)$")


def _question_measures(cells: Cells) -> dict[int, set[str]]:
    """Each question's measures found in the cells, by its id."""
    found: dict[int, set[str]] = defaultdict(set)
    for values in cells.values():
        for name in values:
            if match := QUESTION_MEASURE.match(name):
                found[int(match[1])].add(match[2])
    return found


def question_people(cells: Cells) -> list[str]:
    """The answerers of each question, and those who chose each choice."""
    return sorted(
        question_measure(q, what)
        for q, found in _question_measures(cells).items()
        for what in found | {"n"}
        if what != "sum"
    )


def question_splits(cells: Cells) -> tuple[Split, ...]:
    """Each choice question's answerers split into the choices chosen."""
    splits = []
    for q, found in sorted(_question_measures(cells).items()):
        choices = sorted(question_measure(q, what) for what in found if what.startswith("c"))
        if len(choices) >= 2:  # one choice alone is all the answerers, hidden with them
            splits.append(Split(question_measure(q, "n"), tuple(choices)))
    return tuple(splits)


def question_about(cells: Cells) -> dict[str, str]:
    """A scale's total is about the question's answerers."""
    return {
        question_measure(q, "sum"): question_measure(q, "n")
        for q, found in _question_measures(cells).items()
        if "sum" in found
    }


FIGURE_FAMILIES = [
    Family(
        key="surveys",
        label="Surveys",
        measures=(
            Measure("invited", "Asked"),
            Measure("answered", "Answered"),
            Measure("responses", "Answers"),
            Measure("rating_sum", "Sum of ratings", people=False, about="responses"),
            Measure("promoters", "Promoters", people=False, about="responses"),
            Measure("detractors", "Detractors", people=False, about="responses"),
        ),
        compute=surveys,
        size="invited",
    ),
    Family(
        key="questions",
        label="HR's questions",
        measures=(),
        compute=questions,
        people_in=question_people,
        splits_in=question_splits,
        about_in=question_about,
    ),
]
