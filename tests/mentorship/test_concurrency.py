"""A mentor's last place, taken by two accepted requests at the same moment: exactly one
mentorship starts (the mentor's profile row is locked while places are counted)."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from mentorship import services
from mentorship.models import Mentorship, MentorshipRequest
from mentorship.services import mentorships as mentorship_services
from tests.conftest import need_service
from tests.factories import IndividualFactory, MentorProfileFactory, MentorshipProgrammeFactory

from .conftest import enroll

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_acceptances_racing_for_the_last_place_start_one_mentorship(employer, monkeypatch):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    programmes = [MentorshipProgrammeFactory(offering__employer=employer) for _ in range(2)]
    profile = MentorProfileFactory(person__employer=employer, capacity=1)
    requests = []
    for programme in programmes:
        mentee = IndividualFactory(employer=employer)
        enroll(programme, mentee)
        requests.append(
            services.request_create(
                programme=programme, mentee=mentee, mentor=profile, actor=mentee, message="Hi"
            )
        )
    checked = mentorship_services.check_pair_basics

    def slow_check(*args, **kwargs):
        # Widen the window between taking the lock and counting the places.
        checked(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(mentorship_services, "check_pair_basics", slow_check)
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(request):
        try:
            barrier.wait(timeout=10)
            services.request_accept(request=request, actor=profile.person)
            outcomes.append("accepted")
        except Exception as error:  # noqa: BLE001 - the loser is told the mentor is full; any other error shows below
            outcomes.append(
                type(error).__name__ + ": " + " ".join(getattr(error, "messages", [str(error)]))
            )
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=accept, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert Mentorship.objects.filter(status="active").count() == 1
    assert (
        sorted(outcomes)[0]
        == "ValidationError: " + f"{profile.person.full_name} has no free place left."
    )
    assert MentorshipRequest.objects.filter(status="pending").count() == 1
