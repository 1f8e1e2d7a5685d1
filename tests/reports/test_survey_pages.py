"""The survey a person answers, HR's questions and the words of the answers."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.reports.models import PendingAnswer, SurveyInvitation, SurveyQuestion
from careersupport.reports.services import rollup_run
from tests.factories import SurveyAnswerFactory, SurveyInvitationFactory

pytestmark = pytest.mark.django_db
ANSWER = {"rating": "4", "recommend": "9", "helped": "The exercises.", "improve": ""}


@pytest.fixture
def invitation(employee):
    return SurveyInvitationFactory(person=employee)


def test_the_person_asked_opens_and_answers_their_survey(client_for, invitation):
    client = client_for(invitation.person)
    assert client.get(invitation.get_absolute_url()).status_code == 200
    response = client.post(invitation.get_absolute_url(), ANSWER)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answered and PendingAnswer.objects.get().helped == "The exercises."


@pytest.mark.parametrize("who", ["hr_admin", "manager", "peer", "outsider"])
def test_nobody_else_sees_it(request, client_for, invitation, who):
    response = client_for(request.getfixturevalue(who)).get(invitation.get_absolute_url())
    assert response.status_code == 404


def test_a_missing_rating_answers_400_beside_the_field_and_saves_nothing(client_for, invitation):
    response = client_for(invitation.person).post(
        invitation.get_absolute_url(), {**ANSWER, "rating": ""}
    )
    assert response.status_code == 400 and b'id="id_rating_error"' in response.content
    assert not PendingAnswer.objects.exists()


def test_a_second_answer_is_not_taken(client_for, invitation):
    client = client_for(invitation.person)
    client.post(invitation.get_absolute_url(), ANSWER)
    response = client.post(invitation.get_absolute_url(), ANSWER)
    assert b"You have answered this survey" in response.content
    assert PendingAnswer.objects.count() == 1


def test_a_closed_survey_says_so(client_for, invitation):
    SurveyInvitation.objects.filter(pk=invitation.pk).update(closes_at=timezone.now())
    response = client_for(invitation.person).post(invitation.get_absolute_url(), ANSWER)
    assert b"This survey closed" in response.content and not PendingAnswer.objects.exists()


def test_hr_questions_are_asked_and_their_answers_checked(client_for, employee, hr_admin):
    question = SurveyQuestion.objects.create(
        employer=employee.employer, subject="workshop", text="Pace?", type="scale"
    )
    invitation = SurveyInvitationFactory(person=employee, questions=[question.pk])
    client = client_for(employee)
    assert b"Pace?" in client.get(invitation.get_absolute_url()).content
    assert (
        client.post(invitation.get_absolute_url(), {**ANSWER, f"q{question.pk}": "9"}).status_code
        == 400
    )
    client.post(invitation.get_absolute_url(), {**ANSWER, f"q{question.pk}": "2"})
    assert PendingAnswer.objects.get().extra == {str(question.pk): 2}


def test_the_home_card_lists_open_surveys(client_for, invitation):
    assert b"How was A workshop?" in client_for(invitation.person).get("/").content


def test_hr_adds_and_retires_a_question(client_for, hr_admin):
    client = client_for(hr_admin)
    data = {
        "subject": "coaching",
        "text": "Was the coach a good match?",
        "type": "choice",
        "choices": "Yes\nPartly\nNo",
    }
    assert client.post(reverse("reports:questions"), data).status_code == 302
    question = SurveyQuestion.objects.get()
    assert question.choices == ["Yes", "Partly", "No"]
    url = reverse("reports:question-retire", args=[question.pk])
    assert client.get(url).status_code == 200 and client.post(url).status_code == 302
    question.refresh_from_db()
    assert question.retired_at is not None


def test_a_sixth_question_answers_400_and_saves_nothing(client_for, hr_admin):
    for i in range(5):
        SurveyQuestion.objects.create(employer=hr_admin.employer, subject="eap", text=f"Q{i}")
    data = {"subject": "eap", "text": "One more", "type": "scale"}
    response = client_for(hr_admin).post(reverse("reports:questions"), data)
    assert response.status_code == 400 and b'id="id_subject_error"' in response.content
    assert SurveyQuestion.objects.count() == 5


def test_a_choice_question_without_choices_answers_400(client_for, hr_admin):
    data = {"subject": "eap", "text": "Which?", "type": "choice", "choices": "Only one"}
    response = client_for(hr_admin).post(reverse("reports:questions"), data)
    assert response.status_code == 400 and b'id="id_choices_error"' in response.content


def test_another_employers_question_is_404(client_for, hr_admin, outsider_hr):
    theirs = SurveyQuestion.objects.create(employer=outsider_hr.employer, subject="eap", text="Q")
    for name in ("reports:question-edit", "reports:question-retire"):
        assert client_for(hr_admin).get(reverse(name, args=[theirs.pk])).status_code == 404


def test_hr_edits_a_question(client_for, hr_admin):
    question = SurveyQuestion.objects.create(employer=hr_admin.employer, subject="eap", text="Q")
    url = reverse("reports:question-edit", args=[question.pk])
    assert client_for(hr_admin).post(url, {"text": "Clearer?"}).status_code == 302
    question.refresh_from_db()
    assert question.text == "Clearer?"


def _answers(employer, n, text):
    month = timezone.now().date().replace(day=1)
    for i in range(n):
        SurveyAnswerFactory(employer=employer, month=month, helped=f"{text} {i}")


def test_the_words_of_five_answers_are_shown_with_the_month_only(client_for, hr_admin):
    _answers(hr_admin.employer, 5, "Good pace")
    rollup_run(employer=hr_admin.employer)
    response = client_for(hr_admin).get(
        reverse("reports:comments"), {"period": f"{timezone.now():%Y-%m}"}
    )
    assert response.content.count(b"Good pace") == 5
    assert f"{timezone.now():%B %Y}".encode() in response.content


def test_the_words_of_four_answers_are_not(client_for, hr_admin):
    _answers(hr_admin.employer, 4, "Good pace")
    rollup_run(employer=hr_admin.employer)
    response = client_for(hr_admin).get(
        reverse("reports:comments"), {"period": f"{timezone.now():%Y-%m}"}
    )
    assert b"Good pace" not in response.content and b"Fewer than 5 answers" in response.content


def test_words_are_not_shown_before_the_roll_up_counts_them(client_for, hr_admin):
    _answers(hr_admin.employer, 5, "Good pace")
    response = client_for(hr_admin).get(reverse("reports:comments"))
    assert b"Good pace" not in response.content


@pytest.fixture
def text_question(hr_admin):
    return SurveyQuestion.objects.create(
        employer=hr_admin.employer, subject="workshop", text="Tell a colleague?", type="text"
    )


def _worded(employer, question, n: int):
    """`n` answers; the first two answer HR's text question only, the others what helped."""
    month = timezone.now().date().replace(day=1)
    for i in range(n):
        words = {"extra": {str(question.pk): f"Go early {i}"}} if i < 2 else {"helped": "Pace"}
        SurveyAnswerFactory(employer=employer, month=month, **words)


