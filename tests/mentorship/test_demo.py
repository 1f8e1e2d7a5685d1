import io

import pytest
from django.core.management import call_command

from mentorship.models import MatchingRun, MentorProfile, Mentorship, Programme, Proposal
from programs.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_mentor_mentors_the_demo_employee_with_a_log(seeded):
    pair = Mentorship.objects.get(mentee__email="employee@example.com", status="active")
    assert pair.mentor.email == "mentor@example.com"
    assert pair.agreement_confirmed and pair.meetings.count() == 4
    assert MatchingRun.objects.filter(programme=pair.programme, status="confirmed").exists()
    assert Mentorship.objects.filter(poor_fit_at__isnull=False, status="active").exists()


def test_the_open_programme_waits_for_hrs_run_with_40_mentees_and_25_mentors(seeded):
    cohort = Programme.objects.get(offering__title="Mentoring programme: spring 2027 cohort")
    waiting = Enrollment.objects.filter(offering=cohort.offering, handoff_status="waiting")
    assert waiting.count() == 40 and not cohort.runs.exists()
    assert MentorProfile.objects.filter(employer=cohort.employer).count() == 25


def test_the_demo_partner_waits_in_a_programme_open_to_partners(seeded):
    e = Enrollment.objects.get(person__email="partner@example.com", offering__kind="mentorship")
    assert e.handoff_status == "waiting"
    assert Programme.objects.get(offering=e.offering).allows_partners


def test_seeding_twice_changes_nothing(seeded):
    before = (
        Mentorship.objects.count(),
        MatchingRun.objects.count(),
        Proposal.objects.count(),
        Enrollment.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Mentorship.objects.count(),
        MatchingRun.objects.count(),
        Proposal.objects.count(),
        Enrollment.objects.count(),
    ) == before
