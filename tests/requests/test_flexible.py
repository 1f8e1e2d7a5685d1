"""Flexible work: the manager decides, HR overrides or stands in, job shares are confirmed,
trials are reviewed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careersupport.notifications.models import Reminder
from careersupport.requests import services
from tests.factories import IndividualFactory

from .conftest import next_monday

pytestmark = pytest.mark.django_db


def ask(person, **terms):
    terms.setdefault("kind", "hybrid")
    terms.setdefault("office_days", [1, 3])
    terms.setdefault("start_date", next_monday())
    return services.arrangement_request(person=person, actor=person, reason="School run", **terms)


def test_the_manager_approves_and_a_trial_is_reminded_to_both(employee, manager):
    arrangement = ask(employee, review_date=next_monday() + timedelta(days=90))
    services.arrangement_approve(arrangement=arrangement, actor=manager)
    arrangement.refresh_from_db()
    assert (
        arrangement.status == "approved"
        and arrangement.terms == "Hybrid, in the office on Tuesday, Thursday"
    )
    reminded = set(
        Reminder.objects.filter(kind="requests.trial_review").values_list("recipient", flat=True)
    )
    assert reminded == {employee.pk, manager.pk}


def test_another_manager_or_a_peer_cannot_decide(employee, peer, employer):
    other_manager = IndividualFactory(employer=employer)
    IndividualFactory(employer=employer, manager=other_manager)
    arrangement = ask(employee)
    for outsider in (peer, other_manager, employee):
        with pytest.raises(PermissionDenied):
            services.arrangement_approve(arrangement=arrangement, actor=outsider)


def test_hr_overrides_the_manager_and_says_so(employee, hr_admin):
    arrangement = services.arrangement_approve(arrangement=ask(employee), actor=hr_admin)
    assert "HR, in place of the manager" in arrangement.decisions.last().what


def test_hr_decides_when_there_is_no_manager(employer, hr_admin):
    alone = IndividualFactory(employer=employer)
    arrangement = services.arrangement_approve(arrangement=ask(alone), actor=hr_admin)
    assert "HR (no manager)" in arrangement.decisions.last().what


def test_a_decline_needs_a_reason(employee, manager):
    arrangement = ask(employee)
    with pytest.raises(ValidationError):
        services.arrangement_decline(arrangement=arrangement, actor=manager, reason="")
    services.arrangement_decline(
        arrangement=arrangement, actor=manager, reason="Office days needed"
    )
    assert Reminder.objects.get(recipient=employee).body == "Office days needed"


def test_a_job_share_waits_for_the_colleague_first(employee, peer, manager):
    arrangement = ask(employee, kind="job_share", colleague=peer)
    assert arrangement.status == "waiting_colleague"
    assert Reminder.objects.filter(recipient=peer, kind="requests.job_share").exists()
    with pytest.raises(ValidationError):
        services.arrangement_approve(arrangement=arrangement, actor=manager)
    services.arrangement_colleague_answer(arrangement=arrangement, actor=peer, accept=True)
    assert services.arrangement_approve(arrangement=arrangement, actor=manager).status == "approved"


def test_approving_a_new_arrangement_ends_the_current_one(employee, manager):
    first = services.arrangement_approve(arrangement=ask(employee), actor=manager)
    second = ask(employee, kind="compressed", day_off=4, start_date=next_monday(6))
    services.arrangement_approve(arrangement=second, actor=manager)
    first.refresh_from_db()
    assert first.status == "ended" and first.ended_on == next_monday(6) - timedelta(days=1)


def test_the_review_keeps_changes_or_ends(employee, manager):
    arrangement = services.arrangement_approve(
        arrangement=ask(employee, review_date=next_monday() + timedelta(days=60)), actor=manager
    )
    services.arrangement_review(
        arrangement=arrangement, actor=manager, outcome="change", office_days=[0, 2, 4]
    )
    arrangement.refresh_from_db()
    assert arrangement.office_days == [0, 2, 4] and arrangement.review_date is None
    assert not Reminder.objects.filter(kind="requests.trial_review", state="pending").exists()
    services.arrangement_review(arrangement=arrangement, actor=manager, outcome="end")
    arrangement.refresh_from_db()
    assert arrangement.status == "ended"


def test_one_open_request_at_a_time(employee):
    ask(employee)
    with pytest.raises(ValidationError, match="already have"):
        ask(employee, kind="remote")
