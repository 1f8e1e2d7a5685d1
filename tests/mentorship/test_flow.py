"""A mentorship from agreement to closure: meetings, notes, fit, re-pair, feedback."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careersupport.goals.models import GoalLink
from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from mentorship import services
from mentorship.models import Mentorship, PrivateNote
from programs.models import Enrollment
from tests.factories import GoalFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_capacity_holds_when_a_mentor_is_full(programme, mentor_profile, employer, mentorship):
    from tests.factories import IndividualFactory

    from .conftest import enroll

    mentor_profile.capacity = 1
    mentor_profile.save()
    other = IndividualFactory(employer=employer)
    enroll(programme, other)
    with pytest.raises(ValidationError, match="no free place"):
        services.mentorship_create(
            programme=programme,
            mentee=other,
            mentor=mentor_profile.person,
            actor=None,
            source="run",
        )


def test_the_agreement_counts_once_both_confirm(mentorship, employee, mentor):
    services.agreement_update(
        mentorship=mentorship,
        actor=employee,
        goals="Lead a project",
        cadence="weekly",
        ends_on=TODAY() + timedelta(days=90),
    )
    m = Mentorship.objects.get(pk=mentorship.pk)
    assert m.mentee_agreed_at and not m.mentor_agreed_at
    assert Reminder.objects.filter(recipient=mentor, kind="mentorship.agreement_pending").exists()
    services.agreement_confirm(mentorship=m, actor=mentor)
    assert Mentorship.objects.get(pk=m.pk).agreement_confirmed


def test_a_change_by_one_side_asks_the_other_again(mentorship, employee, mentor):
    services.agreement_update(
        mentorship=mentorship,
        actor=employee,
        goals="A",
        cadence="weekly",
        ends_on=TODAY() + timedelta(days=90),
    )
    services.agreement_confirm(mentorship=mentorship, actor=mentor)
    services.agreement_update(
        mentorship=mentorship,
        actor=mentor,
        goals="B",
        cadence="monthly",
        ends_on=TODAY() + timedelta(days=60),
    )
    m = Mentorship.objects.get(pk=mentorship.pk)
    assert m.mentor_agreed_at and not m.mentee_agreed_at


def test_the_end_date_must_be_ahead(mentorship, employee):
    with pytest.raises(ValidationError) as error:
        services.agreement_update(
            mentorship=mentorship, actor=employee, goals="", cadence="weekly", ends_on=TODAY()
        )
    assert "ends_on" in error.value.message_dict


def test_a_stranger_cannot_touch_the_agreement(mentorship, peer):
    with pytest.raises(PermissionDenied):
        services.agreement_confirm(mentorship=mentorship, actor=peer)


def test_a_meeting_moves_the_next_meeting_reminder(mentorship, employee):
    services.meeting_log(
        mentorship=mentorship, actor=employee, held_on=TODAY(), notes="Talked about scope."
    )
    m = Mentorship.objects.get(pk=mentorship.pk)
    assert (m.meeting_count, m.last_meeting_on) == (1, TODAY())
    due = m.next_meeting_due()
    pending = Reminder.objects.filter(kind="mentorship.meeting_due", state="pending").values_list(
        "key", flat=True
    )
    assert all(f":{due.isoformat()}-" in key for key in pending) and len(pending) == 2


def test_a_meeting_cannot_be_logged_in_the_future(mentorship, employee):
    with pytest.raises(ValidationError):
        services.meeting_log(
            mentorship=mentorship, actor=employee, held_on=TODAY() + timedelta(days=2)
        )


def test_each_side_keeps_its_own_private_note(mentorship, employee, mentor):
    meeting = services.meeting_log(
        mentorship=mentorship, actor=employee, held_on=TODAY(), private_note="Nervous."
    )
    services.private_note_save(meeting=meeting, actor=mentor, text="Give more examples.")
    assert dict(PrivateNote.objects.values_list("author_id", "text")) == {
        employee.pk: "Nervous.",
        mentor.pk: "Give more examples.",
    }


def test_audit_rows_never_carry_note_text(mentorship, employee):
    services.meeting_log(
        mentorship=mentorship,
        actor=employee,
        held_on=TODAY(),
        notes="Secret plan",
        private_note="Mine",
    )
    assert "Secret plan" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_the_fit_question_comes_after_the_first_meeting(mentorship, employee):
    with pytest.raises(ValidationError, match="first meeting"):
        services.fit_answer(mentorship=mentorship, actor=employee, good_fit=True)


def test_a_no_is_flagged_to_hr_and_needs_a_check_in(mentorship, employee, hr_admin):
    services.meeting_log(mentorship=mentorship, actor=employee, held_on=TODAY())
    services.fit_answer(mentorship=mentorship, actor=employee, good_fit=False)
    m = Mentorship.objects.get(pk=mentorship.pk)
    assert m.has_poor_fit and m.health == "needs_checkin"
    assert Reminder.objects.filter(recipient=hr_admin, kind="mentorship.poor_fit").exists()


def test_hr_re_pairs_a_poor_fit_with_another_mentor(mentorship, employee, hr_admin, employer):
    services.meeting_log(mentorship=mentorship, actor=employee, held_on=TODAY())
    services.fit_answer(mentorship=mentorship, actor=employee, good_fit=False)
    other = MentorProfileFactory(person__employer=employer)
    new = services.mentorship_repair(mentorship=mentorship, actor=hr_admin, new_mentor=other.person)
    assert Mentorship.objects.get(pk=mentorship.pk).status == "closed"
    assert (new.mentor, new.source, new.status) == (other.person, "repair", "active")
    assert Enrollment.objects.get(pk=new.enrollment_id).handoff_url == new.get_absolute_url()


def test_re_pairing_is_for_hr_only(mentorship, employee, employer):
    other = MentorProfileFactory(person__employer=employer)
    with pytest.raises(PermissionDenied):
        services.mentorship_repair(mentorship=mentorship, actor=employee, new_mentor=other.person)


def test_re_pairing_refuses_the_mentees_manager(mentorship, hr_admin, manager):
    MentorProfileFactory(person=manager)
    with pytest.raises(ValidationError, match="reporting line"):
        services.mentorship_repair(mentorship=mentorship, actor=hr_admin, new_mentor=manager)
    assert Mentorship.objects.get(pk=mentorship.pk).status == "active"


def test_closing_ends_goal_links_at_once_and_asks_for_feedback(mentorship, employee, mentor):
    goal = GoalFactory(owner=employee)
    services.goals_set(mentorship=mentorship, actor=employee, goals=[goal])
    assert GoalLink.objects.filter(individual=mentor, ended_at=None).count() == 1
    services.mentorship_close(mentorship=mentorship, actor=mentor, reason="Done")
    assert GoalLink.objects.filter(individual=mentor, ended_at=None).count() == 0
    assert Reminder.objects.filter(kind="mentorship.feedback_requested").count() == 2
    assert not Reminder.objects.filter(kind="mentorship.meeting_due", state="pending").exists()
    assert Enrollment.objects.get(pk=mentorship.enrollment_id).handoff_status == "closed"


def test_feedback_is_given_once_per_side_after_closing(mentorship, employee):
    with pytest.raises(ValidationError, match="closes"):
        services.feedback_give(mentorship=mentorship, actor=employee, rating=4)
    services.mentorship_close(mentorship=mentorship, actor=employee)
    services.feedback_give(mentorship=mentorship, actor=employee, rating=4, helped="Honest advice")
    with pytest.raises(ValidationError, match="already"):
        services.feedback_give(mentorship=mentorship, actor=employee, rating=5)


def test_health_is_too_early_then_on_track_then_needs_a_check_in(mentorship):
    start = mentorship.started_on
    assert mentorship.health_on(start + timedelta(days=5)) == "too_early"
    mentorship.last_meeting_on = start + timedelta(days=20)
    assert mentorship.health_on(start + timedelta(days=25)) == "on_track"
    assert mentorship.health_on(start + timedelta(days=20 + 14 + 8)) == "needs_checkin"


def test_the_beat_job_labels_pairs_and_tells_both_sides_of_a_stalled_pair(mentorship):
    later = mentorship.started_on + timedelta(days=40)
    assert services.health_refresh(today=later) == 1
    assert Mentorship.objects.get(pk=mentorship.pk).health == "needs_checkin"
    assert Reminder.objects.filter(kind="mentorship.stalled").count() == 2
    services.health_refresh(today=later)
    assert Reminder.objects.filter(kind="mentorship.stalled").count() == 2


def test_the_beat_job_closes_pairs_past_their_end_date(mentorship):
    assert services.close_ended(today=mentorship.ends_on + timedelta(days=1)) == 1
    assert Mentorship.objects.get(pk=mentorship.pk).status == "closed"


def test_no_reminder_carries_log_or_private_note_text(mentorship, employee, mentor):
    services.meeting_log(
        mentorship=mentorship,
        actor=employee,
        held_on=TODAY(),
        notes="LOG-TEXT",
        next_steps="NEXT-TEXT",
        private_note="PRIVATE-TEXT",
    )
    services.fit_answer(mentorship=mentorship, actor=employee, good_fit=False)
    services.mentorship_close(mentorship=mentorship, actor=mentor)
    texts = " ".join(f"{t} {b}" for t, b in Reminder.objects.values_list("title", "body"))
    assert not any(secret in texts for secret in ("LOG-TEXT", "NEXT-TEXT", "PRIVATE-TEXT"))


def test_a_partner_is_matched_only_by_a_mentor_open_to_partners(employer, partner, hr_admin):
    from tests.factories import MentorshipProgrammeFactory

    from .conftest import enroll

    programme = MentorshipProgrammeFactory(offering__employer=employer, allows_partners=True)
    enroll(programme, partner)
    closed = MentorProfileFactory(person__employer=employer, open_to_partners=False, capacity=3)
    run = services.run_start(programme=programme, actor=hr_admin)
    assert run.proposals.get().mentor is None
    open_one = MentorProfileFactory(person__employer=employer, open_to_partners=True)
    run = services.run_start(programme=programme, actor=hr_admin)
    assert run.proposals.get().mentor == open_one.person != closed.person


def test_every_reminder_a_pair_publishes_has_its_registered_key_shape(
    mentorship, employee, mentor, hr_admin
):
    from careersupport.notifications.kinds import key_matches_kind

    services.agreement_update(
        mentorship=mentorship,
        actor=employee,
        goals="A",
        cadence="weekly",
        ends_on=TODAY() + timedelta(days=60),
    )
    services.meeting_log(mentorship=mentorship, actor=employee, held_on=TODAY())
    services.fit_answer(mentorship=mentorship, actor=mentor, good_fit=False)
    services.health_refresh(today=mentorship.started_on + timedelta(days=45))
    services.mentorship_close(mentorship=mentorship, actor=mentor)
    rows = list(Reminder.objects.filter(kind__startswith="mentorship.").values_list("key", "kind"))
    assert {kind for _, kind in rows} >= {
        "mentorship.matched",
        "mentorship.agreement_pending",
        "mentorship.meeting_due",
        "mentorship.stalled",
        "mentorship.ending_soon",
        "mentorship.poor_fit",
        "mentorship.feedback_requested",
    }
    assert [key for key, kind in rows if not key_matches_kind(key, kind)] == []
