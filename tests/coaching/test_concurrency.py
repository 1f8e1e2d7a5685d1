"""The same slot booked at the same moment in two transactions: the database keeps one."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from coaching.models import Session
from coaching.services import sessions as session_services
from tests.conftest import need_service
from tests.factories import CoachingSessionFactory, EngagementFactory, IndividualFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(monkeypatch, bookings):
    """Run the bookings in threads that all pass the free-slot check before any inserts."""
    checked = session_services.require_free_slot

    def slow_check(*args, **kwargs):
        checked(*args, **kwargs)
        time.sleep(0.5)  # both transactions are past the check before either inserts

    monkeypatch.setattr(session_services, "require_free_slot", slow_check)
    barrier = threading.Barrier(len(bookings))
    results = []

    def run(book):
        try:
            barrier.wait(timeout=10)
            results.append(book())
        except Exception as error:  # noqa: BLE001 - the loser's error is the result
            results.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(b,)) for b in bookings]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_coachees_booking_the_coachs_same_slot_at_once_get_one_session(
    monkeypatch, engagement, employer, slot
):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    other = EngagementFactory(coachee=IndividualFactory(employer=employer), coach=engagement.coach)

    def booker(e):
        return lambda: session_services.session_book(engagement=e, actor=e.coachee, starts_at=slot)

    results = race(monkeypatch, [booker(engagement), booker(other)])
    sessions = [r for r in results if isinstance(r, Session)]
    refused = [r for r in results if not isinstance(r, Session)]
    assert len(sessions) == 1 and Session.objects.count() == 1
    assert [str(r.messages[0]) for r in refused] == [session_services.TAKEN]


def test_one_coachee_booking_two_coaches_at_the_same_moment_gets_one_call(
    monkeypatch, employer, employee, slot
):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    from tests.factories import CoachProfileFactory

    from .conftest import workday_windows

    first, second = (CoachProfileFactory(individual__employer=employer) for _ in range(2))
    workday_windows(first), workday_windows(second)
    engagement = EngagementFactory(coachee=employee, coach=None, status="chemistry")
    engagement.shortlist.set([first.individual, second.individual])

    def booker(coach):
        return lambda: session_services.session_book(
            engagement=engagement, actor=employee, starts_at=slot, coach=coach
        )

    results = race(monkeypatch, [booker(first.individual), booker(second.individual)])
    assert len([r for r in results if isinstance(r, Session)]) == 1
    assert Session.objects.count() == 1


def test_the_database_itself_refuses_overlaps_for_the_coach_and_the_coachee(engagement, slot):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    CoachingSessionFactory(engagement=engagement, starts_at=slot)
    other = EngagementFactory(coachee__employer=engagement.employer, coach=engagement.coach)
    for clash in (
        {"engagement": other, "coach": other.coach, "coachee": other.coachee},
        {"engagement": engagement, "coach": IndividualFactory(employer=engagement.employer)},
    ):
        with pytest.raises(IntegrityError, match="overlap"), transaction.atomic():
            CoachingSessionFactory(starts_at=slot + timedelta(minutes=30), **clash)
    CoachingSessionFactory(engagement=other, starts_at=slot + timedelta(hours=1))  # back to back
    CoachingSessionFactory(engagement=other, starts_at=slot, status="cancelled")
    assert Session.objects.count() == 3
