"""The demo partner's live search: applications in several stages, an offer with salary
research, a résumé review done by the demo coach; seeding twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from careersupport.jobsearch.models import Application, PreparationRequest, StageChange
from careersupport.notifications.models import Reminder
from careersupport.people.models import Individual

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(_private_storage):
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_partner_is_in_a_live_search(seeded, client_for):
    partner = Individual.objects.get(email="partner@example.com")
    stages = set(Application.objects.filter(owner=partner).values_list("stage", flat=True))
    assert {"interested", "applied", "screening", "interviewing", "offer", "rejected"} <= stages
    offer = Application.objects.get(owner=partner, stage="offer")
    assert offer.salary_research.target and offer.contacts.count() == 2 and offer.resumes.exists()
    assert (
        Reminder.objects.filter(
            recipient=partner, kind="jobsearch.next_step", state="pending"
        ).count()
        == 5
    )
    assert client_for(partner).get(reverse("jobsearch:board")).status_code == 200
    assert client_for(partner).get(offer.get_absolute_url()).status_code == 200


def test_the_demo_coach_reviewed_the_resume(seeded, client_for):
    review = PreparationRequest.objects.get(owner__email="partner@example.com")
    assert review.status == "done" and review.engagement.coach.email == "coach@example.com"
    assert review.comments.filter(author=review.engagement.coach).exists()
    coach = Individual.objects.get(email="coach@example.com")
    assert client_for(coach).get(review.get_absolute_url()).status_code == 200


def test_seeding_twice_changes_nothing(seeded, _private_storage):
    counts = (
        Application.objects.count(),
        StageChange.objects.count(),
        PreparationRequest.objects.count(),
        Reminder.objects.count(),
    )
    files = sorted(p.name for p in _private_storage.rglob("*") if p.is_file())
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Application.objects.count(),
        StageChange.objects.count(),
        PreparationRequest.objects.count(),
        Reminder.objects.count(),
    ) == counts
    assert sorted(p.name for p in _private_storage.rglob("*") if p.is_file()) == files
