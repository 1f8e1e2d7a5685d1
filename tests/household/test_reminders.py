"""The household's news: every kind registers its key shape, and each key the services
publish has it."""

from __future__ import annotations

import pytest

from careersupport.household import reminders, services
from careersupport.notifications.kinds import key_matches_kind, registered_kinds
from careersupport.notifications.models import Reminder

pytestmark = pytest.mark.django_db


def test_every_kind_is_registered_with_its_key_shape():
    assert set(reminders.REMINDER_KINDS) == set(reminders.REMINDER_KEYS)
    assert set(reminders.REMINDER_KINDS) <= set(registered_kinds())


def test_every_key_published_has_its_kinds_shape(partnership, employee, partner):
    services.household_open(partnership=partnership, actor=partner)
    Reminder.objects.update(state=Reminder.State.SENT)  # read: a withdrawal is news
    services.household_withdraw(partnership=partnership, actor=partner)
    services.household_open(partnership=partnership, actor=employee)
    services.household_open(partnership=partnership, actor=partner)
    services.household_withdraw(partnership=partnership, actor=employee)
    rows = list(Reminder.objects.values_list("kind", "key"))
    assert {kind for kind, _ in rows} == set(reminders.REMINDER_KINDS)
    assert [key for kind, key in rows if not key_matches_kind(key, kind)] == []