def test_answers_to_hr_text_questions_are_shown_beside_the_others(
    client_for, hr_admin, text_question
):
    _worded(hr_admin.employer, text_question, 5)
    rollup_run(employer=hr_admin.employer)
    response = client_for(hr_admin).get(
        reverse("reports:comments"), {"period": f"{timezone.now():%Y-%m}"}
    )
    html = response.content.decode()
    assert html.count("Tell a colleague?") == 2
    assert "Go early 0" in html and "Go early 1" in html and html.count("Pace") == 3


def test_answers_to_hr_text_questions_of_four_are_not(client_for, hr_admin, text_question):
    _worded(hr_admin.employer, text_question, 4)
    rollup_run(employer=hr_admin.employer)
    response = client_for(hr_admin).get(
        reverse("reports:comments"), {"period": f"{timezone.now():%Y-%m}", "kind": "workshop"}
    )
    assert b"Go early" not in response.content and b"Fewer than 5 answers" in response.content


@pytest.fixture
def pace_answered(hr_admin):
    """Six answers about workshops this month, HR's scale question answered 4 by each."""
    question = SurveyQuestion.objects.create(
        employer=hr_admin.employer, subject="workshop", text="Pace?", type="scale"
    )
    month = timezone.now().date().replace(day=1)
    for _ in range(6):
        SurveyAnswerFactory(employer=hr_admin.employer, month=month, extra={question.pk: 4})
    rollup_run(employer=hr_admin.employer)
    return {"period": f"{timezone.now():%Y-%m}", "kind": "workshop"}


def test_hr_questions_table_has_a_chart_with_its_text_alternative(
    client_for, hr_admin, pace_answered
):
    response = client_for(hr_admin).get(reverse("reports:surveys"), pace_answered)
    html = response.content.decode()
    assert 'id="chart-questions-title"' in html and 'id="chart-questions-desc"' in html
    table = next(t for t in response.context["tables"] if t.key == "questions")
    assert table.chart is not None and "Pace?" in table.chart.summary


def test_hr_questions_table_downloads_as_csv(client_for, hr_admin, pace_answered):
    url = reverse("reports:table-csv", args=["questions"])
    response = client_for(hr_admin).get(url, pace_answered)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["Question", "Answers", "Result"], ["Pace?", "6", "4.0 of 5"]]
