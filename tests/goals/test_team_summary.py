"""The weekly Monday 09:00 summary to each manager of their reports' overdue check-ins."""

from datetime import UTC, date, datetime

import pytest
from django.conf import settings

from careersupport.goals import tasks
from careersupport.goals.team_summary import KIND, next_summary_at, team_summaries_publish
from careersupport.notifications.models import Reminder
from tests.factories import GoalFactory, IndividualFactory

pytestmark = pytest.mark.django_db

# Sunday 29 November 2026, noon UTC: Monday 09:00 in Berlin is 20 hours away.
SUNDAY_NOON = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
LATE, SOON = date(2026, 11, 20), date(2026, 12, 10)


@pytest.fixture
def berlin(manager, employee, peer):
    for person in (manager, employee, peer):
        person.time_zone = "Europe/Berlin"
        person.save(update_fields=["time_zone"])
    return manager


def _summary():
    return Reminder.objects.get(kind=KIND)


def test_a_manager_gets_a_monday_nine_summary_of_overdue_checkins(berlin, employee, peer):
    GoalFactory(owner=employee, next_checkin_due=LATE)
    GoalFactory(owner=peer, next_checkin_due=SOON)
    GoalFactory(owner=peer, next_checkin_due=date(2026, 11, 30))  # due on the Monday: not late
    assert team_summaries_publish(now=SUNDAY_NOON) == 1
    summary = _summary()
    assert summary.recipient == berlin and summary.state == "pending"
    assert summary.due_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert summary.title == "1 overdue check-in in your team"
    assert f"{employee.first_name} {employee.last_name} (1)" in summary.body
    assert peer.first_name not in summary.body and summary.url == "/team/?overdue=on"


@pytest.mark.parametrize(
    "hidden", [{"shared_with_manager": False}, {"status": "draft"}, {"status": "paused"}]
)
def test_private_draft_and_paused_goals_are_not_counted(berlin, employee, hidden):
    GoalFactory(owner=employee, next_checkin_due=LATE, **hidden)
    assert team_summaries_publish(now=SUNDAY_NOON) == 0
    assert not Reminder.objects.filter(kind=KIND).exists()


def test_running_every_hour_keeps_one_summary_and_updates_its_figure(berlin, employee, peer):
    GoalFactory(owner=employee, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON)
    GoalFactory(owner=peer, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON.replace(hour=13))
    assert _summary().title == "2 overdue check-ins in your team"


def test_a_team_that_caught_up_has_its_summary_cancelled(berlin, employee):
    goal = GoalFactory(owner=employee, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON)
    goal.next_checkin_due = SOON  # what a check-in does
    goal.save()
    team_summaries_publish(now=SUNDAY_NOON.replace(hour=13))
    assert _summary().state == "cancelled"


def test_a_sent_summary_is_neither_changed_nor_sent_again(berlin, employee, peer):
    GoalFactory(owner=employee, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON)
    Reminder.objects.filter(kind=KIND).update(state="sent")
    GoalFactory(owner=peer, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON.replace(hour=14))
    assert Reminder.objects.filter(kind=KIND).count() == 1
    assert _summary().state == "sent" and _summary().title.startswith("1 ")


def test_nothing_is_published_before_the_last_day(berlin, employee):
    GoalFactory(owner=employee, next_checkin_due=LATE)
    assert team_summaries_publish(now=datetime(2026, 11, 27, 12, 0, tzinfo=UTC)) == 0
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("zone", "in_window", "nine_utc"),
    [
        ("Asia/Tokyo", True, datetime(2026, 11, 30, 0, 0, tzinfo=UTC)),
        ("America/Los_Angeles", False, datetime(2026, 11, 30, 17, 0, tzinfo=UTC)),
    ],
)
def test_each_manager_at_nine_in_their_own_time_zone(employer, zone, in_window, nine_utc):
    boss = IndividualFactory(employer=employer, time_zone=zone)
    GoalFactory(owner=IndividualFactory(employer=employer, manager=boss), next_checkin_due=LATE)
    assert next_summary_at(SUNDAY_NOON, boss.tzinfo) == nine_utc
    assert team_summaries_publish(now=SUNDAY_NOON) == int(in_window)


def test_nine_oclock_holds_across_the_daylight_saving_change(berlin):
    # Berlin moves to summer time on Sunday 29 March 2026: Monday 09:00 is then 07:00 UTC.
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert next_summary_at(saturday, berlin.tzinfo) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_another_employers_manager_gets_nothing_of_ours(berlin, employee, outsider):
    GoalFactory(owner=employee, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON)
    assert set(Reminder.objects.values_list("recipient", flat=True)) == {berlin.pk}


def test_beat_runs_the_task_every_hour(berlin, employee, monkeypatch):
    entry = settings.CELERY_BEAT_SCHEDULE["goals-team-summaries"]
    assert entry["task"] == tasks.publish_team_summaries.name and entry["schedule"] == 3600
    GoalFactory(owner=employee, next_checkin_due=LATE)
    monkeypatch.setattr("django.utils.timezone.now", lambda: SUNDAY_NOON)
    assert tasks.publish_team_summaries() == 1


@pytest.mark.parametrize("reports", [2, 20])
def test_an_unchanged_summary_costs_no_write(
    berlin, employer, django_assert_max_num_queries, reports
):
    for _ in range(reports):
        GoalFactory(
            owner=IndividualFactory(employer=employer, manager=berlin), next_checkin_due=LATE
        )
    team_summaries_publish(now=SUNDAY_NOON)
    # managers, overdue goals, existing summaries (and the transaction's savepoint and release)
    with django_assert_max_num_queries(5):
        assert team_summaries_publish(now=SUNDAY_NOON.replace(hour=13)) == 1
    assert _summary().title == f"{reports} overdue check-ins in your team"


def test_a_team_that_falls_behind_again_gets_its_cancelled_summary_back(berlin, employee):
    goal = GoalFactory(owner=employee, next_checkin_due=LATE)
    team_summaries_publish(now=SUNDAY_NOON)
    goal.next_checkin_due = SOON
    goal.save(update_fields=["next_checkin_due"])
    team_summaries_publish(now=SUNDAY_NOON.replace(hour=13))
    assert _summary().state == "cancelled"
    goal.next_checkin_due = LATE
    goal.save(update_fields=["next_checkin_due"])
    team_summaries_publish(now=SUNDAY_NOON.replace(hour=14))
    assert _summary().state == "pending"
    assert _summary().title == "1 overdue check-in in your team"


def test_the_key_names_the_monday_on_the_managers_own_calendar(berlin, employee):
    berlin.time_zone = "Pacific/Auckland"  # Monday 09:00 there is Sunday 20:00 UTC
    berlin.save(update_fields=["time_zone"])
    GoalFactory(owner=employee, next_checkin_due=LATE)
    team_summaries_publish(now=datetime(2026, 11, 29, 6, 0, tzinfo=UTC))
    summary = _summary()
    assert summary.key == f"{KIND}:{berlin.pk}:2026-11-30"
    assert summary.due_at == datetime(2026, 11, 29, 20, 0, tzinfo=UTC)


def test_goals_reads_reminders_only_through_the_notifications_api():
    from pathlib import Path

    import careersupport.goals

    sources = Path(careersupport.goals.__file__).parent.rglob("*.py")
    readers = [
        path.name
        for path in sources
        if "migrations" not in path.parts and "notifications.models" in path.read_text()
    ]
    assert readers == []
