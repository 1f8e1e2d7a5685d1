"""Demo programs for the demo employer: every kind, open and past, a full workshop with a
waitlist, requests for HR to decide, a re-entry cohort half-way through, an ERG with events.

Everything goes through the services people and HR use, so the demo obeys the same rules
(eligibility, seats, dates, confidentiality) and publishes the same news: the employee's
approved conference is news in their inbox, an EAP enrollment is news to nobody. A past run
is made as it would have happened: published without dates, its people enrolled and
completed by HR, then dated in the past.

Idempotent: offerings are found by (employer, title) and each step is taken only for what
does not exist yet.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual
from careersupport.people.services import profile_update

from .models import (
    Enrollment,
    Milestone,
    MilestoneProgress,
    Offering,
    Phase,
    PolicyAcknowledgement,
    Session,
    SessionRegistration,
    ShadowBooking,
    ShadowSlot,
)
from .services import enrollment as enrollments
from .services import events, kinds, offerings

K = Offering.Kind
# kind: (open title, past title, audience)
CATALOG = {
    K.COACHING: ("Career coaching: your next step", "Career coaching spring round", "ep"),
    K.MENTORSHIP: ("Mentorship programme 2027", "Mentorship programme 2026", "e"),
    K.TRAINING: ("Data literacy course", "Excel essentials", "e"),
    K.WORKSHOP: ("Writing for impact workshop", "Feedback that lands workshop", "e"),
    K.CONFERENCE: ("Women in Tech Europe conference", "Product Summit", "e"),
    K.NETWORKING: ("Autumn networking evening", "Spring networking breakfast", "ep"),
    K.CAREER_FAIR: ("Regional careers expo", "Graduate career fair", "ep"),
    K.JOB_SHADOWING: ("Shadow a colleague", "Shadow a lead (pilot)", "e"),
    K.REENTRY: ("Return to work programme", "Returnship 2025", "pr"),
    K.RESUME_REVIEW: ("Résumé review clinic", "CV refresh drop-in", "ep"),
    K.INTERVIEW_PRACTICE: ("Interview practice sessions", "Mock interviews (summer)", "ep"),
    K.SALARY_NEGOTIATION: ("Salary negotiation masterclass", "Know your worth", "ep"),
    K.EAP: ("Employee assistance line", "Financial counselling pilot", "ep"),
    K.WELLNESS: ("Mindful mornings", "Step challenge", "ep"),
    K.CHILDCARE: ("Back-up childcare", "Holiday club subsidy", "c"),
    K.MANAGER_TRAINING: ("Leadership foundations", "Coaching conversations for managers", "m"),
    K.ERG: ("Parents & Carers Network", "Early careers network", "e"),
    K.POLICY: ("Parental leave policy", "Flexible hours policy (2024)", "e"),
}
# A third offering of each kind, open for enrollment and starting later: several per kind.
LATER = {
    K.COACHING: "Coaching for new managers",
    K.MENTORSHIP: "Reverse mentoring pilot",
    K.TRAINING: "Project management fundamentals",
    K.WORKSHOP: "Negotiation skills workshop",
    K.CONFERENCE: "Grace Hopper Celebration",
    K.NETWORKING: "Alumni networking night",
    K.CAREER_FAIR: "Internal mobility fair",
    K.JOB_SHADOWING: "Shadow the product team",
    K.REENTRY: "Returners into tech",
    K.RESUME_REVIEW: "LinkedIn profile review",
    K.INTERVIEW_PRACTICE: "Panel interview rehearsal",
    K.SALARY_NEGOTIATION: "Pay conversations for partners",
    K.EAP: "Legal advice line",
    K.WELLNESS: "Lunchtime yoga",
    K.CHILDCARE: "Childcare search service",
    K.MANAGER_TRAINING: "Managing hybrid teams",
    K.ERG: "Pride at Northwind",
    K.POLICY: "Caregiver leave policy",
}
AUDIENCE = {
    "e": "for_employees",
    "p": "for_partners",
    "m": "for_managers",
    "c": "for_caregivers",
    "r": "for_returners",
}
POLICY_TEXT = {
    "Parental leave policy": [
        "Sixteen weeks of paid parental leave.",
        "Twenty weeks of fully paid parental leave for every parent, plus a phased return "
        "over four weeks.",
    ],
    "Caregiver leave policy": ["Up to ten days a year of paid leave to care for a relative."],
    "Flexible hours policy (2024)": ["Core hours from 10:00 to 15:00; the rest is yours."],
}
UNDATED = (K.EAP, K.POLICY, K.ERG)


def _dates(kind: str, when: str) -> tuple[date | None, date | None]:
    if kind in UNDATED:
        return None, None
    today = timezone.localdate()
    start = {"open": today + timedelta(days=21), "later": today + timedelta(days=75)}.get(
        when, today - timedelta(days=120)
    )
    if kind == K.REENTRY and when == "open":
        start = today - timedelta(days=60)  # the cohort below is half-way through
    return start, start + timedelta(days=150 if kind == K.REENTRY else 60)


def _offering(world: DemoWorld, title: str, kind: str, audience: str, when: str) -> Offering:
    """Found by title, or created by HR, its policy text written, and published. A past run
    is dated later, once its people completed it (`_past_run`)."""
    existing = Offering.objects.for_employer(world.employer).filter(title=title).first()
    if existing:
        return existing
    online = kind in (K.EAP, K.COACHING, K.MENTORSHIP, K.WELLNESS, K.INTERVIEW_PRACTICE)
    starts_on, ends_on = _dates(kind, when) if when != "past" else (None, None)
    fields = {name: code in audience for code, name in AUDIENCE.items()}
    if kind == K.MANAGER_TRAINING:
        fields["for_employees"] = True  # full, with a waitlist the demo employee is on
    offering = offerings.offering_create(
        actor=world.hr,
        title=title,
        kind=kind,
        description=f"{K(kind).label} at {world.employer}. Open to "
        f"{', '.join(n.removeprefix('for_') for n, v in fields.items() if v)}.",
        format=Offering.Format.ONLINE if online else Offering.Format.IN_PERSON,
        online_url="https://meet.example.com/careers" if online else "",
        location="" if online or kind == K.POLICY else "Northwind HQ, Atrium",
        provider=Offering.Provider.EXTERNAL if kind == K.EAP else Offering.Provider.INTERNAL,
        provider_name="CareWell Partners" if kind == K.EAP else "",
        starts_on=starts_on,
        ends_on=ends_on,
        is_confidential=kind == K.EAP,
        needs_approval=kind in (K.SALARY_NEGOTIATION, K.CONFERENCE),
        capacity=4 if kind == K.MANAGER_TRAINING else (None if kind in Offering.NO_SEATS else 30),
        for_employees=fields["for_employees"],
        for_partners=fields["for_partners"],
        for_managers=fields["for_managers"],
        for_caregivers=fields["for_caregivers"],
        for_returners=fields["for_returners"],
    )
    for text in POLICY_TEXT.get(title, [])[:1]:
        kinds.policy_publish_version(offering=offering, actor=world.hr, text=text)
    return offerings.offering_publish(offering=offering, actor=world.hr)


def _enroll(offering: Offering, person: Individual) -> Enrollment:
    """The person enrolls themselves (or is waitlisted, or asks HR) unless they did."""
    existing = Enrollment.objects.filter(offering=offering, person=person).first()
    if existing:
        return existing
    return enrollments.enrollment_create(offering=offering, person=person, actor=person)


def _past_run(world: DemoWorld, offering: Offering, people: list[Individual]) -> None:
    """What happened before today: the people completed it, then it ended."""
    if offering.ends_on is not None or offering.status == Offering.Status.ARCHIVED:
        return
    if offering.kind not in (K.POLICY, K.EAP, K.CHILDCARE, K.MANAGER_TRAINING, K.REENTRY, K.ERG):
        for person in people:
            enrollment = _enroll(offering, person)
            if enrollment.status == Enrollment.Status.REQUESTED:
                enrollment = enrollments.enrollment_approve(enrollment=enrollment, actor=world.hr)
            if enrollment.status == Enrollment.Status.ENROLLED:
                enrollments.enrollment_complete(enrollment=enrollment, actor=world.hr)
    starts_on, ends_on = _dates(offering.kind, "past")
    if starts_on:
        offerings.offering_update(
            offering=offering, actor=world.hr, starts_on=starts_on, ends_on=ends_on
        )
    if offering.kind in (K.POLICY, K.ERG):
        offerings.offering_archive(offering=offering, actor=world.hr)


def _request_approved(world: DemoWorld, offering: Offering, person: Individual) -> None:
    enrollment = _enroll(offering, person)
    if enrollment.status == Enrollment.Status.REQUESTED:
        enrollments.enrollment_approve(enrollment=enrollment, actor=world.hr)


def _request_declined(world: DemoWorld, offering: Offering, person: Individual, why: str):
    enrollment = _enroll(offering, person)
    if enrollment.status == Enrollment.Status.REQUESTED:
        enrollments.enrollment_decline(enrollment=enrollment, actor=world.hr, reason=why)


def _session(world: DemoWorld, offering: Offering, title: str, days: int, hour: int) -> Session:
    existing = offering.sessions.filter(title=title).first()
    if existing:
        return existing
    day = timezone.localdate() + timedelta(days=days)
    start = timezone.make_aware(datetime.combine(day, time(hour)), ZoneInfo("Europe/Berlin"))
    return events.session_create(
        offering=offering,
        actor=world.hr,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="Europe/Berlin",
        location=offering.location,
        online_url=offering.online_url,
    )


def _register(session: Session, person: Individual) -> None:
    if not SessionRegistration.objects.filter(session=session, person=person).exists():
        events.session_register(session=session, person=person, actor=person)


def seed(world: DemoWorld) -> None:
    live: dict[str, Offering] = {}
    later: dict[str, Offering] = {}
    for kind, (open_title, past_title, audience) in CATALOG.items():
        live[kind] = _offering(world, open_title, kind, audience, "open")
        later[kind] = _offering(world, LATER[kind], kind, audience, "later")
        past = _offering(world, past_title, kind, audience, "past")
        _past_run(world, past, world.colleagues[:3])
    people = world.colleagues

    # Full, with a waitlist the demo employee is first on.
    leadership = live[K.MANAGER_TRAINING]
    for person in (*people[:4], world.employee, people[4]):
        _enroll(leadership, person)

    # Requests waiting for HR; one declined with a reason; the employee's approved one.
    for person in people[5:8]:
        _enroll(live[K.SALARY_NEGOTIATION], person)
    _enroll(live[K.CONFERENCE], world.employee)
    _request_declined(
        world,
        live[K.CONFERENCE],
        people[8],
        "The travel budget for this quarter is spent; ask again in January.",
    )
    _request_approved(world, later[K.CONFERENCE], world.employee)

    # Confidential: HR sees counts only, and no news of it leaves the person's inbox.
    for person in (world.employee, *people[9:12]):
        _enroll(live[K.EAP], person)
    _enroll(live[K.COACHING], world.employee)
    _enroll(live[K.COACHING], world.partner)
    _enroll(live[K.CHILDCARE], world.employee)

    # Events with sessions; the employee registered for the first of each.
    for kind in (K.NETWORKING, K.CAREER_FAIR, K.WORKSHOP, K.TRAINING, K.WELLNESS):
        first = _session(world, live[kind], "Session 1", 21, 17)
        _session(world, live[kind], "Session 2", 28, 17)
        _enroll(live[kind], world.employee)
        _register(first, world.employee)
        if kind == K.NETWORKING:
            # HR's list of who registered has a few names on it.
            for person in people[18:24]:
                _enroll(live[kind], person)
                _register(first, person)
    _enroll(live[K.NETWORKING], world.partner)

    # An ERG with events, led by the mentor.
    erg = live[K.ERG]
    lead = _enroll(erg, world.mentor)
    if not lead.is_lead:
        kinds.erg_set_lead(enrollment=lead, actor=world.hr, is_lead=True)
    for person in (world.employee, *people[12:18]):
        _enroll(erg, person)
    _session(world, erg, "Lunch and learn: returning from leave", 7, 12)
    _session(world, erg, "Family day planning", 35, 16)
    _session(world, erg, "Kick-off meet-up", -14, 17)

    # A family-friendly policy in its second version, acknowledged by some.
    policy = live[K.POLICY]
    if policy.versions.count() < 2:
        kinds.policy_publish_version(
            offering=policy, actor=world.hr, text=POLICY_TEXT[policy.title][1]
        )
    current = policy.versions.order_by("-number").first()
    assert current is not None
    for person in (world.manager, *people[:6]):
        if not PolicyAcknowledgement.objects.filter(version=current, person=person).exists():
            kinds.policy_acknowledge(version=current, person=person, actor=person)

    # Job shadowing: the mentor hosts two slots; the employee booked the second (which
    # enrolled them) and waits for the mentor to confirm.
    shadowing = live[K.JOB_SHADOWING]
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    slots = list(
        ShadowSlot.objects.filter(offering=shadowing, host=world.mentor).order_by("starts_at")
    )
    for days in (24, 31)[len(slots) :]:
        start = hour + timedelta(days=days)
        slots.append(
            kinds.slot_create(
                offering=shadowing,
                host=world.mentor,
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                note="Architecture reviews",
            )
        )
    if not ShadowBooking.objects.filter(slot=slots[-1]).exists():
        kinds.slot_book(slot=slots[-1], participant=world.employee)

    _reentry(world, live[K.REENTRY], people)


def _reentry(world: DemoWorld, reentry: Offering, people: list[Individual]) -> None:
    """A cohort half-way: skills refreshed, placement under way."""
    today = timezone.localdate()
    cohort = reentry.cohorts.filter(name="Autumn cohort").first() or kinds.cohort_create(
        offering=reentry, actor=world.hr, name="Autumn cohort", starts_on=today - timedelta(60)
    )
    plan = [
        ("Refresh skills", -60, -21, ["Skills plan agreed", "Refresher course done"]),
        ("Placement", -20, 30, ["Team chosen", "First project delivered"]),
        ("Return", 31, 90, ["Permanent role agreed"]),
    ]
    for name, first_day, last_day, milestones in plan:
        if not Phase.objects.filter(cohort=cohort, name=name).exists():
            kinds.phase_create(
                cohort=cohort,
                actor=world.hr,
                name=name,
                starts_on=today + timedelta(days=first_day),
                ends_on=today + timedelta(days=last_day),
                milestones=milestones,
            )
    for person in people[18:21]:
        if not person.is_returner:
            # Self-declared on their own profile, as people do.
            profile_update(individual=person, actor=person, is_returner=True)
    first_phase = cohort.phases.get(order=1)
    done = list(Milestone.objects.filter(phase=first_phase))
    for i, person in enumerate([world.partner, *people[18:21]]):
        enrollment = _enroll(reentry, person)
        if enrollment.cohort_id is None:
            enrollment = kinds.participant_place(
                enrollment=enrollment, cohort=cohort, actor=world.hr
            )
        for milestone in done:
            if not MilestoneProgress.objects.filter(
                milestone=milestone, enrollment=enrollment
            ).exists():
                kinds.milestone_record(enrollment=enrollment, milestone=milestone, actor=world.hr)
        if i == 3 and not enrollment.outcome:
            kinds.outcome_record(
                enrollment=enrollment, actor=world.hr, outcome=Enrollment.Outcome.EXTENDED
            )
