"""The progress chart: from the start, check-ins in the order recorded (two on one day apart,
not at the left edge), a caption in that order, and useful from the first check-in."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from careersupport.goals import services
from careersupport.goals.charts import MIN_GAP, PAD, WIDTH, progress_chart
from tests.factories import CheckInFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _at(days_ago: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=hour)


def _checkin(goal, progress, recorded):
    return CheckInFactory(
        goal=goal, progress=progress, date=timezone.localdate(recorded), created_at=recorded
    )


def test_two_checkins_of_one_day_are_drawn_apart_in_recorded_order(goal):
    goal.created_at, goal.progress = _at(60, 9), 45  # the latest check-in's, as the rule says
    # Saved in the opposite order to the one they were recorded in: 40 at 09:00, 45 at 15:00.
    later = _checkin(goal, 45, _at(0, 15))
    earlier = _checkin(goal, 40, _at(0, 9))
    chart = progress_chart(goal, [later, earlier])
    start, first, second = chart.points
    assert [p.progress for p in chart.points] == [0, 40, 45]
    assert start.x == PAD and first.x < second.x <= WIDTH - PAD
    assert second.x - first.x >= MIN_GAP - 0.01
    assert chart.summary.endswith("to 45% at the latest of 2 check-ins, on " + _day(0) + ".")


def test_a_day_of_checkins_spreads_across_the_chart_not_at_the_left_edge(goal):
    goal.created_at, goal.progress = _at(0, 8), 30
    points = progress_chart(goal, [_checkin(goal, 10, _at(0, 9)), _checkin(goal, 30, _at(0, 10))])
    xs = [p.x for p in points.points]
    assert xs == sorted(xs) and xs[-1] == WIDTH - PAD and xs[1] >= WIDTH / 2
    assert points.one_day


def test_a_single_checkin_draws_the_start_and_the_point(goal):
    goal.created_at, goal.start_progress, goal.progress = _at(30, 9), 10, 25
    chart = progress_chart(goal, [_checkin(goal, 25, _at(0, 12))])
    assert [(p.kind, p.progress) for p in chart.points] == [("start", 10), ("checkin", 25)]
    assert chart.summary == (
        f"Progress went from 10% at the start on {_day(30)} to 25% at the check-in on {_day(0)}."
    )


def test_no_checkin_no_chart(goal):
    assert progress_chart(goal, []) is None


def test_progress_the_milestones_moved_since_the_latest_checkin_ends_the_chart(employee, goal):
    milestone = MilestoneFactory(goal=goal)
    MilestoneFactory(goal=goal)
    services.checkin_record(goal=goal, actor=employee)
    services.milestone_set_done(milestone=milestone, actor=employee, done=True)
    goal.refresh_from_db()
    chart = progress_chart(goal, goal.checkins.all())
    assert [(p.kind, p.progress) for p in chart.points][-2:] == [("checkin", 0), ("now", 50)]
    assert chart.since is not None
    assert chart.summary.endswith("It is 50% now, from its milestones.")


def test_the_goal_page_draws_the_chart_from_the_first_checkin(client_for, employee, goal):
    services.checkin_record(goal=goal, actor=employee, progress=20)
    text = client_for(employee).get(goal.get_absolute_url()).text
    assert "<polyline" in text and 'class="chart-dot chart-dot-start"' in text
    assert "to 20% at the check-in on" in text


def test_the_checkin_history_lists_the_latest_recorded_first(client_for, employee, goal):
    later = _checkin(goal, 45, _at(0, 15))
    _checkin(goal, 40, _at(0, 9))
    text = client_for(employee).get(goal.get_absolute_url()).text
    history = text[text.index('<ol class="checkins">') :]
    assert later.pk < goal.checkins.latest("id").pk  # saved first, recorded last
    assert history.index("· 45%") < history.index("· 40%")


def _day(days_ago: int) -> str:
    day = timezone.localdate() - timedelta(days=days_ago)
    return f"{day.day} {day:%b %Y}"
