"""The last seat, taken by two people at the same moment: exactly one gets it."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from programs.models import Enrollment
from programs.services import enrollment as services
from tests.conftest import need_service
from tests.factories import IndividualFactory, OfferingFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_people_racing_for_the_last_seat_get_one_seat_and_one_waitlist(employer, monkeypatch):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    counted = services._seat_free

    def slow_seat_free(offering):
        # Widen the window between counting seats and taking one: without the row lock
        # both transactions would count a free seat here.
        free = counted(offering)
        time.sleep(0.3)
        return free

    monkeypatch.setattr(services, "_seat_free", slow_seat_free)
    offering = OfferingFactory(employer=employer, capacity=1)
    people = IndividualFactory.create_batch(2, employer=employer)
    barrier = threading.Barrier(2)
    errors = []

    def take_seat(person):
        try:
            barrier.wait(timeout=10)
            services.enrollment_create(offering=offering, person=person, actor=person)
        except Exception as error:  # noqa: BLE001  # pragma: no cover - every error is reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=take_seat, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    statuses = sorted(Enrollment.objects.filter(offering=offering).values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted"]
