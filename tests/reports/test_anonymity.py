"""Survey anonymity, by inspecting the database: once an answer is given, no row joins it to
the person who gave it, nor to their invitation, nor to the moment they answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from careersupport.reports.models import (
    PendingAnswer,
    SurveyAnswer,
    SurveyInvitation,
)
from careersupport.reports.registry import SurveyDue
from careersupport.reports.reminders import survey_reminder_key
from careersupport.reports.services import answers_release, survey_answer, survey_invite
from tests.factories import DepartmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db
MARKER = "the-coffee-was-cold-7d1e"


@pytest.fixture
def asked(employer):
    """Six people of one department asked about one workshop."""
    department = DepartmentFactory(employer=employer)
    offering = OfferingFactory(employer=employer, title="Negotiation")
    people = [IndividualFactory(employer=employer, department=department) for _ in range(6)]
    return [
        survey_invite(
            person=person,
            source="programs.enrollment",
            due=SurveyDue(person.pk, 100 + i, "workshop", "Negotiation", offering.pk),
            questions=[],
        )
        for i, person in enumerate(people)
    ]


def _answer(invitation, helped=""):
    survey_answer(
        invitation=invitation, actor=invitation.person, rating=4, recommend=9, helped=helped
    )


def _columns(model) -> set[str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name for column in described}


@pytest.mark.parametrize("model", [PendingAnswer, SurveyAnswer])
def test_an_answer_has_no_column_for_a_person_an_invitation_or_a_time(model):
    assert _columns(model) == {
        "id",
        "employer_id",
        "subject",
        "offering_id",
        "department_id",
        "month",
        "rating",
        "recommend",
        "helped",
        "improve",
        "extra",
    }
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, model._meta.db_table)
    targets = {table for _, table in relations.values()}
    assert targets <= {"people_employer", "people_department", "programs_offering"}


def test_an_invitation_keeps_whether_not_when_or_what(asked):
    assert not {"answered_at", "updated_at", "answer_id", "rating"} & _columns(SurveyInvitation)
    invitation = asked[0]
    sent = invitation.sent_at
    _answer(invitation)
    invitation.refresh_from_db()
    assert invitation.answered and invitation.sent_at == sent


def test_an_answer_keeps_only_the_month_the_survey_was_sent(asked):
    _answer(asked[0])
    pending = PendingAnswer.objects.get()
    assert pending.month == asked[0].sent_at.date().replace(day=1)


def test_no_row_anywhere_joins_the_answer_to_its_person(asked):
    for invitation in asked[:5]:
        _answer(invitation, helped=MARKER if invitation is asked[0] else "")
    answers_release(employer=asked[0].employer)
    holding = []
    for model in apps.get_models():
        for row in model._default_manager.all().values():
            if MARKER in repr(row):
                holding.append(model)
    assert holding == [SurveyAnswer]
    assert not AuditEvent.objects.filter(target_type__in=["surveyanswer", "pendinganswer"]).exists()
    assert not AuditEvent.objects.filter(verb="survey.answered").exists()


def test_answers_wait_for_five_then_move_under_new_ids(asked):
    for invitation in asked[:4]:
        _answer(invitation)
    assert answers_release(employer=asked[0].employer) == 0
    _answer(asked[4])
    pending_ids = set(PendingAnswer.objects.values_list("id", flat=True))
    assert answers_release(employer=asked[0].employer) == 5
    assert not PendingAnswer.objects.exists()
    assert not pending_ids & set(SurveyAnswer.objects.values_list("id", flat=True))


def test_answer_ids_are_random_not_a_sequence(asked):
    for invitation in asked[:5]:
        _answer(invitation)
    answers_release(employer=asked[0].employer)
    ids = [a.id for a in SurveyAnswer.objects.all()]
    assert all(i.version == 4 for i in ids)


def test_a_person_answers_once(asked):
    _answer(asked[0])
    with pytest.raises(ValidationError, match="already"):
        _answer(asked[0])
    assert PendingAnswer.objects.count() == 1


def test_nobody_answers_someone_elses_survey(asked):
    with pytest.raises(PermissionDenied):
        survey_answer(invitation=asked[0], actor=asked[1].person, rating=1, recommend=0)
    assert not PendingAnswer.objects.exists()


def test_a_closed_survey_takes_no_answer(asked):
    SurveyInvitation.objects.filter(pk=asked[0].pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="closed"):
        _answer(asked[0])


def test_answering_cancels_the_reminder_once_the_answer_is_committed(
    asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _answer(asked[0])
    reminder = Reminder.objects.get(key=survey_reminder_key(asked[0].pk))
    assert reminder.state == Reminder.State.CANCELLED
