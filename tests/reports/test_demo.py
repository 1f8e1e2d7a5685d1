"""The demo: a year of history behind every report, at least one hidden cell, surveys for the
demo employee to answer, and a second run that changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from careersupport.people.models import Individual
from careersupport.reports.models import (
    Figure,
    RollupRun,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
)
from careersupport.requests.models import LeaveRequest
from programs.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def _counts():
    models = (Figure, RollupRun, SurveyInvitation, SurveyAnswer, SurveyQuestion)
    return [m.objects.count() for m in (*models, Enrollment, LeaveRequest, Individual)]


def test_a_second_run_changes_nothing(seeded):
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first


def test_every_family_has_figures_and_some_are_hidden(seeded):
    families = set(Figure.objects.values_list("family", flat=True))
    assert {"participation", "reentry", "goals", "leave", "surveys", "questions"} <= families
    assert Figure.objects.exclude(hidden=[]).exists()


def _shown(response) -> list[str]:
    return [
        cell.text
        for table in response.context["tables"]
        for row in table.rows
        for cell in row.cells
        if not cell.hidden and cell.text not in ("0", "—")
    ]


@pytest.mark.parametrize("page", ["reports:participation", "reports:results", "reports:surveys"])
def test_every_report_page_opens_on_real_figures_and_a_hidden_one(seeded, client_for, page):
    hr = Individual.objects.get(email="hr@example.com")
    response = client_for(hr).get(reverse(page))
    assert len(_shown(response)) > 10 and b"not shown" in response.content


def test_every_table_of_the_default_period_shows_a_figure(seeded, client_for):
    client = client_for(Individual.objects.get(email="hr@example.com"))
    for page in ("reports:participation", "reports:results", "reports:surveys"):
        for table in client.get(reverse(page)).context["tables"]:
            shown = [c for r in table.rows for c in r.cells if not c.hidden and c.text != "—"]
            assert any(c.text not in ("0",) for c in shown), table.key


def test_the_demo_employee_has_surveys_to_answer(seeded, client_for):
    employee = Individual.objects.get(email="employee@example.com")
    assert SurveyInvitation.objects.filter(person=employee).open().count() == 2
    assert b"Surveys for you" in client_for(employee).get("/").content
