"""HR's matching runs: start, review, swap, remove, confirm, discard; every rule re-checked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careersupport.notifications.models import Reminder
from mentorship import services
from mentorship.models import MatchingRun, Mentorship, Proposal
from programs.models import Enrollment
from tests.factories import IndividualFactory, MentorProfileFactory

from .conftest import enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(programme, employer):
    """Three mentees waiting and two mentors with one place each."""
    mentees = [IndividualFactory(employer=employer, first_name=f"Mentee{i}") for i in range(3)]
    for person in mentees:
        enroll(programme, person)
    mentors = [MentorProfileFactory(person__employer=employer, capacity=1) for _ in range(2)]
    return mentees, mentors


def test_a_run_proposes_pairs_within_capacity_and_says_why_the_rest_wait(
    programme, hr_admin, cohort
):
    run = services.run_start(programme=programme, actor=hr_admin)
    matched = Proposal.objects.filter(run=run, mentor__isnull=False)
    assert (run.mentee_count, matched.count(), run.place_count) == (3, 2, 2)
    assert len(set(matched.values_list("mentor_id", flat=True))) == 2
    [left] = Proposal.objects.filter(run=run, mentor__isnull=True)
    assert left.unmatched_reason.startswith("All 2 fitting mentors are full")
    assert all(p.reasons for p in matched)


def test_the_run_shows_the_greedy_total_beside_its_own(programme, hr_admin, cohort):
    run = services.run_start(programme=programme, actor=hr_admin)
    assert run.optimal_total >= run.greedy_total > 0


def test_a_run_never_pairs_a_mentee_with_their_manager(programme, hr_admin, employee, manager):
    enroll(programme, employee)
    MentorProfileFactory(person=manager)
    run = services.run_start(programme=programme, actor=hr_admin)
    [proposal] = run.proposals.all()
    assert proposal.mentor is None
    assert "reporting line" in proposal.unmatched_reason


def test_only_hr_starts_a_run(programme, employee, cohort):
    with pytest.raises(PermissionDenied):
        services.run_start(programme=programme, actor=employee)


def test_hr_of_another_employer_cannot_start_one(programme, outsider_hr, cohort):
    with pytest.raises(PermissionDenied):
        services.run_start(programme=programme, actor=outsider_hr)


def test_a_new_run_discards_the_open_one_and_keeps_it_in_the_history(programme, hr_admin, cohort):
    first = services.run_start(programme=programme, actor=hr_admin)
    services.run_start(programme=programme, actor=hr_admin)
    assert MatchingRun.objects.get(pk=first.pk).status == "discarded"
    assert programme.runs.count() == 2


def test_swapping_two_pairs_exchanges_their_mentors(programme, hr_admin, cohort):
    run = services.run_start(programme=programme, actor=hr_admin)
    a, b = Proposal.objects.filter(run=run, mentor__isnull=False)
    before = (a.mentor_id, b.mentor_id)
    services.proposal_swap(proposal=a, other=b, actor=hr_admin)
    a.refresh_from_db(), b.refresh_from_db()
    assert (b.mentor_id, a.mentor_id) == before and a.changed_by_hr


def test_a_swap_that_breaks_a_rule_is_refused_and_changes_nothing(
    programme, hr_admin, employer, manager, employee
):
    enroll(programme, employee)
    other = IndividualFactory(employer=employer)
    enroll(programme, other)
    MentorProfileFactory(person=manager, capacity=1)
    MentorProfileFactory(person__employer=employer, capacity=1)
    run = services.run_start(programme=programme, actor=hr_admin)
    mine = run.proposals.get(mentee=employee)
    theirs = run.proposals.get(mentee=other)
    assert theirs.mentor == manager
    mine.refresh_from_db()
    with pytest.raises(ValidationError, match="reporting line"):
        services.proposal_swap(proposal=mine, other=theirs, actor=hr_admin)
    assert run.proposals.get(mentee=other).mentor == manager


def test_giving_a_mentor_beyond_their_places_is_refused(programme, hr_admin, cohort):
    run = services.run_start(programme=programme, actor=hr_admin)
    left = run.proposals.get(mentor__isnull=True)
    taken = run.proposals.filter(mentor__isnull=False).first().mentor
    with pytest.raises(ValidationError, match="no free place"):
        services.proposal_assign(proposal=left, actor=hr_admin, mentor=taken)


def test_removing_a_pair_frees_its_mentor_for_another_mentee(programme, hr_admin, cohort):
    run = services.run_start(programme=programme, actor=hr_admin)
    pair = run.proposals.filter(mentor__isnull=False).first()
    mentor, left = pair.mentor, run.proposals.get(mentor__isnull=True)
    services.proposal_remove(proposal=pair, actor=hr_admin)
    services.proposal_assign(proposal=left, actor=hr_admin, mentor=mentor)
    assert Proposal.objects.get(pk=left.pk).mentor == mentor


def test_confirming_starts_every_pair_moves_the_hand_off_and_tells_both(
    programme, hr_admin, cohort
):
    run = services.run_start(programme=programme, actor=hr_admin)
    created = services.run_confirm(run=run, actor=hr_admin)
    assert len(created) == 2 and MatchingRun.objects.get(pk=run.pk).status == "confirmed"
    matched = Enrollment.objects.filter(offering=programme.offering, handoff_status="matched")
    assert matched.count() == 2
    assert Reminder.objects.filter(kind="mentorship.matched").count() == 4


def test_a_confirmed_or_discarded_run_cannot_change(programme, hr_admin, cohort):
    run = services.run_start(programme=programme, actor=hr_admin)
    services.run_discard(run=run, actor=hr_admin)
    with pytest.raises(ValidationError, match="discarded"):
        services.run_confirm(run=run, actor=hr_admin)
    assert not Mentorship.objects.exists()


def test_confirming_rechecks_capacity_taken_since_the_run(programme, hr_admin, cohort, employer):
    run = services.run_start(programme=programme, actor=hr_admin)
    pair = run.proposals.filter(mentor__isnull=False).first()
    outsider_of_run = IndividualFactory(employer=employer)
    enroll(programme, outsider_of_run)
    services.mentorship_create(
        programme=programme,
        mentee=outsider_of_run,
        mentor=pair.mentor,
        actor=hr_admin,
        source="repair",
    )
    with pytest.raises(ValidationError, match="no free place"):
        services.run_confirm(run=run, actor=hr_admin)
    assert Mentorship.objects.count() == 1


def test_partners_wait_with_a_reason_when_the_programme_is_closed_to_them(
    programme, hr_admin, partner, cohort
):
    enroll(programme, partner)
    run = services.run_start(programme=programme, actor=hr_admin)
    assert "Partners cannot take part" in run.proposals.get(mentee=partner).unmatched_reason
