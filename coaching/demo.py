"""Demo coaching: the demo coach (external, Lisbon) with several coachees, among them the
demo partner for job-search coaching and the demo employee; past sessions held and rated,
sessions to come, shared and private notes, a completed engagement with its review and a
request waiting for the coach's answer; an internal coach (a colleague in Sales) with two
coachees; people waiting to be matched (enrolled without an intake, choosing, in chemistry
calls); availability for the weeks ahead.

Everything goes through the services, with their clock set back for what happened in the
past, so reminders and confidentiality rules apply as they do for real. Idempotent: a
person who already has coaching is left as they are.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.notifications.keys import reminder_key_prefix
from careersupport.notifications.services import reminder_cancel_prefix
from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual
from programs.demo import CATALOG
from programs.models import Enrollment, Offering
from programs.services.enrollment import enrollment_create

from . import services
from .models import CoachingSettings, CoachProfile, Engagement, Session
from .reminders import SESSION_CHANGED
from .slots import BOOKING_LEAD

DEMO_COACH = {
    "provider_name": "Bright Path Coaching",
    "bio": "Career coach for twelve years, formerly a recruiter in tech and design. I help "
    "people change direction, prepare for interviews and negotiate offers, and partners "
    "who moved for a job find their own footing in a new country.",
    "specialties": [
        "career_change",
        "resume",
        "interview",
        "salary",
        "partner_job_search",
        "reentry",
    ],
    "languages": ["en", "pt", "de"],
    "time_zone": "Europe/Lisbon",
    "capacity": 9,
    "online_url": "https://meet.example.com/carlos-mendes",
}
INTERNAL_COACH = {
    "bio": "Sales lead and certified coach. Leadership for new managers, and making work "
    "fit around a young family.",
    "specialties": ["leadership", "work_life", "working_parents"],
    "languages": ["en", "de"],
    "capacity": 3,
    "session_minutes": 45,
    "location": "Northwind HQ, room 4.12",
}
# (topics, languages, in their words, shared note, private note, ratings)
STORIES = [
    (
        ["partner_job_search", "resume", "interview"],
        ["en", "de"],
        "We moved to Berlin for my partner's job. I want a product design role here.",
        "Agenda: portfolio review. Actions: translate the case studies, apply to three studios.",
        "Confident in the work, less so in German interviews. Practise a mock interview.",
        [5, 4, 5],
    ),
    (
        ["career_change"],
        ["en"],
        "I would like to move from engineering into product management.",
        "Actions: shadow a product manager for a day; list the skills that transfer.",
        "Torn about leaving the team; revisit values next time.",
        [4, 5],
    ),
    (
        ["interview", "salary"],
        ["en"],
        "An internal promotion interview in two months.",
        "Agenda: the STAR stories. Actions: write four, rehearse two.",
        "Undersells achievements; push for numbers.",
        [5, 5, 4],
    ),
    (
        ["resume", "career_change"],
        ["en", "pt"],
        "Update my CV after eight years in the same role.",
        "Actions: one-page CV draft, LinkedIn headline.",
        "",
        [4, 3],
    ),
    (
        ["reentry", "interview"],
        ["en"],
        "Back from two years of caring for my father; rebuilding confidence.",
        "Agenda: what changed in the field. Actions: two coffee chats a week.",
        "Good progress; watch for burnout signals.",
        [5, 4],
    ),
]
INTERNAL_STORIES = [
    (["leadership"], ["en"], "My first team.", "Agenda: one-to-ones.", "", [5, 4]),
    (
        ["working_parents", "work_life"],
        ["de"],
        "Back from parental leave.",
        "Actions: agree core hours with the team.",
        "Tired; keep sessions short.",
        [4],
    ),
]


def _profile(world: DemoWorld, person: Individual, fields: dict) -> CoachProfile:
    profile = CoachProfile.objects.filter(individual=person).first()
    if profile is None:
        profile = services.coach_add(
            employer=world.employer, actor=world.hr, person=person, **fields
        )
    return profile


def _availability(profile: CoachProfile, weekly: list[tuple[int, int, int]], extra: bool):
    coach = profile.individual
    if not profile.windows.exists():
        for weekday, start, end in weekly:
            services.window_add(
                profile=profile,
                actor=coach,
                weekday=weekday,
                starts_at=time(start),
                ends_at=time(end),
            )
    if extra and not profile.exceptions.exists():
        today = timezone.localdate(timezone=profile.tzinfo)
        off = today + timedelta(days=(4 - today.weekday()) % 7 + 7)  # a Friday off
        services.exception_add(
            profile=profile, actor=coach, date=off, kind="off", note="Training day"
        )
        saturday = today + timedelta(days=(5 - today.weekday()) % 7 + 7)
        services.exception_add(
            profile=profile,
            actor=coach,
            date=saturday,
            kind="extra",
            starts_at=time(10),
            ends_at=time(12),
            note="Saturday morning for people who work weekdays",
        )


def _first_slot(profile: CoachProfile, coachee: Individual, after: datetime) -> datetime:
    """The coach's first free slot at or after `after` (as the booking page showed it then)."""
    profile = CoachProfile.objects.prefetch_related("windows", "exceptions").get(pk=profile.pk)
    slots = services.free_slots(
        profile=profile,
        coachee_id=coachee.pk,
        first=after,
        last=after + timedelta(days=21),
        now=after - BOOKING_LEAD,
    )
    return slots[0].starts_at


