from __future__ import annotations

import pytest

from mentorship import services
from programs.models import Enrollment
from tests.factories import (
    EnrollmentFactory,
    MentorProfileFactory,
    MentorshipProgrammeFactory,
    TopicFactory,
)


@pytest.fixture
def programme(employer):
    return MentorshipProgrammeFactory(offering__employer=employer, offering__title="Mentoring 2027")


@pytest.fixture
def topic(employer):
    return TopicFactory(employer=employer, name="Leadership", goal_categories=",role,")


@pytest.fixture
def mentor_profile(mentor, topic):
    profile = MentorProfileFactory(person=mentor)
    profile.topics.add(topic)
    return profile


def enroll(programme, person):
    """The person enrolled in the programme's offering, waiting to be matched."""
    return EnrollmentFactory(
        offering=programme.offering,
        person=person,
        status=Enrollment.Status.ENROLLED,
        handoff_status=Enrollment.Handoff.WAITING,
    )


@pytest.fixture
def waiting(programme, employee):
    return enroll(programme, employee)


@pytest.fixture
def mentorship(programme, employee, mentor_profile, waiting):
    return services.mentorship_create(
        programme=programme,
        mentee=employee,
        mentor=mentor_profile.person,
        actor=None,
        source="run",
    )
