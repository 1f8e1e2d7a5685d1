"""Demo outcomes: a year of history behind every report, and surveys waiting to be answered.

- Each of the last twelve months had a workshop, each quarter a course, and one small pilot
  (three people, so the reports hide a group); most participants completed, some withdrew or
  lapsed. A re-entry programme ended months ago with its returners' outcomes.
- Goals whose target dates fell in that year, achieved more often by participants.
- Parental leaves that ended in the last two years, with the returns HR recorded.
- Partners of colleagues in a job search since before that period, eight placed in it.
- A survey after each completed participation, answered by most; two questions of HR's own.
- The demo employee has two surveys waiting (through the service: inbox, e-mail, reminder).
- Then the figures are computed once (the nightly job keeps them current).

History is back-dated by writing rows directly, as `programs/demo.py` does: the services stamp
"now" and refuse what starts in the past, as they should. Survey answers of the past are
written straight into the released answers (there was never anyone to keep them apart
from). Idempotent: offerings by title, enrollments by (offering, person), goals by (owner,
title), leaves by (person, policy, first day), invitations by their source; an answer is
written only with the invitation it answers, and the figures only when there are none.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.jobsearch.models import Application, Outcome
from careersupport.people.demo import DemoWorld, demo_account
from careersupport.people.models import Individual, Invitation, Partnership
from careersupport.requests.models import LeavePolicy, LeaveRequest, Status
from programs.models import Enrollment, Offering

from .models import RollupRun, SurveyAnswer, SurveyInvitation, SurveyQuestion
from .periods import MONTH, default, next_start, previous_start, start_of
from .registry import SurveyDue
from .services import question_create, rollup_run, survey_invite

K = Offering.Kind
THEMES = [
    "Giving feedback",
    "Time and focus",
    "Storytelling with data",
    "Running better meetings",
    "Presenting with confidence",
    "Negotiation basics",
    "Career conversations",
    "Writing for impact",
    "Planning your next move",
    "Working across cultures",
    "Leading without authority",
    "Resilience at work",
]
COURSES = ["Project management", "SQL for analysts", "Finance for non-finance", "UX basics"]
HELPED = [
    "The practical exercises.",
    "Hearing how other teams do it.",
    "Clear examples I could use the next day.",
    "Time to reflect with a colleague.",
    "",
]
IMPROVE = [
    "More time for questions.",
    "Send the slides beforehand.",
    "A follow-up session a month later.",
    "Smaller groups.",
    "",
]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _offering(world: DemoWorld, title: str, kind: str, starts: date, ends: date, **extra):
    offering, _ = Offering.objects.get_or_create(
        employer=world.employer,
        title=title,
        defaults={
            "kind": kind,
            "description": f"{K(kind).label}, held from {starts:%d %b} to {ends:%d %b %Y}.",
            "status": Offering.Status.ARCHIVED,
            "format": Offering.Format.ONLINE,
            "online_url": "https://meet.example.com/careers",
            "starts_on": starts,
            "ends_on": ends,
            "created_by": world.hr,
            "published_at": _at(starts - timedelta(days=30)),
            **extra,
        },
    )
    return offering


def _participate(
    offering: Offering, person: Individual, rng: random.Random, status: str = ""
) -> Enrollment:
    assert offering.starts_on and offering.ends_on  # the demo's offerings are dated
    start = _at(offering.starts_on)
    roll = rng.random()
    status = status or ("completed" if roll < 0.8 else ("withdrawn" if roll < 0.9 else "enrolled"))
    ended = None
    if status == "completed":
        ended = _at(offering.ends_on, 16)
    elif status == "withdrawn":
        ended = start + (_at(offering.ends_on) - start) / 2
    enrollment, _ = Enrollment.objects.get_or_create(
        offering=offering,
        person=person,
        defaults={
            "employer": offering.employer,
            "status": status,
            "started_at": start,
            "ended_at": ended,
            "created_at": start - timedelta(days=10),
        },
    )
    return enrollment


def _history(world: DemoWorld, rng: random.Random) -> list[Enrollment]:
    """The year's offerings and who took part in them."""
    people = [p for p in world.employees if p.deactivated_at is None]
    this_month = start_of(timezone.now().date(), MONTH)
    taken = []
    month = this_month
    for index in range(12):
        month = previous_start(month, MONTH)
        workshop = _offering(
            world,
            f"Workshop: {THEMES[index]} ({month:%b %Y})",
            K.WORKSHOP,
            month + timedelta(days=9),
            month + timedelta(days=9),
            for_partners=True,
        )
        crowd = rng.sample([p for p in people if p != world.employee], rng.randint(10, 18))
        if index % 4 == 1:
            crowd.append(world.partner)  # partners may join what is open to them
        if index < 2:  # the demo employee's last two workshops
            taken.append(_participate(workshop, world.employee, rng, status="completed"))
        taken += [_participate(workshop, p, rng) for p in crowd]
        if index % 3 == 0:
            course_start = month
            course = _offering(
                world,
                f"Course: {COURSES[index // 3]} ({month:%b %Y})",
                K.TRAINING,
                course_start,
                next_start(course_start, MONTH) + timedelta(days=20),
            )
            taken += [_participate(course, p, rng) for p in rng.sample(people, 14)]
    pilot_month = previous_start(previous_start(this_month, MONTH), MONTH)
    pilot = _offering(
        world,
        f"Salary negotiation pilot ({pilot_month:%b %Y})",
        K.SALARY_NEGOTIATION,
        pilot_month + timedelta(days=3),
        pilot_month + timedelta(days=3),
    )
    taken += [_participate(pilot, p, rng) for p in people[3:6]]  # three: a group too small
    return taken