def _book(engagement, profile, after: datetime, *, coach=None) -> Session:
    starts_at = _first_slot(profile, engagement.coachee, after)
    session = services.session_book(
        engagement=engagement,
        actor=engagement.coachee,
        starts_at=starts_at,
        coach=coach,
        now=starts_at - timedelta(days=3),
    )
    if starts_at < timezone.now():
        # News of a booking long past is no news: the demo inboxes stay readable.
        reminder_cancel_prefix(prefix=reminder_key_prefix(SESSION_CHANGED, session.pk))
    return session


def _coached(
    world: DemoWorld,
    person: Individual,
    profile: CoachProfile,
    story: tuple,
    *,
    weeks_ago: int,
    soon: int = 1,
    complete: bool = False,
) -> Engagement | None:
    if Engagement.objects.filter(coachee=person).exists():
        return None
    topics, languages, words, shared, private, ratings = story
    coach = profile.individual
    began = timezone.now() - timedelta(weeks=weeks_ago)
    engagement = services.engagement_request(
        person=person,
        actor=person,
        topics=topics,
        languages=languages,
        intake_text=words,
        preferred_times=["morning", "afternoon"],
        now=began,
    )
    services.engagement_choose(engagement=engagement, actor=person, coach=coach, now=began)
    services.engagement_answer(
        engagement=engagement,
        actor=coach,
        accept=True,
        message="Happy to work with you. Book a first session when it suits you.",
        now=began + timedelta(days=1),
    )
    engagement.refresh_from_db()
    held = []
    for i, rating in enumerate(ratings):
        session = _book(engagement, profile, began + timedelta(days=3 + 14 * i))
        services.session_set_outcome(
            session=session, actor=coach, outcome="held", now=session.ends_at
        )
        if i < len(ratings) - 1 or complete:
            services.feedback_create(session=session, actor=person, rating=rating)
        held.append(session)
    services.note_create(engagement=engagement, actor=coach, text=shared, session=held[0])
    services.note_create(
        engagement=engagement,
        actor=person,
        text="Thank you: the plan helps. I have sent two applications.",
        session=held[-1],
    )
    if private:
        services.note_create(
            engagement=engagement, actor=coach, text=private, visibility="private", session=held[0]
        )
    if complete:
        services.engagement_complete(
            engagement=engagement, actor=coach, now=held[-1].ends_at + timedelta(days=1)
        )
        services.final_review_create(
            engagement=engagement,
            actor=person,
            goal_progress=4,
            would_recommend=True,
            comment="Clear, practical and kind.",
        )
    else:
        # The next session in `soon` days, so the coach's week has something to show.
        _book(engagement, profile, timezone.now() + timedelta(days=soon, hours=soon))
        # Goals already shared with the coach stay shared; otherwise two active ones.
        linked = Goal.objects.filter(
            owner=person, links__individual=coach, links__ended_at__isnull=True
        )
        goals = list(linked) or list(Goal.objects.filter(owner=person, status="active")[:2])
        if goals:
            services.engagement_set_goals(engagement=engagement, actor=person, goals=goals)
    return engagement


