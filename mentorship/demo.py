"""Demo mentorship, through the services (so reminders and privacy rules apply):

- expertise topics and 25+ mentor profiles, the demo mentor among them;
- *Mentoring circle 2026*, running for two months, with a confirmed matching run: the demo
  mentor mentors the demo employee and a colleague, with an agreement and a meeting log;
  a poor-fit flag for HR; five closed pairs with feedback (so HR sees an average);
- *Mentoring programme: spring 2027 cohort*: 40 mentees and 25 mentors waiting for HR to
  start the matching run;
- *Partners' mentoring circle*, open to partners: the demo partner waits to be matched.

Idempotent: every step looks for what it would make first.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual
from programs.models import Enrollment, Offering
from programs.services.enrollment import enrollment_create
from programs.services.offerings import offering_create, offering_publish

from . import services
from .models import MatchingRun, MentorProfile, Mentorship, Programme, Topic

TOPICS = [
    ("Leadership", ["role"]),
    ("Career change", ["role", "job_search"]),
    ("Public speaking", ["skill"]),
    ("Software architecture", ["skill", "education"]),
    ("Data and analytics", ["skill", "education"]),
    ("Sales and negotiation", ["skill"]),
    ("Product management", ["role", "skill"]),
    ("Work-life balance", ["work_life"]),
    ("Returning after a break", ["reentry", "work_life"]),
    ("Finding work in a new country", ["job_search"]),
]
CIRCLE = "Mentoring circle 2026"
COHORT = "Mentoring programme: spring 2027 cohort"
PARTNERS = "Partners' mentoring circle"


def _topics(world: DemoWorld) -> list[Topic]:
    out = []
    for name, categories in TOPICS:
        topic = Topic.objects.for_employer(world.employer).filter(name=name).first()
        out.append(
            topic or services.topic_save(actor=world.hr, name=name, goal_categories=categories)
        )
    return out


def _offering(world: DemoWorld, title: str, *, starts: int, weeks: int, partners=False) -> Offering:
    offering = Offering.objects.for_employer(world.employer).filter(title=title).first()
    if offering is None:
        today = timezone.localdate()
        offering = offering_create(
            actor=world.hr,
            title=title,
            kind=Offering.Kind.MENTORSHIP,
            description="One-to-one mentoring with an experienced colleague: agree what you "
            "want to achieve, meet regularly, and log what you learn.",
            for_employees=True,
            for_partners=partners,
            format=Offering.Format.ONLINE,
            online_url="https://meet.example.com/mentoring",
            starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=starts + weeks * 7),
        )
        offering_publish(offering=offering, actor=world.hr)
    return offering


def _programme(world: DemoWorld, offering: Offering, **settings) -> Programme:
    programme = services.programme_ensure(offering=offering)
    changes = {k: v for k, v in settings.items() if getattr(programme, k) != v}
    if changes:
        programme = services.programme_update(programme=programme, actor=world.hr, **changes)
    return programme


def _enroll(offering: Offering, person: Individual) -> Enrollment:
    enrollment = Enrollment.objects.filter(offering=offering, person=person).first()
    return enrollment or enrollment_create(offering=offering, person=person, actor=person)


def _mentor(person: Individual, topics: list[Topic], n: int) -> MentorProfile:
    profile = MentorProfile.objects.filter(person=person).first()
    if profile is not None:
        return profile
    languages = ["en"] + (["de"] if n % 3 == 0 else []) + (["es"] if n % 7 == 2 else [])
    return services.mentor_profile_save(
        person=person,
        actor=person,
        topics=[topics[n % len(topics)], topics[(n * 3 + 1) % len(topics)]],
        years_experience=8 + (n * 5) % 17,
        languages=languages,
        capacity=1 + n % 3,
        open_to_partners=n % 4 == 0,
        bio=f"{person.job_title or 'Colleague'} at {person.employer}; happy to share what I learnt.",
    )


def _needs(programme, person, topics, n: int, *, goals=(), language="", tz=None):
    services.needs_save(
        programme=programme,
        person=person,
        actor=person,
        topics=[topics[(n * 7) % len(topics)], topics[(n * 2 + 3) % len(topics)]][: 1 + n % 2],
        goals=list(goals),
        language=language,
        department_preference=["any", "other", "same"][n % 3],
        max_tz_difference=tz,
        years_experience=n % 6,
    )


def seed(world: DemoWorld) -> None:
    topics = _topics(world)
    people = [p for p in world.colleagues if p.user_id and p.pk not in (world.manager.pk,)]
    mentor_people = [world.mentor, world.hr, world.manager, *world.colleagues[:6], *people[6:22]]
    mentor_people = list(dict.fromkeys(mentor_people))[:25]
    mentor_profile = MentorProfile.objects.filter(person=world.mentor).first()
    if mentor_profile is None:
        services.mentor_profile_save(
            person=world.mentor,
            actor=world.mentor,
            topics=[topics[0], topics[2], topics[3]],
            years_experience=15,
            languages=["en", "de"],
            capacity=3,
            open_to_partners=True,
            bio="Staff engineer; I lead our architecture reviews and love helping people grow "
            "into leading a project.",
        )
    for n, person in enumerate(mentor_people[1:], start=1):
        _mentor(person, topics, n)

    circle_mentees = [world.employee, *[p for p in people if p not in mentor_people][:7]]
    cohort_pool = [p for p in world.colleagues if p not in circle_mentees]
    _seed_circle(world, topics, circle_mentees)
    _seed_cohort(world, topics, cohort_pool[:40])
    _seed_partners(world, topics)


def _seed_circle(world: DemoWorld, topics, mentees: list[Individual]) -> None:
    offering = _offering(world, CIRCLE, starts=-70, weeks=40)
    programme = _programme(world, offering)
    if MatchingRun.objects.filter(programme=programme, status="confirmed").exists():
        return
    lead = Goal.objects.filter(owner=world.employee, title="Lead a cross-team project").first()
    for n, person in enumerate(mentees):
        _enroll(offering, person)
        goals = [lead] if person == world.employee and lead else []
        _needs(programme, person, topics, n, goals=goals)
    run = services.run_start(programme=programme, actor=world.hr)
    for person in mentees[:2]:
        proposal = run.proposals.get(mentee=person)
        if proposal.mentor_id != world.mentor.pk:
            services.proposal_assign(proposal=proposal, actor=world.hr, mentor=world.mentor)
    pairs = services.run_confirm(run=run, actor=world.hr)
    today = timezone.localdate()
    start = today - timedelta(days=60)
    Mentorship.objects.filter(pk__in=[m.pk for m in pairs]).update(started_on=start)
    for i, m in enumerate(pairs):
        m.refresh_from_db()
        if m.mentee == world.employee:
            _employee_pair(world, m, start)
        elif i < 2:
            services.meeting_log(
                mentorship=m,
                actor=m.mentor,
                held_on=start + timedelta(days=5),
                notes="Got to know each other; agreed to focus on one project.",
            )
            services.fit_answer(mentorship=m, actor=m.mentee, good_fit=False)
        else:
            # Pairs that did their job: closed with feedback, so HR sees an average.
            services.meeting_log(mentorship=m, actor=m.mentee, held_on=start + timedelta(days=7))
            services.mentorship_close(mentorship=m, actor=m.mentee, reason="We reached our goal")
            services.feedback_give(
                mentorship=m,
                actor=m.mentee,
                rating=4 + i % 2,
                helped="Concrete examples from real projects.",
            )
            if i % 2:
                services.feedback_give(mentorship=m, actor=m.mentor, rating=4)
    services.health_refresh()


def _employee_pair(world: DemoWorld, m: Mentorship, start) -> None:
    today = timezone.localdate()
    services.agreement_update(
        mentorship=m,
        actor=world.employee,
        goals="Lead the cross-team onboarding project: plan, stakeholders, first release.",
        cadence="biweekly",
        ends_on=today + timedelta(days=120),
    )
    services.agreement_confirm(mentorship=m, actor=world.mentor)
    log = [
        (
            start + timedelta(days=3),
            "Talked through the project's goals and who has a stake.",
            "Emma drafts a one-page plan.",
            "Emma is clear on the why; help her with the how.",
        ),
        (
            start + timedelta(days=17),
            "Reviewed the plan; found two risky dependencies.",
            "Book a meeting with the platform team.",
            "",
        ),
        (
            start + timedelta(days=31),
            "Practised the kick-off presentation.",
            "Run the kick-off; ask for feedback.",
            "Give feedback on pacing next time.",
        ),
        (
            today - timedelta(days=6),
            "Kick-off went well; next is the rollout plan.",
            "Draft the rollout plan.",
            "",
        ),
    ]
    for held_on, notes, next_steps, private in log:
        services.meeting_log(
            mentorship=m,
            actor=world.mentor,
            held_on=held_on,
            notes=notes,
            next_steps=next_steps,
            private_note=private,
        )
    services.fit_answer(mentorship=m, actor=world.employee, good_fit=True)
    services.fit_answer(mentorship=m, actor=world.mentor, good_fit=True)


def _seed_cohort(world: DemoWorld, topics, mentees: list[Individual]) -> None:
    offering = _offering(world, COHORT, starts=14, weeks=26)
    programme = _programme(world, offering)
    for n, person in enumerate(mentees):
        if Enrollment.objects.filter(offering=offering, person=person).exists():
            continue
        _enroll(offering, person)
        language = "de" if n % 9 == 4 else ("ja" if n == 13 else "")
        _needs(programme, person, topics, n, language=language, tz=1 if n == 21 else None)


def _seed_partners(world: DemoWorld, topics) -> None:
    offering = _offering(world, PARTNERS, starts=7, weeks=20, partners=True)
    programme = _programme(world, offering, allows_partners=True)
    if not Enrollment.objects.filter(offering=offering, person=world.partner).exists():
        _enroll(offering, world.partner)
        services.needs_save(
            programme=programme,
            person=world.partner,
            actor=world.partner,
            topics=[topics[9], topics[1]],
            goals=list(Goal.objects.filter(owner=world.partner, status="active")[:1]),
            language="en",
        )
