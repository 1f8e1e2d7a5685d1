"""A group of fewer than five people shows nothing derived from it: not the goals or the
sessions they had, nor a rating of them, in the table, its chart or its CSV; and a trend's
period or a total row whose group is hidden is not listed at all."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from careersupport.reports.models import SurveyQuestion
from careersupport.reports.registry import families
from careersupport.reports.services import rollup_run
from coaching.models import SessionFeedback
from tests.factories import (
    CoachingSessionFactory,
    CoachProfileFactory,
    EngagementFactory,
    EnrollmentFactory,
    GoalFactory,
    IndividualFactory,
    OfferingFactory,
    SurveyAnswerFactory,
)

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db
MARCH = {"period": "2026-03"}


def _rolled(employer, clock):
    clock(at(TODAY))
    rollup_run(employer=employer, today=TODAY)


def _everything(client, table: str, query: dict) -> tuple[list[str], str, list[list[str]]]:
    """The table's cells, its chart's texts (bars, title, summary) and its CSV rows."""
    response = client.get(reverse("reports:results"), query)
    found = next(t for t in response.context["tables"] if t.key == table)
    cells = [c.text for row in found.rows for c in row.cells]
    chart = found.chart
    texts = "" if chart is None else " ".join([chart.summary, *(b.text for b in chart.bars)])
    download = client.get(reverse("reports:table-csv", args=[table]), query)
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    return cells, texts, rows


@pytest.fixture
def three_with_many_goals(employer):
    """Three people in a March workshop with 12 goals due in March, 9 achieved (75%); three
    in nothing with 6 goals, 3 achieved (50%)."""
    workshop = OfferingFactory(
        employer=employer, starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31)
    )
    for i in range(6):
        person = IndividualFactory(employer=employer)
        if i < 3:
            EnrollmentFactory(
                offering=workshop,
                person=person,
                status="completed",
                started_at=at(date(2026, 3, 2)),
            )
        goals = 4 if i < 3 else 2
        for day in range(goals):
            achieved = day < goals - 1 if i < 3 else day == 0
            GoalFactory(
                owner=person,
                target_date=date(2026, 3, 10 + day),
                status="achieved" if achieved else "active",
            )


def test_goals_of_three_participants_show_nowhere(
    three_with_many_goals, employer, hr_admin, client_for, clock
):
    _rolled(employer, clock)
    client = client_for(hr_admin)
    cells, chart, rows = _everything(client, "goals", MARCH)
    for shown in ("75%", "50%", "12", "9", "6", "3"):
        assert shown not in cells and not any(shown in row for row in rows[1:])
    assert "75%" not in chart and "50%" not in chart
    assert "Mar 2026" not in [row[0] for row in rows[1:]]  # the period is not listed


@pytest.fixture
def coach(employer):
    return CoachProfileFactory(individual__employer=employer).individual


def _coached(coach, person, sessions: int, rating: int | None, hour: int):
    engagement = EngagementFactory(coachee=person, coach=coach, started_on=date(2026, 2, 2))
    for day in range(sessions):
        held = CoachingSessionFactory(
            engagement=engagement,
            starts_at=at(date(2026, 3, 2 + day), hour),
            ends_at=at(date(2026, 3, 2 + day), hour + 1),
            kind="session",
            status="held",
        )
        if rating:
            SessionFeedback.objects.create(
                session=held,
                engagement=engagement,
                coach=coach,
                coachee=person,
                rating=rating,
            )


def test_sessions_of_three_coachees_show_nowhere_not_even_in_the_total(
    employer, hr_admin, coach, client_for, clock
):
    for i, rating in enumerate((4, 4, 5)):  # 21 sessions, rated 4.3 on average
        _coached(coach, IndividualFactory(employer=employer), 7, rating, hour=8 + i)
    _rolled(employer, clock)
    cells, chart, rows = _everything(client_for(hr_admin), "coaching", MARCH)
    for shown in ("21", "4.3", "3"):
        assert shown not in cells and not any(shown in row for row in rows[1:])
    assert "21" not in chart and "4.3" not in chart
    assert rows[1:] == []  # not the programme's row, nor "All of coaching"


def test_a_session_rating_needs_five_coachees_who_rated_not_five_sessions(
    employer, hr_admin, coach, client_for, clock
):
    # Six coachees, 36 sessions held; only three of them rated theirs (18 ratings of 2).
    for i in range(6):
        _coached(coach, IndividualFactory(employer=employer), 6, 2 if i < 3 else None, 8 + i)
    _rolled(employer, clock)
    response = client_for(hr_admin).get(reverse("reports:results"), MARCH)
    coaching = next(t for t in response.context["tables"] if t.key == "coaching")
    total = next(r for r in coaching.rows if r.total)
    by_label = {c.label: cell.text for c, cell in zip(coaching.columns, total.cells, strict=True)}
    assert (by_label["Coachees"], by_label["Sessions held"]) == ("6", "36")
    assert by_label["Session rating (1–5)"] == "not shown"


def test_every_figure_that_counts_no_one_names_the_people_it_is_about():
    for family in families().values():
        people = {m.name for m in family.measures if m.people}
        for measure in family.measures:
            assert measure.people or measure.about in people, (family.key, measure.name)


def _format_answers(employer, picks: dict[str, int]):
    question = SurveyQuestion.objects.create(
        employer=employer,
        subject="workshop",
        text="Format?",
        type="choice",
        choices=["Online", "In person", "Both"],
    )
    for pick, times in picks.items():
        for _ in range(times):
            SurveyAnswerFactory(
                employer=employer, month=date(2026, 3, 1), extra={question.pk: pick}
            )
    return question


def _choice_result(client, query) -> str:
    response = client.get(reverse("reports:surveys"), {**query, "kind": "workshop"})
    table = next(t for t in response.context["tables"] if t.key == "questions")
    ((answers, result),) = [row.cells for row in table.rows]
    assert result.text in response.content.decode()
    return result.text


def test_a_choice_of_one_to_four_people_shows_no_share(employer, hr_admin, client_for, clock):
    # Twelve answered: 7 online, 3 in person, 2 both. The two small choices are hidden
    # (together five, so neither is the rest of the other).
    _format_answers(employer, {"Online": 7, "In person": 3, "Both": 2})
    _rolled(employer, clock)
    result = _choice_result(client_for(hr_admin), MARCH)
    assert result == "Online 58% · In person not shown · Both not shown"


def test_small_choices_that_make_fewer_than_five_together_hide_a_third(
    employer, hr_admin, client_for, clock
):
    # 5 online, 1 in person, 1 both: the two small ones would be 7 - 5, so online hides too.
    _format_answers(employer, {"Online": 5, "In person": 1, "Both": 1})
    _rolled(employer, clock)
    result = _choice_result(client_for(hr_admin), MARCH)
    assert result == "Online not shown · In person not shown · Both not shown"