def _in_default_period(days_ago: int) -> date:
    """A day about `days_ago` back, inside the period the report pages open on."""
    today = timezone.now().date()
    period = default(today)
    wanted = today - timedelta(days=days_ago)
    return wanted if period.start <= wanted < period.stop else period.start + timedelta(days=14)


def _person(world: DemoWorld, email: str, first: str, last: str, index: int, **extra):
    person, _ = Individual.objects.get_or_create(
        employer=world.employer,
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "department": list(world.departments.values())[index % len(world.departments)],
            "time_zone": "Europe/Berlin",
            **extra,
        },
    )
    return person


def _returners(world: DemoWorld) -> None:
    """A re-entry programme that ended in the period the reports open on, with the outcome
    of each of its twelve returners."""
    ended = _in_default_period(45)
    programme = _offering(
        world, "Returnship (spring cohort)", K.REENTRY, ended - timedelta(days=150), ended
    )
    outcomes = ["placed"] * 6 + ["extended"] * 3 + ["exited"] * 3
    for i, outcome in enumerate(outcomes):
        first = ["Asha", "Bruno", "Carmen", "Dario", "Eva", "Femi"][i % 6]
        person = _person(
            world, f"returner{i + 1}@example.com", first, f"Returner {i + 1}", i, is_returner=True
        )
        Enrollment.objects.get_or_create(
            offering=programme,
            person=person,
            defaults={
                "employer": world.employer,
                "status": "enrolled" if outcome == "extended" else "completed",
                "outcome": outcome,
                "started_at": _at(programme.starts_on),
                "ended_at": None if outcome == "extended" else _at(ended, 15),
                "created_at": _at(programme.starts_on - timedelta(days=20)),
            },
        )


def _goals(world: DemoWorld, taken: list[Enrollment], rng: random.Random) -> None:
    """Goals due in the past year, achieved more often by the people who took part."""
    participants = {e.person_id for e in taken}
    today = timezone.now().date()
    # Colleagues only: the demo accounts' own goal pages stay as the goals demo made them.
    for person in [world.hr, world.mentor, *world.colleagues]:
        for n in range(2):
            due = today - timedelta(days=rng.randint(15, 350))
            chance = 0.7 if person.pk in participants else 0.45
            Goal.objects.get_or_create(
                owner=person,
                title=f"Reach a milestone of the year ({n + 1})",
                defaults={
                    "employer": world.employer,
                    "category": rng.choice(["skill", "role", "education"]),
                    "target_date": due,
                    "status": "achieved" if rng.random() < chance else "dropped",
                    "cadence": Goal.Cadence.NONE,
                    "shared_with_manager": False,
                    "created_at": _at(due - timedelta(days=120)),
                },
            )


