"""Reads of the job search, scoped to the viewer. The household page reads `stage_counts`
and `next_steps`, and only after checking that the owner shares their search with the
viewer; the tracker's pages read the rest. Every page's query count is fixed, whatever the
number of applications."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.template.defaultfilters import pluralize
from django.utils import timezone

from careersupport.people.models import Individual
from programs.models import Enrollment, Offering, Session, SessionRegistration
from programs.selectors import offerings_eligible_for

from .models import Application, LeadSave, PreparationComment, PreparationRequest
from .permissions import coached_by, preparation_q, shared_with_coach_q

Stage = Application.Stage
CARDS_PER_COLUMN = 25
NETWORKING_KINDS = (Offering.Kind.NETWORKING, Offering.Kind.CAREER_FAIR)


def stage_counts(owner: Individual) -> dict[str, int]:
    """Applications per stage, every stage present (0 where none), in the stages' order."""
    counts = dict(
        Application.objects.for_employer(owner.employer_id)
        .filter(owner=owner)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {stage: counts.get(stage, 0) for stage in Application.Stage.values}


def next_steps(owner: Individual, *, limit: int = 5) -> list[Application]:
    """The owner's dated next steps of open applications, soonest first."""
    return list(
        Application.objects.for_employer(owner.employer_id)
        .filter(owner=owner, stage__in=Application.OPEN_STAGES, next_step_on__isnull=False)
        .exclude(next_step="")
        .order_by("next_step_on", "pk")[:limit]
    )


@dataclass
class Column:
    stage: str
    label: str
    count: int
    cards: list[Application] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


def board(owner: Individual, *, per_column: int = CARDS_PER_COLUMN) -> list[Column]:
    """A column per stage with its count and its most recently moved cards: two queries
    (the counts, then the cards ranked within their stage by a window function)."""
    counts = stage_counts(owner)
    ranked = (
        Application.objects.for_employer(owner.employer_id)
        .filter(owner=owner)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("stage")],
                order_by=[F("stage_changed_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_column)
        .only(
            "pk",
            "organisation",
            "role",
            "stage",
            "stage_changed_at",
            "next_step",
            "next_step_on",
            "remote",
            "location",
            "owner_id",
        )
        .order_by("stage", "rank")
    )
    columns = {value: Column(value, label, counts[value]) for value, label in Stage.choices}
    for application in ranked:
        columns[application.stage].cards.append(application)
    return list(columns.values())


DUE_CHOICES = [
    ("", "Any"),
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("week", "In the next 7 days"),
    ("planned", "Any date planned"),
    ("none", "No next step"),
]


def applications_of(
    owner: Individual,
    *,
    stage: str = "",
    remote: str = "",
    q: str = "",
    due: str = "",
    today=None,
) -> QuerySet[Application]:
    """The owner's applications, filtered: stage (or "open"/"closed"), remote ("yes"/"no"),
    text in organisation, role, location or notes, and when the next step is due."""
    qs = Application.objects.for_employer(owner.employer_id).filter(owner=owner)
    if stage == "open":
        qs = qs.filter(stage__in=Application.OPEN_STAGES)
    elif stage == "closed":
        qs = qs.filter(stage__in=Application.CLOSED_STAGES)
    elif stage in Stage.values:
        qs = qs.filter(stage=stage)
    if remote in ("yes", "no"):
        qs = qs.filter(remote=remote == "yes")
    if q:
        qs = qs.filter(
            Q(organisation__icontains=q)
            | Q(role__icontains=q)
            | Q(location__icontains=q)
            | Q(notes__icontains=q)
        )
    today = today or timezone.localdate(timezone=owner.tzinfo)
    planned = Q(next_step_on__isnull=False, stage__in=Application.OPEN_STAGES)
    if due == "overdue":
        qs = qs.filter(planned, next_step_on__lt=today)
    elif due == "today":
        qs = qs.filter(planned, next_step_on=today)
    elif due == "week":
        qs = qs.filter(planned, next_step_on__gte=today, next_step_on__lte=today + timedelta(7))
    elif due == "planned":
        qs = qs.filter(planned)
    elif due == "none":
        qs = qs.filter(next_step_on__isnull=True)
    return qs.order_by("-stage_changed_at", "-pk")


def application_page(application: Application, *, sees_salary: bool) -> dict:
    """What the detail page shows: the timeline, contacts, résumés, preparation and its
    comments; four queries, whatever their number."""
    preparations = application.preparations.select_related(
        "engagement__coach", "resume"
    ).prefetch_related(
        Prefetch(
            "comments",
            queryset=PreparationComment.objects.select_related("author"),
        )
    )
    return {
        "timeline": list(application.stage_changes.select_related("changed_by")),
        "contacts": list(application.contacts.all()),
        "resumes": list(application.resumes.all()),
        "preparations": list(preparations),
        "salary": getattr(application, "salary_research", None) if sees_salary else None,
    }


def turn_off_consequences(owner: Individual) -> list[str]:
    """What turning the tracker off deletes, counted (three queries)."""
    applications = Application.objects.filter(owner=owner)
    counts = applications.aggregate(
        applications=Count("pk", distinct=True),
        contacts=Count("contacts", distinct=True),
        resumes=Count("resumes", distinct=True),
    )
    saved = LeadSave.objects.filter(person=owner).count()
    preparations = PreparationRequest.objects.filter(application__owner=owner).count()

    def n(count: int, what: str) -> str:
        return f"{count} {what}{pluralize(count)}"

    return [
        f"{n(counts['applications'], 'application')} with their stages, next steps, notes, "
        f"salary research and outcome are deleted, with {n(counts['contacts'], 'contact')} "
        f"and {n(counts['resumes'], 'résumé version')}.",
        f"{n(saved, 'saved lead')} and {n(preparations, 'preparation request')} with your "
        "coach are deleted.",
        "No next-step reminder is sent any more.",
        "Nobody is told: your manager and HR never knew you used it.",
    ]


def networking_events(viewer: Individual, *, limit: int = 3) -> list[Session]:
    """Upcoming sessions of networking evenings and career fairs the viewer may join, with
    whether they are enrolled in the event and registered for the session: two queries."""
    offerings = offerings_eligible_for(viewer).filter(kind__in=NETWORKING_KINDS)
    enrolled = Enrollment.objects.filter(
        offering_id=OuterRef("offering_id"), person=viewer, status=Enrollment.Status.ENROLLED
    )
    registered = SessionRegistration.objects.filter(session_id=OuterRef("pk"), person=viewer)
    return list(
        Session.objects.for_employer(viewer.employer_id)
        .filter(offering__in=offerings, starts_at__gte=timezone.now())
        .select_related("offering")
        .annotate(is_enrolled=Exists(enrolled), is_registered=Exists(registered))
        .order_by("starts_at", "pk")[:limit]
    )


def preparations_of(owner: Individual) -> QuerySet[PreparationRequest]:
    return (
        PreparationRequest.objects.for_employer(owner.employer_id)
        .filter(owner=owner, status=PreparationRequest.Status.OPEN)
        .select_related("application", "engagement__coach")
    )


def coach_page(viewer: Individual) -> dict:
    """A coach's view: the open preparation requests of the people they coach (active
    engagements) and the applications those people shared with them."""
    requests = (
        PreparationRequest.objects.for_employer(viewer.employer_id)
        .filter(preparation_q(viewer), engagement__coach=viewer)
        .select_related("application", "owner", "resume")
        .order_by("status", "-created_at")
    )
    shared = (
        Application.objects.for_employer(viewer.employer_id)
        .filter(shared_with_coach_q(viewer))
        .select_related("owner")
        .order_by("owner__last_name", "owner_id", "-stage_changed_at")
    )
    return {"requests": list(requests[:100]), "shared": list(shared[:200])}


def home_summary(viewer: Individual, *, tracker: bool) -> dict:
    """The home card: open applications and next steps due today or overdue, and for a
    coach the open requests; two or three small queries."""
    summary: dict = {}
    if tracker:
        today = timezone.localdate(timezone=viewer.tzinfo)
        open_apps = Application.objects.for_employer(viewer.employer_id).filter(
            owner=viewer, stage__in=Application.OPEN_STAGES
        )
        summary.update(
            open_apps.aggregate(
                open=Count("pk"),
                due=Count("pk", filter=Q(next_step_on__lte=today) & ~Q(next_step="")),
            )
        )
    if getattr(viewer, "coach_profile", None) is not None and coached_by(viewer):
        summary["coach_requests"] = (
            PreparationRequest.objects.for_employer(viewer.employer_id)
            .filter(preparation_q(viewer), engagement__coach=viewer)
            .filter(status=PreparationRequest.Status.OPEN)
            .count()
        )
    return summary
