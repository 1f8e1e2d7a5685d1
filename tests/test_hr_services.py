"""Every service that does HR's work refuses anyone but HR of that employer (`require_hr`).

Called directly, as a management command, a task or another app would call them, not
through a view: an employee, HR of another employer and no actor at all each get
PermissionDenied, and nothing is written. HR of the employer passes the check (the call
may still be refused for the state of the record, with a ValidationError).
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.notifications.services import reminder_retry
from careersupport.people import services as people
from careersupport.people.models import AuditEvent
from careersupport.reports import services as reports
from careersupport.reports.models import SurveyQuestion
from careersupport.requests import services as requests
from careersupport.requests.models import FinancialRequest, PublicHoliday
from careersupport.requests.services.leavers import requests_close_for_leaver
from coaching import services as coaching
from mentorship import services as mentorship
from mentorship.models import Mentorship
from programs.models import Cohort, Milestone, Phase
from programs.services import enrollment as enrollments
from programs.services import events, kinds, offerings
from tests.factories import (
    CoachProfileFactory,
    EnrollmentFactory,
    FinancialKindFactory,
    IndividualFactory,
    InvitationFactory,
    LeavePolicyFactory,
    MentorshipProgrammeFactory,
    OfferingFactory,
    ReminderFactory,
    SessionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
SOON = timezone.now() + timedelta(days=5)


@pytest.fixture
def t(employer, employee, mentor, hr_admin):
    """One target record of each kind, all at `employer`."""
    reentry = OfferingFactory(employer=employer, kind="reentry")
    cohort = Cohort.objects.create(offering=reentry, name="Spring", starts_on=date(2026, 3, 1))
    phase = Phase.objects.create(
        cohort=cohort, name="Refresh", starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 1)
    )
    placed = EnrollmentFactory(offering=reentry, person=employee, cohort=cohort)
    erg = OfferingFactory(employer=employer, kind="erg")
    programme = MentorshipProgrammeFactory(offering__employer=employer)
    kind = FinancialKindFactory(employer=employer)
    return {
        "employer": employer,
        "employee": employee,
        "invitation": InvitationFactory(individual__employer=employer),
        "workshop": OfferingFactory(employer=employer),
        "session": SessionFactory(offering=OfferingFactory(employer=employer)),
        "policy": OfferingFactory(employer=employer, kind="policy", status="draft"),
        "erg_member": EnrollmentFactory(offering=erg, person=mentor),
        "reentry": reentry,
        "cohort": cohort,
        "placed": placed,
        "milestone": Milestone.objects.create(phase=phase, title="CV done"),
        "requested": EnrollmentFactory(
            offering=OfferingFactory(employer=employer, needs_approval=True),
            person=mentor,
            status="requested",
        ),
        "failed_reminder": ReminderFactory(
            recipient=hr_admin, kind="goals.checkin_due", state=Reminder.State.FAILED
        ),
        "question": SurveyQuestion.objects.create(employer=employer, subject="eap", text="Q?"),
        "coach_profile": CoachProfileFactory(individual__employer=employer),
        "topic": TopicFactory(employer=employer),
        "programme": programme,
        "pair": Mentorship.objects.create(
            employer=employer,
            programme=programme,
            mentee=employee,
            mentor=mentor,
            source=Mentorship.Source.RUN,
            ends_on=date(2027, 3, 1),
            poor_fit_at=timezone.now(),
        ),
        "kind": kind,
        "financial_request": FinancialRequest.objects.create(
            employer=employer,
            person=employee,
            support=kind,
            amount=Decimal("200.00"),
            currency="EUR",
            description="A course",
            budget_year=timezone.localdate().year,
        ),
        "holiday": PublicHoliday.objects.create(
            employer=employer, date=date(2026, 12, 25), name="Christmas"
        ),
        "leave_policy": LeavePolicyFactory(employer=employer),
    }


CSV = b"email,first_name\nnew@acme.test,New\n"

# (name, call(targets, actor)); every service that does HR's work, app by app.
SERVICES = [
    (
        "employee_invite",
        lambda t, a: people.employee_invite(
            employer=t["employer"], actor=a, email="new@acme.test", first_name="New"
        ),
    ),
    (
        "invitation_resend",
        lambda t, a: people.invitation_resend(invitation=t["invitation"], actor=a),
    ),
    (
        "invitation_revoke",
        lambda t, a: people.invitation_revoke(invitation=t["invitation"], actor=a),
    ),
    (
        "department_create",
        lambda t, a: people.department_create(employer=t["employer"], actor=a, name="Research"),
    ),
    (
        "employees_import_csv",
        lambda t, a: people.employees_import_csv(employer=t["employer"], actor=a, data=CSV),
    ),
    (
        "reporting_line_update",
        lambda t, a: people.reporting_line_update(
            individual=t["employee"],
            actor=a,
            manager=None,
            department=None,
            job_title="Analyst",
            is_hr_admin=False,
        ),
    ),
    (
        "offering_create",
        lambda t, a: offerings.offering_create(
            actor=a, title="New", kind="workshop", format="online", online_url="https://x.test/"
        ),
    ),
    (
        "offering_update",
        lambda t, a: offerings.offering_update(offering=t["workshop"], actor=a, title="Changed"),
    ),
    ("offering_publish", lambda t, a: offerings.offering_publish(offering=t["policy"], actor=a)),
    (
        "offering_unpublish",
        lambda t, a: offerings.offering_unpublish(offering=t["workshop"], actor=a),
    ),
    ("offering_archive", lambda t, a: offerings.offering_archive(offering=t["workshop"], actor=a)),
    (
        "offering_duplicate",
        lambda t, a: offerings.offering_duplicate(offering=t["workshop"], actor=a),
    ),
    (
        "session_create",
        lambda t, a: events.session_create(
            offering=t["workshop"],
            actor=a,
            title="Evening",
            starts_at=SOON,
            ends_at=SOON + timedelta(hours=1),
            time_zone="Europe/Berlin",
        ),
    ),
    (
        "session_update",
        lambda t, a: events.session_update(session=t["session"], actor=a, title="Moved"),
    ),
    ("session_delete", lambda t, a: events.session_delete(session=t["session"], actor=a)),
    (
        "policy_publish_version",
        lambda t, a: kinds.policy_publish_version(offering=t["policy"], actor=a, text="Rules."),
    ),
    (
        "erg_set_lead",
        lambda t, a: kinds.erg_set_lead(enrollment=t["erg_member"], actor=a, is_lead=True),
    ),
    (
        "cohort_create",
        lambda t, a: kinds.cohort_create(
            offering=t["reentry"], actor=a, name="Autumn", starts_on=date(2026, 9, 1)
        ),
    ),
    (
        "phase_create",
        lambda t, a: kinds.phase_create(
            cohort=t["cohort"],
            actor=a,
            name="Practice",
            starts_on=date(2026, 4, 2),
            ends_on=date(2026, 5, 1),
            milestones=["Interview"],
        ),
    ),
    (
        "participant_place",
        lambda t, a: kinds.participant_place(enrollment=t["placed"], cohort=None, actor=a),
    ),
    (
        "milestone_record",
        lambda t, a: kinds.milestone_record(
            enrollment=t["placed"], milestone=t["milestone"], actor=a
        ),
    ),
    (
        "outcome_record",
        lambda t, a: kinds.outcome_record(enrollment=t["placed"], actor=a, outcome="placed"),
    ),
    (
        "enrollment_approve",
        lambda t, a: enrollments.enrollment_approve(enrollment=t["requested"], actor=a),
    ),
    (
        "enrollment_decline",
        lambda t, a: enrollments.enrollment_decline(
            enrollment=t["requested"], actor=a, reason="Full"
        ),
    ),
    (
        "enrollments_decide",
        lambda t, a: enrollments.enrollments_decide(
            enrollments=[t["requested"]], actor=a, approve=True
        ),
    ),
    (
        "enrollment_complete",
        lambda t, a: enrollments.enrollment_complete(enrollment=t["placed"], actor=a),
    ),
    ("reminder_retry", lambda t, a: reminder_retry(reminder=t["failed_reminder"], actor=a)),
    ("offering_restore", lambda t, a: offerings.offering_restore(offering=t["workshop"], actor=a)),
    ("person_deactivate", lambda t, a: people.person_deactivate(person=t["employee"], actor=a)),
    ("person_reactivate", lambda t, a: people.person_reactivate(person=t["employee"], actor=a)),
    (
        "enrollments_end_for_leaver",
        lambda t, a: enrollments.enrollments_end_for_leaver(person=t["employee"], actor=a),
    ),
    (
        "hosting_end_for_leaver",
        lambda t, a: kinds.hosting_end_for_leaver(host=t["employee"], actor=a),
    ),
    (
        "registrations_end_for_leaver",
        lambda t, a: events.registrations_end_for_leaver(person=t["employee"], actor=a),
    ),
    (
        "requests_close_for_leaver",
        lambda t, a: requests_close_for_leaver(person=t["employee"], actor=a),
    ),
    ("rollup_request", lambda t, a: reports.rollup_request(employer=t["employer"], actor=a)),
    (
        "question_create",
        lambda t, a: reports.question_create(
            employer=t["employer"], actor=a, subject="eap", text="New?", type="scale"
        ),
    ),
    (
        "question_update",
        lambda t, a: reports.question_update(question=t["question"], actor=a, text="Changed?"),
    ),
    ("question_retire", lambda t, a: reports.question_retire(question=t["question"], actor=a)),
    (
        "external_invite",
        lambda t, a: people.external_invite(
            employer=t["employer"], actor=a, email="coach@bright.test", first_name="Kim"
        ),
    ),
    (
        "coaching_settings_update",
        lambda t, a: coaching.coaching_settings_update(
            employer=t["employer"],
            actor=a,
            direct_requests=True,
            notice_hours=24,
            sessions_default=6,
        ),
    ),
    (
        "coach_invite",
        lambda t, a: coaching.coach_invite(
            employer=t["employer"],
            actor=a,
            email="coach@bright.test",
            first_name="Kim",
            provider_name="Bright Path",
        ),
    ),
    (
        "coach_add",
        lambda t, a: coaching.coach_add(
            employer=t["employer"], actor=a, person=IndividualFactory(employer=t["employer"])
        ),
    ),
    (
        "coach_profile_update",
        lambda t, a: coaching.coach_profile_update(
            profile=t["coach_profile"], actor=a, provider_name="Elsewhere"
        ),
    ),
    ("flag_resolve", lambda t, a: mentorship.flag_resolve(mentorship=t["pair"], actor=a)),
    (
        "topic_save",
        lambda t, a: mentorship.topic_save(actor=a, name="Negotiation", topic=t["topic"]),
    ),
    (
        "programme_update",
        lambda t, a: mentorship.programme_update(
            programme=t["programme"], actor=a, default_weeks=20
        ),
    ),
    (
        "kind_save",
        lambda t, a: requests.kind_save(
            employer=t["employer"], actor=a, kind=t["kind"], name="Courses"
        ),
    ),
    (
        "financial_decline",
        lambda t, a: requests.financial_decline(
            request=t["financial_request"], actor=a, reason="Over budget"
        ),
    ),
    (
        "holiday_add",
        lambda t, a: requests.holiday_add(
            employer=t["employer"], actor=a, day=date(2026, 12, 26), name="Boxing Day"
        ),
    ),
    ("holiday_remove", lambda t, a: requests.holiday_remove(holiday=t["holiday"], actor=a)),
    (
        "employment_set",
        lambda t, a: requests.employment_set(
            person=t["employee"],
            actor=a,
            start_date=date(2020, 1, 6),
            employment_type="permanent",
        ),
    ),
    (
        "policy_save",
        lambda t, a: requests.policy_save(
            employer=t["employer"], actor=a, policy=t["leave_policy"], name="Carers' leave"
        ),
    ),
]
# Services that create at the actor's own employer: another employer's HR acts for theirs.
OWN_EMPLOYER = {"offering_create"}
# Typed `actor: Individual` and reading the actor's id or employer before the check (the
# coach edits their own profile; a topic is the actor's employer's): with no actor at all
# they fail with AttributeError, a caller's bug the type checker catches, not a refusal.
NEEDS_ACTOR = {"topic_save", "coach_profile_update"}
WRONG = [
    pytest.param(name, call, wrong, id=f"{name}-{wrong}")
    for name, call in SERVICES
    for wrong in ("employee", "outsider_hr", None)
    if not (wrong == "outsider_hr" and name in OWN_EMPLOYER)
    and not (wrong is None and name in NEEDS_ACTOR)
]


@pytest.mark.parametrize(("name", "call", "wrong"), WRONG)
def test_it_refuses_everyone_but_hr_of_the_employer(request, t, name, call, wrong):
    actor = request.getfixturevalue(wrong) if wrong else None
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        call(t, actor)
    assert AuditEvent.objects.count() == audit_rows


@pytest.mark.parametrize(("name", "call"), SERVICES, ids=[name for name, _ in SERVICES])
def test_hr_of_the_employer_passes_the_check(t, hr_admin, name, call):
    # A refusal for the record's state comes after the check: what matters is no 403.
    with contextlib.suppress(ValidationError):
        call(t, hr_admin)
