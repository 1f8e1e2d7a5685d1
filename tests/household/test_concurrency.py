"""Both partners turn the page on at the same moment: it opens once, each side is opted in,
and exactly one "it is open" notice goes out."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import close_old_connections, connection

from careersupport.household import reminders, services
from careersupport.household.models import Household
from careersupport.notifications.models import Reminder
from tests.conftest import need_service

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_sides_opting_in_at_once_open_the_page_once(
    partnership, employee, partner, monkeypatch
):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    # The household row exists already (a side chose what to show), as it usually does.
    services.household_set_sharing(
        partnership=partnership, actor=partner, shows_jobsearch=True, shows_programmes=False
    )
    lock = services._lock

    def slow_lock(**kwargs):
        # Widen the window between reading the consent and saving it: without the row lock
        # each side would read the other as not yet in, and the page would never open.
        household = lock(**kwargs)
        time.sleep(0.3)
        return household

    monkeypatch.setattr(services, "_lock", slow_lock)
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def opt_in(person):
        try:
            barrier.wait(timeout=10)
            services.household_open(partnership=partnership, actor=person)
        except Exception as error:  # noqa: BLE001  # pragma: no cover - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=opt_in, args=(p,)) for p in (employee, partner)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    household = Household.objects.get(partnership=partnership)
    assert household.is_open and household.openings == 1
    assert Reminder.objects.filter(kind=reminders.OPENED).count() == 1
