"""Survey figures against hand counts: response rate, rating, recommend score and HR's own
questions, from invitations and released answers built by hand."""

from __future__ import annotations

from datetime import date

import pytest

from careersupport.reports.figures import question_measure
from careersupport.reports.models import ALL, SurveyQuestion
from tests.factories import SurveyAnswerFactory, SurveyInvitationFactory

from .conftest import at
from .helpers import cell, computed, value

pytestmark = pytest.mark.django_db
MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


@pytest.fixture
def answered(world):
    for i, person in enumerate(world.e):
        SurveyInvitationFactory(
            person=person,
            offering=world.workshop,
            sent_at=at(date(2026, 3, 5)),
            answered=i < 5,
        )
    for rating, recommend in [(5, 10), (4, 9), (4, 7), (3, 3), (5, 10)]:
        SurveyAnswerFactory(
            employer=world.employer,
            offering=world.workshop,
            department=world.eng,
            month=MARCH,
            rating=rating,
            recommend=recommend,
        )
    for i, person in enumerate(world.s[:2]):
        SurveyInvitationFactory(
            person=person,
            subject="training",
            offering=world.training,
            sent_at=at(date(2026, 4, 3)),
            answered=i == 0,
        )
    SurveyAnswerFactory(
        employer=world.employer,
        subject="training",
        offering=world.training,
        department=world.sales,
        month=APRIL,
        rating=2,
        recommend=0,
    )


def test_march_counts_who_was_asked_who_answered_and_what(answered, world):
    march = cell(computed(world.employer), "surveys", "month", MARCH)
    assert march.values == {
        "invited": 6,
        "answered": 5,
        "responses": 5,
        "rating_sum": 21,  # a mean of 4.2
        "promoters": 3,
        "detractors": 1,  # a recommend score of (3 - 1) / 5 = 40
    }


def test_per_offering_and_per_department(answered, world):
    figures = computed(world.employer)
    training = cell(
        figures, "surveys", "month", APRIL, world.sales.pk, "training", world.training.pk
    )
    year = cell(figures, "surveys", "year", date(2026, 1, 1))
    assert training.values == {
        "invited": 2,
        "answered": 1,
        "responses": 1,
        "rating_sum": 2,
        "detractors": 1,
    }
    assert (value(year, "invited"), value(year, "responses"), value(year, "rating_sum")) == (
        8,
        6,
        23,
    )


def test_answers_under_five_hide_their_count_and_rate_but_five_show(answered, world):
    figures = computed(world.employer)
    march = cell(figures, "surveys", "month", MARCH)
    april = cell(figures, "surveys", "month", APRIL)
    assert not {"invited", "answered", "responses"} & set(march.hidden)
    assert {"invited", "answered", "responses"} <= set(april.hidden)  # 2 asked, 1 answered


def test_hr_questions_count_answers_mean_and_choices(world):
    scale = SurveyQuestion.objects.create(
        employer=world.employer, subject="workshop", text="Pace?", type="scale"
    )
    choice = SurveyQuestion.objects.create(
        employer=world.employer,
        subject="workshop",
        text="Format?",
        type="choice",
        choices=["Online", "In person"],
    )
    for points, pick in [(4, "Online"), (5, "Online"), (2, "In person"), (3, ""), (4, "Online")]:
        SurveyAnswerFactory(
            employer=world.employer,
            month=MARCH,
            department=world.eng,
            extra={str(scale.pk): points, **({str(choice.pk): pick} if pick else {})},
        )
    march = cell(computed(world.employer), "questions", "month", MARCH, ALL, "workshop")
    assert value(march, question_measure(scale.pk, "n")) == 5
    assert value(march, question_measure(scale.pk, "sum")) == 18
    assert value(march, question_measure(choice.pk, "n")) == 4
    assert value(march, question_measure(choice.pk, "c0")) == 3
    assert question_measure(choice.pk, "n") in march.hidden  # four answers