def seed(world: DemoWorld) -> None:
    employer, hr = world.employer, world.hr
    if not CoachingSettings.objects.for_employer(employer).exists():
        services.coaching_settings_update(
            employer=employer, actor=hr, direct_requests=True, notice_hours=24, sessions_default=6
        )
    team = [
        c for c in world.colleagues[6:] if c.user_id and c.is_employee and c.deactivated_at is None
    ]
    internal = next(c for c in team if c.department and c.department.name == "Sales")
    team = [c for c in team if c.pk != internal.pk]

    demo_coach = _profile(world, world.coach, DEMO_COACH)
    _availability(
        demo_coach, [(d, 9, 12) for d in range(5)] + [(d, 14, 17) for d in range(4)], True
    )
    sales_coach = _profile(world, internal, INTERNAL_COACH)
    _availability(sales_coach, [(1, 13, 16), (3, 13, 16)], False)

    # The demo coach's coachees: the partner (job search), the employee, four colleagues
    # (one completed), and a colleague whose request waits for the coach's answer.
    _coached(world, world.partner, demo_coach, STORIES[0], weeks_ago=7, soon=1)
    _coached(world, world.employee, demo_coach, STORIES[1], weeks_ago=5, soon=2)
    _coached(world, team[0], demo_coach, STORIES[2], weeks_ago=8, soon=3)
    _coached(world, team[1], demo_coach, STORIES[3], weeks_ago=6, soon=6)
    _coached(world, team[2], demo_coach, STORIES[4], weeks_ago=12, complete=True)
    _coached(world, team[3], demo_coach, STORIES[2], weeks_ago=9, soon=8)
    _coached(world, team[4], sales_coach, INTERNAL_STORIES[0], weeks_ago=6, soon=2)
    _coached(world, team[5], sales_coach, INTERNAL_STORIES[1], weeks_ago=4, soon=7)

    asking = team[6]
    if not Engagement.objects.filter(coachee=asking).exists():
        asked = timezone.now() - timedelta(days=5)
        engagement = services.engagement_request(
            person=asking,
            actor=asking,
            topics=["salary", "interview"],
            languages=["en"],
            intake_text="An offer from another company; I would like to negotiate here first.",
            now=asked,
        )
        services.engagement_choose(
            engagement=engagement, actor=asking, coach=world.coach, now=asked
        )

    # Waiting to be matched: enrolled in the coaching programme without an intake yet,
    # choosing among the suggestions, and in chemistry calls.
    programme = (
        Offering.objects.for_employer(employer)
        .filter(title=CATALOG[Offering.Kind.COACHING][0])
        .first()
    )
    for person in team[7:9]:
        if programme and not Enrollment.objects.filter(offering=programme, person=person).exists():
            enrollment_create(offering=programme, person=person, actor=person)
    choosing = team[9]
    if not Engagement.objects.filter(coachee=choosing).exists():
        services.engagement_request(
            person=choosing,
            actor=choosing,
            topics=["leadership", "career_change"],
            languages=["en", "de"],
            preferred_days=[0, 2],
            preferred_times=["morning"],
            now=timezone.now() - timedelta(days=2),
        )
    trying = team[10]
    if not Engagement.objects.filter(coachee=trying).exists():
        engagement = services.engagement_request(
            person=trying,
            actor=trying,
            topics=["working_parents", "career_change"],
            languages=["en"],
            now=timezone.now() - timedelta(days=3),
        )
        services.engagement_shortlist(
            engagement=engagement, actor=trying, coaches=[world.coach, internal]
        )
        engagement.refresh_from_db()
        _book(engagement, demo_coach, timezone.now() + timedelta(days=2), coach=world.coach)
