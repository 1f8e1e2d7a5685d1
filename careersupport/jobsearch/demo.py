"""Demo job search: the demo partner (partner@example.com) in a live search after the move to
Berlin, with applications in every open stage and a few closed, next steps in the coming
days, contacts, the résumé sent, an offer with salary research, and a résumé review the
demo coach (coach@example.com) did through the partner's coaching.

Everything goes through the services, so the timeline, the reminders and the audit rows
are the real ones. Idempotent: an application is found by (owner, organisation, role)
before it is created, and its extras only when it has none.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual
from coaching.models import Engagement

from . import services
from .models import Application, PreparationRequest

# A one-page PDF that `filetype` and PDF readers both recognise.
RESUME_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# organisation, role, location, remote, stages passed through (days ago), next step (in days)
PLAN = [
    (
        "Zalando",
        "Senior product designer",
        "Berlin",
        False,
        [("applied", 20), ("screening", 14), ("interviewing", 6), ("offer", 2)],
        ("Reply to the offer", 3),
    ),
    (
        "N26",
        "Product designer",
        "Berlin",
        True,
        [("applied", 12), ("screening", 8), ("interviewing", 3)],
        ("Portfolio presentation", 2),
    ),
    (
        "Delivery Hero",
        "UX designer",
        "Berlin",
        False,
        [("applied", 9), ("screening", 4)],
        ("Call with the recruiter", 1),
    ),
    ("Ecosia", "Design lead", "Berlin", True, [("applied", 5)], ("Follow up by e-mail", 6)),
    (
        "SoundCloud",
        "Product designer, creators",
        "Berlin",
        True,
        [],
        ("Ask Lena for a referral", 4),
    ),
    ("Babbel", "UX researcher", "Berlin", False, [("applied", 30), ("rejected", 18)], None),
    ("HelloFresh", "Service designer", "Berlin", False, [("applied", 25), ("withdrawn", 15)], None),
]


def _application(partner: Individual, plan, now) -> Application:
    organisation, role, location, remote, moves, step = plan
    found = Application.objects.filter(owner=partner, organisation=organisation, role=role).first()
    if found is not None:
        return found
    started = now - timedelta(days=(moves[0][1] + 4) if moves else 3)
    application = services.application_create(
        owner=partner,
        actor=partner,
        organisation=organisation,
        role=role,
        location=location,
        remote=remote,
        link=f"https://jobs.example.com/{organisation.lower().replace(' ', '-')}",
        shared_with_coach=bool(moves),
        now=started,
    )
    for stage, days_ago in moves:
        application = services.application_move(
            application=application, actor=partner, stage=stage, now=now - timedelta(days=days_ago)
        )
    if step and application.is_open:
        application = services.application_set_next_step(
            application=application,
            actor=partner,
            next_step=step[0],
            next_step_on=timezone.localdate(timezone=partner.tzinfo) + timedelta(days=step[1]),
        )
    return application


def _extras(offer: Application, partner: Individual, coach_engagement: Engagement | None) -> None:
    if not offer.contacts.exists():
        services.contact_create(
            application=offer,
            actor=partner,
            name="Jonas Weber",
            role="Design director",
            how_met="Berlin design meetup, September",
            notes="Cares about research skills; mentioned a team of six.",
        )
        services.contact_create(
            application=offer, actor=partner, name="Mia Koch", role="Recruiter", how_met="LinkedIn"
        )
    resume = offer.resumes.first()
    if resume is None:
        resume = services.resume_upload(
            application=offer,
            actor=partner,
            upload=ContentFile(RESUME_PDF, name="Pat Partner - CV (product).pdf"),
            note="Tailored for product roles",
        )
    if not hasattr(offer, "salary_research"):
        services.salary_research_save(
            application=offer,
            actor=partner,
            currency="EUR",
            range_low=Decimal("68000"),
            range_high=Decimal("82000"),
            sources="Glassdoor and levels.fyi for Berlin; two senior designers asked directly.",
            target=Decimal("78000"),
            walk_away=Decimal("70000"),
            offer_received=Decimal("72000"),
            negotiation_notes="Asked for 79,000 with the relocation already behind us.",
            shared_with_coach=True,
        )
    if coach_engagement is None or PreparationRequest.objects.filter(application=offer).exists():
        return
    review = services.preparation_request(
        application=offer,
        actor=partner,
        kind=PreparationRequest.Kind.RESUME_REVIEW,
        resume=resume,
        message="Does it read as senior enough for Berlin product teams?",
    )
    coach = coach_engagement.coach
    assert coach is not None
    services.preparation_comment(
        request=review,
        actor=coach,
        text="Lead with the two shipped products and their numbers; move education to the end "
        "and cut the summary to two lines. It reads senior once the outcomes come first.",
    )
    services.preparation_comment(
        request=review, actor=partner, text="Thank you! Updated and sent the new version."
    )
    services.preparation_close(request=review, actor=coach, status=PreparationRequest.Status.DONE)


def seed(world: DemoWorld) -> None:
    partner, now = world.partner, timezone.now()
    applications = [_application(partner, plan, now) for plan in PLAN]
    engagement = (
        Engagement.objects.filter(
            coachee=partner, coach=world.coach, status=Engagement.Status.ACTIVE
        )
        .select_related("coach")
        .first()
    )
    _extras(applications[0], partner, engagement)
