"""The demo's coaching: the demo coach's coachees (the partner among them), sessions past
and to come, notes, ratings, an internal coach, people waiting, availability ahead."""

import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from careersupport.people.models import Individual
from coaching import selectors, services
from coaching.models import CoachProfile, Engagement, Note, Session
from programs.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def person(email):
    return Individual.objects.get(email=email)


def test_the_demo_coach_coaches_the_partner_in_job_search(seeded):
    partner = person("partner@example.com")
    engagement = Engagement.objects.get(coachee=partner)
    assert engagement.coach.email == "coach@example.com" and engagement.status == "active"
    assert "partner_job_search" in engagement.topics
    assert engagement.enrollment.handoff_status == "matched"
    sessions = Session.objects.filter(engagement=engagement)
    assert sessions.filter(status="held").count() >= 2
    assert sessions.filter(status="booked", starts_at__gt=timezone.now()).exists()
    assert {"shared", "private"} <= set(
        Note.objects.filter(engagement=engagement).values_list("visibility", flat=True)
    )


def test_the_demo_coach_has_several_coachees_and_ratings_to_show(seeded):
    coach = person("coach@example.com")
    assert Engagement.objects.filter(coach=coach, status="active").count() >= 4
    assert Engagement.objects.filter(coach=coach, status="completed").exists()
    assert Engagement.objects.filter(coach=coach, status="requested").exists()
    hr = person("hr@example.com")
    (row,) = [r for r in selectors.feedback_summary(hr)["coaches"] if r.name == coach.full_name]
    assert row.shown and row.average


def test_there_is_an_internal_coach_and_people_waiting(seeded):
    internal = CoachProfile.objects.get(individual__kind="employee")
    assert Engagement.objects.filter(coach=internal.individual, status="active").exists()
    hr = person("hr@example.com")
    assert selectors.waiting_enrollments(hr).count() >= 2
    states = set(selectors.waiting_engagements(hr).values_list("status", flat=True))
    assert {"requested", "chemistry"} <= states


def test_the_coaches_have_free_slots_in_the_weeks_ahead(seeded):
    partner = person("partner@example.com")
    now = timezone.now()
    for profile in CoachProfile.objects.prefetch_related("windows", "exceptions"):
        slots = services.free_slots(
            profile=profile,
            coachee_id=partner.pk,
            first=now,
            last=now + timedelta(weeks=4),
            now=now,
        )
        assert len(slots) > 10, profile


def test_seeding_twice_changes_nothing(seeded):
    models = list(apps.get_app_config("coaching").get_models())
    before = {m: m.objects.count() for m in models}
    enrollments = Enrollment.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert {m: m.objects.count() for m in models} == before
    assert Enrollment.objects.count() == enrollments


def test_the_demo_records_pass_their_own_validation(seeded):
    for model in (CoachProfile, Engagement, Session, Note):
        for row in model.objects.all():
            row.full_clean(validate_constraints=False)
