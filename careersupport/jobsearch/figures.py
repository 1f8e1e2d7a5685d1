"""HR's job-search figures, per quarter: the partners invited that quarter and how far they
have come (signed up, coached, a job accepted, the median days from invitation to the job),
and the leads posted that quarter with how often they were saved and applied to.

Aggregates only: no row names anyone, and a quarter of fewer than `MIN_GROUP` partners shows
no figure (nor a median of fewer than `MIN_GROUP` people), so that no one can be singled out.

Counting them reads every partner and application of the employer (seconds for 20,000
partners with 30 applications each), so `services.figures.figures_refresh` stores them in a
`FiguresRollup` every hour (beat) and the page reads that one row; an employer without one
yet (the first hour) gets them counted live. Quarters run in the deployment's zone
(`TIME_ZONE`): the figures are one employer's, not one viewer's.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from careersupport.goals.selectors import MIN_GROUP
from careersupport.people.models import Employer, Individual, Invitation
from coaching.models import Engagement

from .models import Application, FiguresRollup, JobLead
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
    computed_at: datetime


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def quarter_label(day: date | None) -> str:
    if day is None:
        return "All quarters"
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _partners(employer_id: int):
    """The employer's invited partners, each with the day of their first invitation."""
    first_invitation = (
        Invitation.objects.filter(individual=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return (
        Individual.objects.for_employer(employer_id)
        .filter(kind=Individual.Kind.PARTNER)
        .annotate(invited_at=Subquery(first_invitation))
        .filter(invited_at__isnull=False)
    )


def partner_rows(employer_id: int) -> list[PartnerRow]:
    tz = zone()
    coached = Engagement.objects.filter(coachee=OuterRef("pk"), status__in=COACHED)
    accepted = Application.objects.filter(owner=OuterRef("pk"), stage=Application.Stage.ACCEPTED)
    partners = _partners(employer_id)
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


def lead_rows(employer_id: int) -> list[LeadRow]:
    counts = (
        JobLead.objects.for_employer(employer_id)
        .annotate(quarter=TruncQuarter("created_at", tzinfo=zone()))
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


def compute(employer: Employer | int) -> Figures:
    """Count now (three queries whatever the size; the rows are per quarter)."""
    employer_id = employer if isinstance(employer, int) else employer.pk
    return Figures(
        partners=partner_rows(employer_id),
        leads=lead_rows(employer_id),
        computed_at=timezone.now(),
    )


def _row_json(row) -> dict:
    data = asdict(row)
    data["quarter"] = row.quarter.isoformat() if row.quarter else None
    return data


def _row_from(cls, data: dict):
    quarter = data.get("quarter")
    return cls(**{**data, "quarter": date.fromisoformat(quarter) if quarter else None})


def as_json(figures: Figures) -> dict:
    return {
        "partners": [_row_json(r) for r in figures.partners],
        "leads": [_row_json(r) for r in figures.leads],
    }


def hr_figures(*, viewer: Individual) -> Figures:
    """The viewer's employer's figures as last stored, or counted now if none is yet."""
    rollup = FiguresRollup.objects.for_employer(viewer.employer_id).first()
    if rollup is None:
        return compute(viewer.employer_id)
    return Figures(
        partners=[_row_from(PartnerRow, r) for r in rollup.partners],
        leads=[_row_from(LeadRow, r) for r in rollup.leads],
        computed_at=rollup.computed_at,
    )
