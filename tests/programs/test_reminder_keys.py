"""Programs' reminder keys: one per occurrence (a request, a booking's step, a person's
session), so a step that runs twice tells once; and keys written before the format changed
are renamed, not orphaned."""

from datetime import datetime, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import timezone

from careersupport.notifications.models import Reminder
from programs.reminders import ENROLLMENT_DECLINED, pending_approvals_key, session_key
from programs.services import enrollment as enrolling
from programs.services import events
from programs.services.digest import pending_approvals_publish
from tests.factories import (
    EnrollmentFactory,
    OfferingFactory,
    ReminderFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=ZoneInfo("UTC"))
RENAME = import_module("careersupport.notifications.migrations.0004_reminder_keys_one_shape")


@pytest.fixture
def request_(employer):
    offering = OfferingFactory(employer=employer, needs_approval=True)
    return EnrollmentFactory(offering=offering, status="requested")


def test_the_news_of_one_request_is_published_once(request_):
    enrolling._tell(request_, ENROLLMENT_DECLINED, "Declined")
    enrolling._tell(request_, ENROLLMENT_DECLINED, "Declined")  # a retried step
    assert Reminder.objects.filter(kind=ENROLLMENT_DECLINED).count() == 1


def test_each_request_gets_its_own_news(hr_admin, request_):
    enrolling.enrollment_decline(enrollment=request_, actor=hr_admin, reason="Full")
    request_.refresh_from_db()
    enrolling.enrollment_create(
        offering=request_.offering, person=request_.person, actor=request_.person
    )
    enrolling.enrollment_decline(enrollment=request_, actor=hr_admin, reason="Still full")
    bodies = Reminder.objects.filter(kind=ENROLLMENT_DECLINED).values_list("body", flat=True)
    assert sorted(bodies) == ["Full", "Still full"]


def test_a_session_reminder_is_keyed_by_session_and_person(employer, employee):
    session = SessionFactory(
        offering__employer=employer, starts_at=timezone.now() + timedelta(days=3)
    )
    EnrollmentFactory(offering=session.offering, person=employee)
    events.session_register(session=session, person=employee, actor=employee)
    keys = set(Reminder.objects.values_list("key", flat=True))
    assert keys == {
        f"programs.session_tomorrow:{session.pk}:{employee.pk}",
        f"programs.session_soon:{session.pk}:{employee.pk}",
    }
    events.session_unregister(session=session, person=employee, actor=employee)
    assert set(Reminder.objects.values_list("state", flat=True)) == {"cancelled"}


def _old(key, kind, recipient, **extra):
    return ReminderFactory(
        key=key, kind=kind, recipient=recipient, employer=recipient.employer, **extra
    )


def test_the_morning_reminder_of_hr_keeps_its_row_across_the_rename(hr_admin, request_):
    morning = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    old = _old(
        f"programs:pending:{hr_admin.pk}:20261123",
        "programs.pending_approvals",
        hr_admin,
        due_at=morning,
    )
    RENAME.forward(apps, None)
    old.refresh_from_db()
    assert old.key == pending_approvals_key(hr_admin.pk, morning.date())
    pending_approvals_publish(now=NOW)
    assert Reminder.objects.filter(recipient=hr_admin).count() == 1


def test_session_and_team_summary_keys_are_renamed_and_back(employee, manager):
    session = SessionFactory(offering__employer=employee.employer)
    day = _old(
        f"programs:session:{session.pk}:person:{employee.pk}:day",
        "programs.session_tomorrow",
        employee,
        state="sent",
    )
    hour = _old(
        f"programs:session:{session.pk}:person:{employee.pk}:hour",
        "programs.session_soon",
        employee,
    )
    summary = _old(
        f"goals.team_overdue_summary:{manager.pk}:20261130", "goals.team_overdue_summary", manager
    )
    RENAME.forward(apps, None)
    renamed = [
        r.key for r in Reminder.objects.filter(pk__in=[day.pk, hour.pk, summary.pk]).order_by("pk")
    ]
    assert renamed == [
        session_key("programs.session_tomorrow", session.pk, employee.pk),
        session_key("programs.session_soon", session.pk, employee.pk),
        f"goals.team_overdue_summary:{manager.pk}:2026-11-30",
    ]
    RENAME.backward(apps, None)
    assert (
        Reminder.objects.get(pk=day.pk).key == day.key
        and Reminder.objects.get(pk=summary.pk).key == summary.key
    )


def test_the_demos_approved_news_is_renamed_to_its_requests_key(employee, employer):
    enrollment = EnrollmentFactory(offering__employer=employer, person=employee)
    old = _old(
        f"demo:programs:enrollment:{enrollment.pk}:approved",
        "programs.enrollment_approved",
        employee,
    )
    RENAME.forward(apps, None)
    old.refresh_from_db()
    stamp = enrollment.created_at.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%S%fZ")
    assert old.key == f"programs.enrollment_approved:{enrollment.pk}:{stamp}"


def test_the_requests_keys_are_renamed_and_back(manager, employee):
    waiting = _old(f"requests.waiting:{manager.pk}:20261124", "requests.waiting", manager)
    review = _old(
        f"requests.trial_review:7:{manager.pk}:20270131:ahead", "requests.trial_review", manager
    )
    RENAME.forward(apps, None)
    waiting.refresh_from_db()
    review.refresh_from_db()
    assert waiting.key == f"requests.waiting:{manager.pk}:2026-11-24"
    assert review.key == f"requests.trial_review:7:{manager.pk}-2027-01-31-ahead"
    RENAME.backward(apps, None)
    review.refresh_from_db()
    assert review.key == f"requests.trial_review:7:{manager.pk}:20270131:ahead"
