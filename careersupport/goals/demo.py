"""Demo goals: the employee, the partner and the manager's team get goals in every status, most
with milestones and some without, and months of check-ins, some overdue, so that /team/ looks
like a real team; every other colleague gets a goal or two so that the HR figures have
something to count. Every goal obeys the progress rule the services keep (see `_seed_goal`).

Idempotent: a goal is found by (owner, title) before it is created.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual

from .models import CheckIn, Goal, GoalLink, GoalReview, Milestone, milestone_share
from .services import _move_checkin_reminders, rollup_refresh

# (title, category, status, started months ago, months to target, cadence, why)
PLANS = [
    (
        "Lead a cross-team project",
        "role",
        "active",
        5,
        4,
        "biweekly",
        "The next step towards senior.",
    ),
    (
        "Get the AWS Solutions Architect certificate",
        "education",
        "active",
        3,
        3,
        "weekly",
        "Our platform runs there.",
    ),
    (
        "Improve public speaking",
        "skill",
        "active",
        6,
        1,
        "monthly",
        "I want to present at the all-hands.",
    ),
    ("Protect focus time", "work_life", "paused", 4, 6, "monthly", "Fewer evenings online."),
    (
        "Ship the onboarding guide",
        "other",
        "achieved",
        8,
        0,
        "biweekly",
        "New joiners asked for it.",
    ),
    (
        "Learn Spanish to B1",
        "skill",
        "dropped",
        7,
        5,
        "monthly",
        "For the Madrid office, now closed.",
    ),
    ("Mentor a new joiner", "role", "draft", 0, 6, "monthly", "Give back what I was given."),
]
PARTNER_PLANS = [
    (
        "Find a product design role in Berlin",
        "job_search",
        "active",
        3,
        3,
        "weekly",
        "We moved here for my partner's job.",
    ),
    (
        "Get my degree recognised in Germany",
        "education",
        "active",
        4,
        2,
        "monthly",
        "Needed for most design roles.",
    ),
    ("Reach B2 German", "skill", "active", 5, 7, "biweekly", "Interviews happen in German."),
]
NOTES = [
    ("Finished the first module.", "Meetings ate two afternoons.", "Block Tuesday mornings."),
    ("Good feedback from my manager.", "", "Book the next session."),
    ("Made steady progress.", "Waiting on another team.", "Ask for a date this week."),
    ("", "Was ill for a few days.", "Catch up on the backlog."),
]


# Goals whose progress the owner gives at each check-in (no milestones); the others have four.
NO_MILESTONES = {"Improve public speaking", "Protect focus time", "Reach B2 German"}


def _months(n: int) -> timedelta:
    return timedelta(days=round(30.4 * n))


def _at(day: date, hour: int, person: Individual) -> datetime:
    """`hour` o'clock on `day` in the person's zone: when something was recorded."""
    return datetime.combine(day, time(hour), tzinfo=person.tzinfo)


def _seed_goal(
    person: Individual, plan: tuple, rng: random.Random, today: date, overdue: bool
) -> Goal | None:
    """One back-dated goal that obeys the progress rule, as the services keep it: with
    milestones, each check-in records the share done when it was recorded and the goal the
    share done now; without, the latest check-in's figure is the goal's."""
    title, category, status, started, to_target, cadence, why = plan
    if Goal.objects.filter(owner=person, title=title).exists():
        return None
    start = today - _months(started)
    target = today + _months(to_target) if status != "achieved" else today - timedelta(days=10)
    goal = Goal.objects.create(
        employer_id=person.employer_id,
        owner=person,
        title=title,
        why=why,
        category=category,
        status=status,
        cadence=cadence,
        target_date=target,
        shared_with_manager=person.is_employee and title != "Protect focus time",
        shared_with_partner=person.is_partner or category in ("work_life", "role"),
        created_at=_at(start, 9, person),
    )
    # Milestones spread from start to target; the first ones done on their due date.
    span = max((target - start).days, 4)
    milestones = []
    if title not in NO_MILESTONES:
        milestones = [
            Milestone(
                goal=goal,
                title=f"Step {i + 1}: {label}",
                due_date=start + timedelta(days=span * (i + 1) // 4),
                created_at=goal.created_at,
            )
            for i, label in enumerate(["plan it", "first result", "feedback", "wrap up"])
        ]
    elapsed = sum(1 for m in milestones if m.due_date <= today)
    for m in milestones[: max(elapsed - (1 if overdue else 0), 0) if status != "achieved" else 4]:
        m.done, m.done_at = True, _at(m.due_date, 16, person)
    Milestone.objects.bulk_create(milestones)
    # Check-ins every cadence step since the start, a few days late now and then.
    checkins, day, progress = [], start, 0
    step = Goal.CADENCE_STEP.get(cadence)
    last_checkin = None
    stop = today - timedelta(days=20) if overdue else today
    while step and status != "draft" and day + step <= stop:
        due = day + step
        day = due + timedelta(days=rng.choice([0, 0, 0, 0, 0, 1, 2, 5]))
        if day > stop:
            break
        recorded = _at(day, rng.randint(8, 18), person)
        if milestones:
            done = sum(1 for m in milestones if m.done_at and m.done_at <= recorded)
            progress = milestone_share(done, len(milestones))
        else:
            progress = min(100, progress + rng.randint(3, 12))
        went, way, nxt = rng.choice(NOTES)
        checkins.append(
            CheckIn(
                goal=goal,
                author=person,
                date=day,
                due_on=due,
                progress=progress,
                went_well=went,
                in_the_way=way,
                next_step=nxt,
                created_at=recorded,
            )
        )
        last_checkin = day
    CheckIn.objects.bulk_create(checkins)
    if milestones:
        goal.progress = milestone_share(sum(1 for m in milestones if m.done), len(milestones))
    else:
        goal.progress = checkins[-1].progress if checkins else goal.start_progress
    open_dates = [m.due_date for m in milestones if not m.done]
    goal.next_milestone_due = min(open_dates) if open_dates and status == "active" else None
    goal.last_checkin_on = last_checkin
    if status == "active" and step:
        goal.next_checkin_due = (last_checkin or start) + step
    goal.save()
    if goal.next_checkin_due and goal.next_checkin_due >= today:
        _move_checkin_reminders(goal, None, follows_milestones=bool(milestones))
    rollup_refresh(owner=person)
    return goal


def seed(world: DemoWorld) -> None:
    today = timezone.localdate()
    team = list(
        Individual.objects.filter(manager=world.manager)
        .exclude(pk=world.employee.pk)
        .order_by("id")
    )
    for n, person in enumerate([world.employee, world.manager, *team]):
        rng = random.Random(person.pk)
        plans = PLANS if person in (world.employee, world.manager) else rng.sample(PLANS[:6], 3)
        for i, plan in enumerate(plans):
            _seed_goal(person, plan, rng, today, overdue=(n + i) % 3 == 0)
    for plan in PARTNER_PLANS:
        _seed_goal(world.partner, plan, random.Random(world.partner.pk), today, overdue=False)
    others = [
        p for p in world.colleagues if p.manager_id != world.manager.pk and p != world.manager
    ]
    for person in [*others, world.hr, world.mentor]:
        rng = random.Random(person.pk)
        for plan in rng.sample(PLANS[:5], 2):
            _seed_goal(person, plan, rng, today, overdue=rng.random() < 0.3)

    lead = Goal.objects.filter(owner=world.employee, title=PLANS[0][0]).first()
    if lead and not lead.reviews.exists():
        GoalReview.objects.create(
            goal=lead,
            reviewer=world.manager,
            rating=GoalReview.Rating.ON_TRACK,
            comments="Strong start: the kickoff went well and the other team is on board.",
            next_steps="Write the rollout plan; we review it in our next one-to-one.",
            reply="Thanks! I'll share the draft on Thursday.",
            replied_at=timezone.now() - timedelta(days=20),
            created_at=timezone.now() - timedelta(days=25),
        )
        GoalReview.objects.create(
            goal=lead,
            reviewer=world.manager,
            rating=GoalReview.Rating.AT_RISK,
            comments="The rollout slipped two weeks; let's find what blocks it.",
            next_steps="Ask the platform team for a date; cut the optional scope.",
            created_at=timezone.now() - timedelta(days=3),
        )
    speaking = Goal.objects.filter(owner=world.employee, title=PLANS[2][0]).first()
    if speaking:
        for individual, kind in (
            (world.coach, GoalLink.Kind.COACHING),
            (world.mentor, GoalLink.Kind.MENTORSHIP),
        ):
            GoalLink.objects.get_or_create(
                goal=speaking, individual=individual, ended_at=None, defaults={"kind": kind}
            )
