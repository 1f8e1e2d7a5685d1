"""HR's job-search figures, per quarter: the partners invited that quarter and how far they
have come (signed up, coached, a job accepted, the median days from invitation to the job),
and the leads posted that quarter with how often they were saved and applied to.

Aggregates only, in three queries whatever the number of people: no row names anyone, and a
quarter of fewer than `MIN_GROUP` partners shows no figure (nor a median of fewer than
`MIN_GROUP` people), so that no one can be singled out.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncQuarter

from careersupport.goals.selectors import MIN_GROUP
from careersupport.people.models import Individual, Invitation
from coaching.models import Engagement

from .models import Application, JobLead
from .models.leads import APPLIED_STAGES

# Coached: an engagement under way or completed (a request still being matched is not yet).
COACHED = (Engagement.Status.ACTIVE, Engagement.Status.PAUSED, Engagement.Status.COMPLETED)


@dataclass
class PartnerRow:
    quarter: date | None  # None: every quarter together
    invited: int = 0
    active: int = 0
    coached: int = 0
    accepted: int = 0
    median_days: float | None = None

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)

    @property
    def shown(self) -> bool:
        return self.invited >= MIN_GROUP

    @property
    def median_shown(self) -> bool:
        return self.shown and self.accepted >= MIN_GROUP and self.median_days is not None


@dataclass
class LeadRow:
    quarter: date | None
    posted: int = 0
    saved: int = 0
    applied: int = 0

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)


@dataclass
class Figures:
    partners: list[PartnerRow]
    leads: list[LeadRow]


def quarter_label(day: date | None) -> str:
    if day is None:
        return "All quarters"
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _partners(viewer: Individual):
    """The employer's invited partners, each with the day of their first invitation."""
    first_invitation = (
        Invitation.objects.filter(individual=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return (
        Individual.objects.for_employer(viewer.employer_id)
        .filter(kind=Individual.Kind.PARTNER)
        .annotate(invited_at=Subquery(first_invitation))
        .filter(invited_at__isnull=False)
    )


def partner_rows(viewer: Individual) -> list[PartnerRow]:
    tz = viewer.tzinfo
    coached = Engagement.objects.filter(coachee=OuterRef("pk"), status__in=COACHED)
    accepted = Application.objects.filter(owner=OuterRef("pk"), stage=Application.Stage.ACCEPTED)
    partners = _partners(viewer)
    counts = (
        partners.annotate(
            quarter=TruncQuarter("invited_at", tzinfo=tz),
            is_coached=Exists(coached),
            has_job=Exists(accepted),
        )
        .values("quarter")
        .annotate(
            invited=Count("pk"),
            active=Count("pk", filter=Q(user__isnull=False, deactivated_at__isnull=True)),
            coached=Count("pk", filter=Q(is_coached=True)),
            accepted=Count("pk", filter=Q(has_job=True)),
        )
        .order_by("-quarter")
    )
    rows = {
        _day(c["quarter"]): PartnerRow(
            quarter=_day(c["quarter"]),
            invited=c["invited"],
            active=c["active"],
            coached=c["coached"],
            accepted=c["accepted"],
        )
        for c in counts
    }
    # The days from invitation to the first job accepted, one row per placed partner.
    first_job = (
        Application.objects.filter(owner=OuterRef("pk"), stage=Application.Stage.ACCEPTED)
        .order_by()
        .values("owner")
        .annotate(at=Min("stage_changed_at"))
        .values("at")
    )
    days: dict[date | None, list[int]] = defaultdict(list)
    placed = (
        partners.annotate(quarter=TruncQuarter("invited_at", tzinfo=tz), job_at=Subquery(first_job))
        .filter(job_at__isnull=False)
        .values_list("quarter", "invited_at", "job_at")
    )
    for quarter, invited_at, job_at in placed:
        waited = max(0, (job_at.astimezone(tz).date() - invited_at.astimezone(tz).date()).days)
        days[_day(quarter)].append(waited)
        days[None].append(waited)
    total = PartnerRow(quarter=None)
    for row in rows.values():
        total.invited += row.invited
        total.active += row.active
        total.coached += row.coached
        total.accepted += row.accepted
        if days[row.quarter]:
            row.median_days = statistics.median(days[row.quarter])
    if days[None]:
        total.median_days = statistics.median(days[None])
    return [*rows.values(), total] if rows else []


def lead_rows(viewer: Individual) -> list[LeadRow]:
    counts = (
        JobLead.objects.for_employer(viewer.employer_id)
        .annotate(quarter=TruncQuarter("created_at", tzinfo=viewer.tzinfo))
        .values("quarter")
        .annotate(
            posted=Count("pk", distinct=True),
            saved=Count("saves", distinct=True),
            applied=Count(
                "saves", filter=Q(saves__application__stage__in=APPLIED_STAGES), distinct=True
            ),
        )
        .order_by("-quarter")
    )
    rows = [
        LeadRow(
            quarter=_day(c["quarter"]), posted=c["posted"], saved=c["saved"], applied=c["applied"]
        )
        for c in counts
    ]
    if rows:
        rows.append(
            LeadRow(
                quarter=None,
                posted=sum(r.posted for r in rows),
                saved=sum(r.saved for r in rows),
                applied=sum(r.applied for r in rows),
            )
        )
    return rows


def hr_figures(*, viewer: Individual) -> Figures:
    return Figures(partners=partner_rows(viewer), leads=lead_rows(viewer))
