"""Leave requests through the services: refusals say which rule, HR decides, the manager
hears dates only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from careersupport.requests import services
from careersupport.requests.models import Decision, LeaveRequest, PublicHoliday

from .conftest import monday_next_spring, next_monday

pytestmark = pytest.mark.django_db


def ask(person, policy, start, days=5, **extra):
    return services.leave_request_create(
        person=person,
        actor=person,
        policy=policy,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        **extra,
    )


def test_it_records_a_request_with_its_working_days_and_history(employee, policy):
    start = next_monday()
    PublicHoliday.objects.create(
        employer=employee.employer, date=start + timedelta(days=2), name="Fest"
    )
    leave = ask(employee, policy, start, reason="My father is in hospital")
    assert (leave.status, leave.days, leave.paid_days) == ("pending", 4, 4)
    assert [d.action for d in leave.decisions.all()] == ["submitted"]


def test_it_refuses_overlapping_leave_under_any_policy(employee, policy, parental):
    start = next_monday()
    ask(employee, policy, start)
    with pytest.raises(ValidationError, match="cannot overlap"):
        ask(employee, parental, start + timedelta(days=4), event_kind="birth", event_date=start)


def test_it_refuses_a_request_beyond_the_entitlement(employee, policy):
    start = monday_next_spring()
    ask(employee, policy, start, days=7)  # 5 working days
    with pytest.raises(ValidationError, match="only 5 of the 10 working days are left"):
        ask(employee, policy, start + timedelta(days=14), days=12)


def test_it_refuses_a_request_inside_the_notice(employee, policy):
    policy.notice_days = 30
    policy.save()
    with pytest.raises(ValidationError, match="30 days' notice"):
        ask(employee, policy, next_monday(1))


def test_it_refuses_a_person_short_of_service(employee, policy):
    employee.employment.start_date = date.today() - timedelta(days=20)
    employee.employment.save()
    policy.min_service_months = 6
    policy.save()
    with pytest.raises(ValidationError, match="6 months of service"):
        ask(employee, policy, next_monday())


def test_parental_leave_needs_its_event(employee, parental):
    with pytest.raises(ValidationError, match="what the leave is for"):
        ask(employee, parental, next_monday())
    assert ask(
        employee, parental, next_monday(), event_kind="adoption", event_date=next_monday()
    ).pk


def test_hr_approves_and_the_manager_hears_the_dates_only(employee, manager, hr_admin, policy):
    leave = ask(employee, policy, next_monday(3), reason="My father is in hospital")
    services.leave_approve(leave=leave, actor=hr_admin)
    to_manager = Reminder.objects.filter(recipient=manager)
    assert {r.kind for r in to_manager} == {"requests.team_leave", "requests.leave_soon"}
    for r in to_manager:
        assert "hospital" not in r.title + r.body and policy.name not in r.title + r.body
    news = Reminder.objects.get(recipient=employee, kind="requests.decision")
    assert news.confidential and not news.send_email


def test_only_hr_decides_leave(employee, manager, policy):
    leave = ask(employee, policy, next_monday())
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, actor=manager)
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, actor=employee)


def test_a_decline_needs_a_reason_the_person_reads(employee, hr_admin, policy):
    leave = ask(employee, policy, next_monday())
    with pytest.raises(ValidationError):
        services.leave_decline(leave=leave, actor=hr_admin, reason=" ")
    services.leave_decline(leave=leave, actor=hr_admin, reason="Team at minimum that week")
    assert Reminder.objects.get(recipient=employee).body == "Team at minimum that week"


def test_cancel_before_the_start_withdraws_the_managers_reminders(
    employee, manager, hr_admin, policy
):
    leave = services.leave_approve(leave=ask(employee, policy, next_monday(3)), actor=hr_admin)
    services.leave_cancel(leave=leave, actor=employee)
    pending = Reminder.objects.filter(recipient=manager, state="pending")
    assert [r.title for r in pending] == [
        f"{employee.full_name} will not be on leave from {leave.start_date:%a %d %b} to "
        f"{leave.end_date:%a %d %b %Y} after all"
    ]
    assert LeaveRequest.objects.get().status == "cancelled"


def test_hr_records_the_return(employee, hr_admin, policy):
    leave = services.leave_approve(leave=ask(employee, policy, next_monday()), actor=hr_admin)
    services.leave_record_return(
        leave=leave, actor=hr_admin, returned_on=next_monday() + timedelta(days=7)
    )
    assert Decision.objects.filter(leave=leave, action="returned").exists()


def test_the_audit_trail_holds_no_reason(employee, hr_admin, policy):
    leave = ask(employee, policy, next_monday(), reason="Chemotherapy of my partner")
    services.leave_decline(leave=leave, actor=hr_admin, reason="Clash with another absence")
    for event in AuditEvent.objects.filter(target_type="leaverequest"):
        assert "Chemotherapy" not in str(event.data) and "Clash" not in str(event.data)


def test_it_imports_a_countrys_holidays_once(employer, hr_admin):
    added = services.holidays_import(employer=employer, actor=hr_admin, country="DE", year=2026)
    assert date(2026, 10, 3) in {h.date for h in added}
    again = services.holidays_import(employer=employer, actor=hr_admin, country="DE", year=2026)
    assert again == []


def test_an_unknown_country_is_refused_with_a_message(employer, hr_admin):
    with pytest.raises(ValidationError, match="No holiday calendar"):
        services.holidays_import(employer=employer, actor=hr_admin, country="XX", year=2026)