def _leave(world: DemoWorld) -> None:
    """Parental leaves: twelve ended in the period the reports open on (seven returns
    recorded), and twelve people returned a year before it (five left within the year)."""
    policy = LeavePolicy.objects.for_employer(world.employer).filter(kind="parental").first()
    if policy is None:
        return
    colleagues = [p for p in world.colleagues if p.deactivated_at is None]
    today = timezone.now().date()
    # Spread over the period, so that no month holds a whole group by itself.
    span = max((today - default(today).start).days - 10, 36)
    leaves = []
    for i in range(12):
        ends = _in_default_period(5 + i * span // 12)
        leaves.append((colleagues[5 + i], ends, ends + timedelta(days=3) if i % 2 else None))
        if i % 2 == 0 and i >= 10:
            leaves[-1] = (colleagues[5 + i], ends, ends + timedelta(days=3))
    for i in range(12):
        returned = _in_default_period(8 + i * span // 12) - timedelta(days=365)
        person = colleagues[20 + i]
        if i % 2 == 0 and i < 10:  # left within a year of coming back
            left = _at(returned + timedelta(days=120 + 10 * i))
            person = _person(
                world,
                f"former{i // 2 + 1}@example.com",
                "Former",
                f"Colleague {i // 2 + 1}",
                i,
                deactivated_at=left,
            )
        leaves.append((person, returned - timedelta(days=3), returned))
    for person, ends, came_back in leaves:
        LeaveRequest.objects.get_or_create(
            person=person,
            policy=policy,
            start_date=ends - timedelta(days=120),
            defaults={
                "employer": world.employer,
                "end_date": ends,
                "days": 85,
                "paid_days": 85,
                "event_kind": "birth",
                "event_date": ends - timedelta(days=110),
                "status": Status.APPROVED,
                "decided_by": world.hr,
                "decided_at": _at(ends - timedelta(days=200)),
                "returned_on": came_back,
                "created_at": _at(ends - timedelta(days=210)),
            },
        )


SEARCHERS = ["Ines", "Jon", "Kemal", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn"]
SEARCHERS += ["Rosa", "Sami", "Tove", "Uma", "Viktor"]


def _partner_searches(world: DemoWorld) -> None:
    """Fourteen colleagues' partners invited before the period the reports open on, each
    searching from two weeks after; eight accepted a job in the period (after 60 to 130
    days), six are still searching."""
    ours = [f"{first.lower()}.partner@example.com" for first in SEARCHERS]
    # Hosts without a partner of their own, the same ones on a second run.
    busy = set(
        Partnership.objects.for_employer(world.employer)
        .open()
        .exclude(partner__email__in=ours)
        .values_list("employee", flat=True)
    )
    hosts = [p for p in reversed(world.colleagues) if p.deactivated_at is None and p.pk not in busy]
    no_login = make_password(None)
    today = timezone.now().date()
    span = max((today - default(today).start).days - 10, 36)
    for i, (first, host) in enumerate(zip(SEARCHERS, hosts, strict=False)):
        placed = _in_default_period(5 + i * span // 8) if i < 8 else None
        invited = (placed or default(today).start) - timedelta(days=60 + 10 * i)
        person = _person(
            world,
            ours[i],
            first,
            host.last_name,
            i,
            kind=Individual.Kind.PARTNER,
            department=None,
            created_at=_at(invited),
        )
        demo_account(person, no_login)
        if not Partnership.objects.filter(partner=person).exists():
            Partnership.objects.create(
                employer=world.employer,
                employee=host,
                partner=person,
                status=Partnership.Status.ACTIVE,
                created_at=_at(invited),
            )
        Invitation.objects.get_or_create(
            employer=world.employer,
            individual=person,
            defaults={
                "email": person.email,
                "invited_by": host,
                "created_at": _at(invited),
                "expires_at": _at(invited + timedelta(days=14)),
                "accepted_at": _at(invited + timedelta(days=2)),
            },
        )
        application, _ = Application.objects.get_or_create(
            employer=world.employer,
            owner=person,
            organisation=["Contoso", "Fabrikam", "Tailspin", "Litware"][i % 4],
            defaults={
                "role": ["Data analyst", "Product designer", "Teacher", "Nurse"][i % 4],
                "stage": Application.Stage.ACCEPTED if placed else Application.Stage.INTERVIEWING,
                "stage_changed_at": _at(placed or invited + timedelta(days=40)),
                "created_at": _at(invited + timedelta(days=14)),
            },
        )
        if placed:
            Outcome.objects.get_or_create(
                application=application,
                defaults={
                    "employer": world.employer,
                    "owner": person,
                    "organisation": application.organisation,
                    "role": application.role,
                    "start_on": placed + timedelta(days=30),
                    "accepted_at": _at(placed),
                },
            )


def _surveys(world: DemoWorld, taken: list[Enrollment], rng: random.Random) -> None:
    """A survey after each completed participation of the past; most answered (HR's
    questions about workshops too)."""
    people = {p.pk: p for p in [*world.employees, world.partner]}
    asked = {
        q.type: q
        for q in SurveyQuestion.objects.for_employer(world.employer).filter(subject=K.WORKSHOP)
    }
    for enrollment in taken:
        if enrollment.ended_at is None or enrollment.person_id not in people:
            continue
        if enrollment.status != "completed":
            continue
        person = people[enrollment.person_id]
        sent = enrollment.ended_at + timedelta(hours=2)
        answered = rng.random() < 0.72
        offering = enrollment.offering
        _, created = SurveyInvitation.objects.get_or_create(
            source="programs.enrollment",
            source_id=enrollment.pk,
            person=person,
            defaults={
                "employer": world.employer,
                "subject": offering.kind,
                "about": offering.title,
                "offering": offering,
                "department": person.department,
                "sent_at": sent,
                "closes_at": sent + timedelta(days=SurveyInvitation.CLOSES_AFTER_DAYS),
                "answered": answered,
                "questions": [q.pk for q in asked.values()] if offering.kind == K.WORKSHOP else [],
            },
        )
        if created and answered:
            SurveyAnswer.objects.create(
                employer=world.employer,
                subject=offering.kind,
                offering=offering,
                department=person.department,
                month=sent.date().replace(day=1),
                rating=rng.choice([3, 4, 4, 5, 5]),
                recommend=rng.choice([5, 7, 8, 9, 9, 10, 10, 6]),
                helped=rng.choice(HELPED),
                improve=rng.choice(IMPROVE),
                extra=_extra(asked, rng) if offering.kind == K.WORKSHOP else {},
            )


def _extra(asked: dict[str, SurveyQuestion], rng: random.Random) -> dict[str, object]:
    extra: dict[str, object] = {}
    if "scale" in asked:
        extra[str(asked["scale"].pk)] = rng.choice([3, 4, 4, 5])
    if "choice" in asked and rng.random() < 0.8:
        extra[str(asked["choice"].pk)] = rng.choice(asked["choice"].choices)
    return extra


def _questions(world: DemoWorld) -> None:
    asked = set(SurveyQuestion.objects.for_employer(world.employer).values_list("subject", "text"))
    for subject, text, kind, choices in [
        ("workshop", "Was the pace right?", "scale", []),
        (
            "workshop",
            "How would you like the next one?",
            "choice",
            ["Online", "In person", "Either"],
        ),
        ("leave_return", "What would have made your return easier?", "text", []),
    ]:
        if (subject, text) not in asked:
            question_create(
                employer=world.employer,
                actor=world.hr,
                subject=subject,
                text=text,
                type=kind,
                choices=choices,
            )


def _waiting(world: DemoWorld, latest: list[Enrollment]) -> None:
    """Two surveys for the demo employee to answer, sent through the service."""
    questions = list(
        SurveyQuestion.objects.for_employer(world.employer)
        .filter(subject="workshop", retired_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for enrollment in latest:
        survey_invite(
            person=world.employee,
            source="programs.enrollment",
            due=SurveyDue(
                world.employee.pk,
                enrollment.pk,
                enrollment.offering.kind,
                enrollment.offering.title,
                enrollment.offering_id,
            ),
            questions=questions,
        )


def seed(world: DemoWorld) -> None:
    rng = random.Random(16)
    taken = _history(world, rng)
    _returners(world)
    _goals(world, taken, rng)
    _leave(world)
    _partner_searches(world)
    _questions(world)
    # The demo employee's two latest workshops are surveyed now, through the service.
    latest = [e for e in taken if e.person_id == world.employee.pk][:2]
    _surveys(world, [e for e in taken if e not in latest], rng)
    _waiting(world, latest)
    if not RollupRun.objects.for_employer(world.employer).exists():
        rollup_run(employer=world.employer)
