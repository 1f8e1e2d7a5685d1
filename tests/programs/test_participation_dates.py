"""An enrollment remembers when its seat was taken and when the participation ended: the
outcome reports count participations by period from these."""

from __future__ import annotations

import pytest

from programs.services import enrollment as enrolling
from tests.factories import EnrollmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db


def test_taking_a_seat_starts_it_and_withdrawing_ends_it(employee):
    offering = OfferingFactory(employer=employee.employer)
    enrollment = enrolling.enrollment_create(offering=offering, person=employee, actor=employee)
    assert enrollment.started_at and enrollment.ended_at is None
    enrollment = enrolling.enrollment_withdraw(enrollment=enrollment, actor=employee)
    assert enrollment.ended_at >= enrollment.started_at


def test_the_waitlist_is_no_participation_until_promoted(employee, peer):
    offering = OfferingFactory(employer=employee.employer, capacity=1)
    first = enrolling.enrollment_create(offering=offering, person=peer, actor=peer)
    waiting = enrolling.enrollment_create(offering=offering, person=employee, actor=employee)
    assert waiting.started_at is None
    enrolling.enrollment_withdraw(enrollment=first, actor=peer)
    waiting.refresh_from_db()
    assert waiting.status == "enrolled" and waiting.started_at


def test_withdrawing_from_the_waitlist_ends_nothing(employee):
    offering = OfferingFactory(employer=employee.employer, capacity=1)
    EnrollmentFactory(offering=offering, person=IndividualFactory(employer=employee.employer))
    waiting = enrolling.enrollment_create(offering=offering, person=employee, actor=employee)
    waiting = enrolling.enrollment_withdraw(enrollment=waiting, actor=employee)
    assert waiting.started_at is None and waiting.ended_at is None


def test_completing_ends_it(employee, hr_admin):
    enrollment = EnrollmentFactory(offering__employer=employee.employer, person=employee)
    enrollment = enrolling.enrollment_complete(enrollment=enrollment, actor=hr_admin)
    assert enrollment.ended_at is not None
