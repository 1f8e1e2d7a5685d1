"""Survey anonymity in PostgreSQL's own bookkeeping: every row carries the id of the
transaction that wrote it (`xmin`), so a pending answer must not share it with any row that
names a person, not with its invitation, nor with the reminder its answer cancelled."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from careersupport.notifications.models import Reminder
from careersupport.reports.models import PendingAnswer, SurveyInvitation
from careersupport.reports.registry import SurveyDue
from careersupport.reports.reminders import survey_reminder_key
from careersupport.reports.services import answers_release, survey_answer, survey_invite
from tests.conftest import need_service
from tests.factories import DepartmentFactory, IndividualFactory, OfferingFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _xmins(model) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {connection.ops.quote_name(model._meta.db_table)}")
        return {xmin for (xmin,) in cursor.fetchall()}


def _sharing_with_pending() -> list[str]:
    """The tables, besides the pending answers', with a row of a pending answer's xmin."""
    pending = _xmins(PendingAnswer)
    assert pending
    return [
        model._meta.label
        for model in apps.get_models()
        if model is not PendingAnswer and model._meta.managed and _xmins(model) & pending
    ]


@pytest.fixture
def asked(employer):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    department = DepartmentFactory(employer=employer)
    offering = OfferingFactory(employer=employer, title="Negotiation")
    people = IndividualFactory.create_batch(3, employer=employer, department=department)
    return [
        survey_invite(
            person=person,
            source="programs.enrollment",
            due=SurveyDue(person.pk, 200 + i, "workshop", "Negotiation", offering.pk),
            questions=[],
        )
        for i, person in enumerate(people)
    ]


def _answer(invitation):
    survey_answer(invitation=invitation, actor=invitation.person, rating=5, recommend=10)


def test_no_row_shares_its_transaction_id_with_a_pending_answer(asked):
    for invitation in asked[:2]:
        _answer(invitation)
    assert SurveyInvitation.objects.filter(answered=True).count() == 2
    assert _sharing_with_pending() == []
    # The reminder is still cancelled, only in the later transaction.
    reminder = Reminder.objects.get(key=survey_reminder_key(asked[0].pk))
    assert reminder.state == Reminder.State.CANCELLED


def test_a_cells_answered_invitations_share_one_transaction_id(asked):
    for invitation in asked:
        _answer(invitation)
    # Rewritten together after each answer: no order of answering is left among them.
    assert len(_xmins(SurveyInvitation)) == 1


def test_the_roll_up_rewrites_the_invitations_of_answers_still_pending(asked, monkeypatch):
    # As if the rewrite after an answer had failed: the roll-up's release catches it.
    monkeypatch.setattr(
        "careersupport.reports.services.surveys._after_answer", lambda **kwargs: None
    )
    _answer(asked[0])
    assert "reports.SurveyInvitation" in _sharing_with_pending()
    assert answers_release(employer=asked[0].employer) == 0  # one answer waits for four more
    assert _sharing_with_pending() == []
