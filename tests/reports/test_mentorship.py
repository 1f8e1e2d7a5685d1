"""Mentorship's part: pairs and their closing feedback, against hand counts; a survey to the
mentee when a pair closes (not when HR re-pairs them)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from careersupport.reports.models import ALL, SurveyInvitation
from careersupport.reports.services import surveys_publish
from mentorship.models import Feedback, Mentorship
from tests.factories import MentorshipProgrammeFactory

from .conftest import at
from .helpers import cell, computed, value

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)


def _pair(programme, mentee, mentor, start, closed=None, rating=None, **extra):
    pair = Mentorship.objects.create(
        employer=programme.employer,
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        source="request",
        status="closed" if closed else "active",
        started_on=start,
        ends_on=start + timedelta(days=180),
        closed_at=at(closed) if closed else None,
        **extra,
    )
    if rating:
        Feedback.objects.create(mentorship=pair, author=mentee, side="mentee", rating=rating)
    return pair


def test_pairs_in_march_and_the_feedback_of_those_that_closed(world):
    programme = MentorshipProgrammeFactory(offering__employer=world.employer)
    mentor_a, mentor_b = world.s[0], world.s[1]
    _pair(programme, world.e[0], mentor_a, date(2026, 1, 5), closed=date(2026, 3, 10), rating=4)
    _pair(programme, world.e[1], mentor_a, date(2026, 1, 5), closed=date(2026, 3, 20), rating=5)
    _pair(programme, world.e[2], mentor_b, date(2026, 3, 2))
    _pair(programme, world.e[3], mentor_b, date(2026, 4, 1))
    figures = computed(world.employer)
    march = cell(figures, "mentorship", "month", MARCH, ALL, "mentorship")
    assert march.values == {
        "mentees": 3,
        "mentors": 2,
        "started": 1,
        "closed": 2,
        "feedback": 2,
        "feedback_sum": 9,
    }
    eng = cell(
        figures,
        "mentorship",
        "year",
        date(2026, 1, 1),
        world.eng.pk,
        "mentorship",
        programme.offering_id,
    )
    assert (value(eng, "mentees"), value(eng, "started"), value(eng, "closed")) == (4, 4, 2)


def test_a_closed_pair_surveys_its_mentee_and_a_repaired_one_does_not(world):
    programme = MentorshipProgrammeFactory(offering__employer=world.employer)
    today = timezone.now().date()
    closed = _pair(programme, world.e[0], world.s[0], today - timedelta(days=90), closed=today)
    _pair(
        programme,
        world.e[1],
        world.s[0],
        today - timedelta(days=90),
        closed=today,
        close_reason="Re-paired by HR",
    )
    surveys_publish(employer=world.employer)
    invitation = SurveyInvitation.objects.get()
    assert (invitation.person, invitation.source, invitation.source_id) == (
        world.e[0],
        "mentorship.mentorship",
        closed.pk,
    )
    assert invitation.subject == "mentorship" and invitation.offering == programme.offering
