"""Demo programs for the demo employer: every kind, open and past, a full workshop with a
waitlist, requests for HR to decide, a re-entry cohort half-way through, an ERG with events.

Idempotent: offerings are found by (employer, title), everything under them by its natural key.
Records are written directly (not through services) so that past dates can be seeded and no
reminders are published for the demo.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual

from .models import (
    Cohort,
    Enrollment,
    Milestone,
    MilestoneProgress,
    Offering,
    Phase,
    PolicyAcknowledgement,
    PolicyVersion,
    Session,
    SessionRegistration,
    ShadowBooking,
    ShadowSlot,
)

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


def _offering(
    world: DemoWorld, title: str, kind: str, audience: str, past: bool, later: bool = False
) -> Offering:
    today = timezone.localdate()
    start = today - timedelta(days=120) if past else today + timedelta(days=21)
    if later:
        start = today + timedelta(days=75)
    if kind == K.REENTRY and not past and not later:
        start = today - timedelta(days=60)  # the cohort below is half-way through
    fields = {name: code in audience for code, name in AUDIENCE.items()}
    online = kind in (K.EAP, K.COACHING, K.MENTORSHIP, K.WELLNESS, K.INTERVIEW_PRACTICE)
    offering, _ = Offering.objects.get_or_create(
        employer=world.employer,
        title=title,
        defaults={
            "kind": kind,
            "description": f"{K(kind).label} at {world.employer}. Open to "
            f"{', '.join(n.removeprefix('for_') for n, v in fields.items() if v)}.",
            "status": Offering.Status.PUBLISHED,
            "format": Offering.Format.ONLINE if online else Offering.Format.IN_PERSON,
            "online_url": "https://meet.example.com/careers" if online else "",
            "location": "" if online else "Northwind HQ, Atrium",
            "provider": Offering.Provider.EXTERNAL if kind == K.EAP else Offering.Provider.INTERNAL,
            "provider_name": "CareWell Partners" if kind == K.EAP else "",
            "starts_on": None if kind in (K.EAP, K.POLICY, K.ERG) else start,
            "ends_on": None
            if kind in (K.EAP, K.POLICY, K.ERG)
            else start + timedelta(days=150 if kind == K.REENTRY else 60),
            "is_confidential": kind == K.EAP,
            "needs_approval": kind in (K.SALARY_NEGOTIATION, K.CONFERENCE),
            "capacity": 4 if kind == K.MANAGER_TRAINING else (30 if kind != K.EAP else None),
            "created_by": world.hr,
            "published_at": timezone.now(),
            **fields,
        },
    )
    return offering


def _enroll(offering: Offering, person: Individual, status: str = "enrolled", **extra):
    enrollment, _ = Enrollment.objects.get_or_create(
        offering=offering,
        person=person,
        defaults={"employer": offering.employer, "status": status, **extra},
    )
    return enrollment


def _session(offering: Offering, title: str, days: int, hour: int, tz: str = "Europe/Berlin"):
    day = timezone.localdate() + timedelta(days=days)
    start = timezone.make_aware(datetime.combine(day, time(hour)), ZoneInfo(tz))
    session, _ = Session.objects.get_or_create(
        offering=offering,
        title=title,
        defaults={
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "time_zone": tz,
            "location": offering.location,
            "online_url": offering.online_url,
        },
    )
    return session


def seed(world: DemoWorld) -> None:
    offerings: dict[str, Offering] = {}
    for kind, (open_title, past_title, audience) in CATALOG.items():
        offerings[kind] = _offering(world, open_title, kind, audience, past=False)
        _offering(world, LATER[kind], kind, audience, past=False, later=True)
        past = _offering(world, past_title, kind, audience, past=True)
        if kind in (K.POLICY, K.ERG):
            past.status = Offering.Status.ARCHIVED
            past.save(update_fields=["status"])
        for person in world.colleagues[:3]:
            if kind not in (K.POLICY, K.EAP, K.CHILDCARE, K.MANAGER_TRAINING, K.REENTRY):
                _enroll(past, person, "completed")
    people = world.colleagues

    # Full, with a waitlist the demo employee is first on.
    leadership = offerings[K.MANAGER_TRAINING]
    leadership.for_employees = True
    leadership.save(update_fields=["for_employees"])
    for person in people[:4]:
        _enroll(leadership, person)
    _enroll(leadership, world.employee, "waitlisted", waitlist_position=1)
    _enroll(leadership, people[4], "waitlisted", waitlist_position=2)

    # Requests waiting for HR.
    for person in people[5:8]:
        _enroll(offerings[K.SALARY_NEGOTIATION], person, "requested")
    _enroll(offerings[K.CONFERENCE], world.employee, "requested")
    _enroll(
        offerings[K.CONFERENCE],
        people[8],
        "declined",
        decision_reason="The travel budget for this quarter is spent; ask again in January.",
        decided_by=world.hr,
    )

    # Confidential: counts only for HR.
    for person in (world.employee, *people[9:12]):
        _enroll(offerings[K.EAP], person)
    _enroll(offerings[K.COACHING], world.employee, handoff_status="waiting")
    _enroll(offerings[K.COACHING], world.partner, handoff_status="waiting")
    _enroll(offerings[K.CHILDCARE], world.employee)

    # Events with sessions; the employee registered for some.
    for kind in (K.NETWORKING, K.CAREER_FAIR, K.WORKSHOP, K.TRAINING, K.WELLNESS):
        first = _session(offerings[kind], "Session 1", 21, 17)
        _session(offerings[kind], "Session 2", 28, 17)
        _enroll(offerings[kind], world.employee)
        SessionRegistration.objects.get_or_create(session=first, person=world.employee)
        if kind == K.NETWORKING:
            # HR's list of who registered has a few names on it.
            for person in people[18:24]:
                _enroll(offerings[kind], person)
                SessionRegistration.objects.get_or_create(session=first, person=person)
    _enroll(offerings[K.NETWORKING], world.partner)

    # An ERG with events and a lead.
    erg = offerings[K.ERG]
    _enroll(erg, world.mentor, is_lead=True)
    for person in (world.employee, *people[12:18]):
        _enroll(erg, person)
    _session(erg, "Lunch and learn: returning from leave", 7, 12)
    _session(erg, "Family day planning", 35, 16)
    past_event = _session(erg, "Kick-off meet-up", -14, 17)
    SessionRegistration.objects.get_or_create(session=past_event, person=world.employee)

    # A family-friendly policy with its second version, acknowledged by some.
    policy = offerings[K.POLICY]
    PolicyVersion.objects.get_or_create(
        offering=policy,
        number=1,
        defaults={"text": "Sixteen weeks of paid parental leave.", "published_by": world.hr},
    )
    current, _ = PolicyVersion.objects.get_or_create(
        offering=policy,
        number=2,
        defaults={
            "text": "Twenty weeks of fully paid parental leave for every parent, "
            "plus a phased return over four weeks.",
            "published_by": world.hr,
        },
    )
    for person in (world.manager, *people[:6]):
        PolicyAcknowledgement.objects.get_or_create(version=current, person=person)
    PolicyVersion.objects.get_or_create(
        offering=Offering.objects.for_employer(world.employer).get(title=LATER[K.POLICY]),
        number=1,
        defaults={
            "text": "Up to ten days a year of paid leave to care for a relative.",
            "published_by": world.hr,
        },
    )

    # Job shadowing: the mentor hosts, the employee asked for a slot.
    shadowing = offerings[K.JOB_SHADOWING]
    for days in (10, 17):
        start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=days)
        slot, _ = ShadowSlot.objects.get_or_create(
            offering=shadowing,
            host=world.mentor,
            starts_at=start,
            defaults={"ends_at": start + timedelta(hours=3), "note": "Architecture reviews"},
        )
    if not ShadowBooking.objects.filter(slot=slot).exists():
        ShadowBooking.objects.create(slot=slot, participant=world.employee)

    # A re-entry cohort half-way: skills refreshed, placement under way.
    reentry = offerings[K.REENTRY]
    today = timezone.localdate()
    cohort, _ = Cohort.objects.get_or_create(
        offering=reentry, name="Autumn cohort", defaults={"starts_on": today - timedelta(days=60)}
    )
    plan = [
        ("Refresh skills", -60, -21, ["Skills plan agreed", "Refresher course done"]),
        ("Placement", -20, 30, ["Team chosen", "First project delivered"]),
        ("Return", 31, 90, ["Permanent role agreed"]),
    ]
    for order, (name, first_day, last_day, milestones) in enumerate(plan, start=1):
        phase, _ = Phase.objects.get_or_create(
            cohort=cohort,
            name=name,
            defaults={
                "order": order,
                "starts_on": today + timedelta(days=first_day),
                "ends_on": today + timedelta(days=last_day),
            },
        )
        for title in milestones:
            Milestone.objects.get_or_create(phase=phase, title=title)
    returners = [world.partner, *people[18:21]]
    for person in people[18:21]:
        if not person.is_returner:
            person.is_returner = True
            person.save(update_fields=["is_returner"])
    first_phase = cohort.phases.get(order=1)
    for i, person in enumerate(returners):
        enrollment = _enroll(reentry, person, cohort=cohort)
        for milestone in first_phase.milestones.all():
            MilestoneProgress.objects.get_or_create(
                milestone=milestone, enrollment=enrollment, defaults={"recorded_by": world.hr}
            )
        if i == 3 and not enrollment.outcome:
            enrollment.outcome = Enrollment.Outcome.EXTENDED
            enrollment.save(update_fields=["outcome"])
