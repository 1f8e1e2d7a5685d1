"""A leaver's requests: what still waits is closed, what happened stays (history rows by
the HR admin who deactivated them)."""

from __future__ import annotations

import pytest

from careersupport.notifications.models import Reminder
from careersupport.people.services import deactivation_consequences, person_deactivate
from careersupport.requests import services
from careersupport.requests.models import Decision

from .conftest import monday_next_spring, next_monday

pytestmark = pytest.mark.django_db


def test_waiting_and_future_leave_is_cancelled_with_a_history_row(
    employee, hr_admin, manager, policy
):
    waiting = services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=monday_next_spring(),
        end_date=monday_next_spring(),
    )
    approved = services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=monday_next_spring(2),
        end_date=monday_next_spring(2),
    )
    services.leave_approve(leave=approved, actor=hr_admin)
    person_deactivate(person=employee, actor=hr_admin)
    for leave in (waiting, approved):
        leave.refresh_from_db()
        assert leave.status == "cancelled"
    row = Decision.objects.filter(leave=approved).last()
    assert (row.action, row.actor) == ("cancelled", hr_admin)
    assert "left" in row.what


def test_the_current_arrangement_ends_and_a_waiting_one_is_cancelled(employee, hr_admin, manager):
    current = services.arrangement_request(
        person=employee,
        actor=employee,
        reason="School run",
        kind="hybrid",
        office_days=[1, 3],
        start_date=next_monday(),
    )
    services.arrangement_approve(arrangement=current, actor=manager)
    person_deactivate(person=employee, actor=hr_admin)
    current.refresh_from_db()
    assert current.status == "ended" and current.ended_on is not None


def test_a_job_share_waiting_for_the_leaver_is_declined_and_the_requester_told(
    employee, peer, hr_admin
):
    share = services.arrangement_request(
        person=employee,
        actor=employee,
        reason="Shared role",
        kind="job_share",
        colleague=peer,
        start_date=next_monday(),
        percentage=50,
        work_days=[0, 1],
    )
    assert "1 job-share request" in " ".join(deactivation_consequences(peer))
    person_deactivate(person=peer, actor=hr_admin)
    share.refresh_from_db()
    assert share.status == "declined"
    assert Reminder.objects.filter(
        recipient=employee, kind="requests.decision", title__contains="cannot go ahead"
    ).exists()


def test_the_reports_requests_follow_them_to_the_new_manager(employee, manager, mentor, hr_admin):
    waiting = services.arrangement_request(
        person=employee,
        actor=employee,
        reason="School run",
        kind="hybrid",
        office_days=[2],
        start_date=next_monday(),
    )
    person_deactivate(person=manager, actor=hr_admin, successor=mentor)
    waiting.refresh_from_db()
    assert services.may_decide(mentor, waiting) and waiting.status == "pending"
