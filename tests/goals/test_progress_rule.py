"""One progress rule, said the same everywhere: with milestones, progress is the share of them
done and a check-in records that share; without, the latest check-in sets it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.goals import services
from careersupport.goals.models import CheckIn, Milestone
from careersupport.notifications.models import Reminder
from tests.factories import (
    DepartmentFactory,
    GoalFactory,
    IndividualFactory,
    MilestoneFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(goal, employee):
    """The goal with three milestones, one of them done: 33%."""
    first, *_ = [MilestoneFactory(goal=goal) for _ in range(3)]
    services.milestone_set_done(milestone=first, actor=employee, done=True)
    goal.refresh_from_db()
    return goal


def _checkin_url(goal):
    return reverse("goals:checkin-create", args=[goal.pk])


def test_a_checkin_on_a_goal_with_milestones_records_the_share_done(employee, planned):
    checkin = services.checkin_record(goal=planned, actor=employee, went_well="Step one")
    planned.refresh_from_db()
    assert checkin.progress == planned.progress == 33


def test_the_checkin_form_shows_progress_read_only_and_why_on_a_goal_with_milestones(
    client_for, employee, planned
):
    text = client_for(employee).get(_checkin_url(planned)).text
    assert 'name="progress"' not in text
    assert "Progress now: 33%" in text and "from its milestones: 1 of 3 done" in text
    assert "It follows the milestones, so it is not typed here" in text


def test_a_figure_posted_for_a_goal_with_milestones_is_not_taken(client_for, employee, planned):
    response = client_for(employee).post(_checkin_url(planned), {"progress": 40})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert CheckIn.objects.get().progress == planned.progress == 33


def test_milestones_ticked_in_the_checkin_are_done_and_counted(client_for, employee, planned):
    second = planned.milestones.filter(done=False).first()
    response = client_for(employee).post(_checkin_url(planned), {"finished": [second.pk]})
    assert response.status_code == 302
    second.refresh_from_db()
    planned.refresh_from_db()
    assert second.done and CheckIn.objects.get().progress == planned.progress == 67


def test_a_checkin_cannot_tick_another_goals_milestone(employee, planned):
    elsewhere = MilestoneFactory(goal=GoalFactory(owner=employee))
    with pytest.raises(Exception, match="open milestones"):
        services.checkin_record(goal=planned, actor=employee, finished=[elsewhere])
    elsewhere.refresh_from_db()
    assert not elsewhere.done and not CheckIn.objects.exists()


def test_without_milestones_the_latest_checkin_sets_progress(employee, goal):
    services.checkin_record(goal=goal, actor=employee, progress=40)
    services.checkin_record(goal=goal, actor=employee, progress=35)
    goal.refresh_from_db()
    assert goal.progress == 35


def test_without_milestones_a_checkin_needs_a_figure(client_for, employee, goal):
    response = client_for(employee).post(_checkin_url(goal), {"went_well": "Fine"})
    assert response.status_code == 400
    assert 'id="id_progress_error"' in response.text
    assert not CheckIn.objects.exists()


def test_removing_the_last_milestone_hands_progress_back_to_the_latest_checkin(employee, goal):
    services.checkin_record(goal=goal, actor=employee, progress=40)
    milestone = services.milestone_add(
        goal=goal, actor=employee, title="Plan", due_date=goal.target_date
    )
    goal.refresh_from_db()
    assert goal.progress == 0
    services.milestone_delete(milestone=milestone, actor=employee)
    goal.refresh_from_db()
    assert goal.progress == 40


@pytest.mark.parametrize(
    ("setup", "says"),
    [
        ("milestones", "33% <small>(from its milestones: 1 of 3 done)</small>"),
        ("checkin", "45% <small>(from the latest check-in, "),
        ("start", "0% <small>(the starting figure, until the first check-in)</small>"),
    ],
)
def test_the_goal_header_says_where_progress_comes_from(client_for, employee, goal, setup, says):
    if setup == "milestones":
        for done in (True, False, False):
            MilestoneFactory(goal=goal, done=done)
        services.milestone_set_done(milestone=goal.milestones.last(), actor=employee, done=False)
    elif setup == "checkin":
        services.checkin_record(goal=goal, actor=employee, progress=45)
    text = client_for(employee).get(goal.get_absolute_url()).text
    assert says in text


def test_the_goal_page_the_team_view_and_the_checkin_history_agree(
    client_for, employee, manager, planned
):
    services.checkin_record(goal=planned, actor=employee)
    goal_page = client_for(manager).get(planned.get_absolute_url()).text
    team = client_for(manager).get(reverse("team:overview")).text
    assert "33% <small>(from its milestones" in goal_page
    assert f"{timezone.localdate():%-d %B %Y} · 33%" in goal_page  # the check-in
    assert "to 33% at the check-in" in goal_page  # the chart
    assert '<progress class="progress-bar" value="33"' in team


def test_hr_figures_average_the_same_progress(client_for, employer, hr_admin):
    dept = DepartmentFactory(employer=employer, name="Design")
    people = IndividualFactory.create_batch(5, employer=employer, department=dept, user=None)
    milestoned = GoalFactory(owner=people[0])
    for done in (True, False):
        MilestoneFactory(goal=milestoned, done=done)
    services.milestone_set_done(
        milestone=milestoned.milestones.first(), actor=people[0], done=True
    )  # 50%
    GoalFactory(owner=people[1], progress=10)
    text = client_for(hr_admin).get(reverse("goals:hr-summary")).text
    row = text[text.index('<th scope="row">Design</th>') :]
    assert "<td>30%</td>" in row[: row.index("</tr>")]


def test_the_checkin_reminder_says_which_rule_applies_and_follows_the_first_milestone(employee):
    goal = services.goal_create(
        owner=employee,
        actor=employee,
        title="Speak at a meetup",
        target_date=timezone.localdate() + timedelta(days=90),
    )
    reminder = Reminder.objects.get(kind="goals.checkin_due", state="pending")
    assert "Say how far you are (it sets the goal's progress)" in reminder.body
    services.milestone_add(goal=goal, actor=employee, title="Outline", due_date=goal.target_date)
    reminder.refresh_from_db()
    assert "Its progress follows its milestones: tick the ones you finished" in reminder.body


def test_milestones_and_checkins_keep_the_rule_through_every_service(employee, goal):
    services.checkin_record(goal=goal, actor=employee, progress=20)
    one = services.milestone_add(goal=goal, actor=employee, title="A", due_date=goal.target_date)
    services.milestone_add(goal=goal, actor=employee, title="B", due_date=goal.target_date)
    services.checkin_record(goal=goal, actor=employee, finished=[one])
    services.milestone_set_done(milestone=one, actor=employee, done=False)
    goal.refresh_from_db()
    done = Milestone.objects.filter(goal=goal, done=True).count()
    assert goal.progress == round(100 * done / 2) == 0
    assert list(CheckIn.objects.order_by("created_at").values_list("progress", flat=True)) == [
        20,
        50,
    ]
