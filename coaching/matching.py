"""Ranking the coach pool for one person's intake, with the reasons in words.

The score is out of 100, highest first:

- **topics, 40**: the share of the person's topics among the coach's specialties
  (2 of 3 topics: 26.7). A person who named no topic gives every coach 20.
- **language, 20**: the coach speaks one of the languages the person asked for (all 20
  when they named none).
- **hours apart, 15**: how much of a working day (09:00–17:00) the two zones share today:
  15 in the same zone, 0 at eight hours or more apart (1 h apart: 13.1).
- **preferred times, 15**: the share of the person's preferred days and parts of the day
  (in their zone; Monday–Friday and every part when they named none) that fall in one of
  the coach's weekly windows, each window moved into the person's zone.
- **free places, 10**: 2 a free place, up to 5.

Ties go to the coach with more free places, then by name. Never suggested: a paused coach,
one at capacity (coachees active, paused or asked and not yet answered), one whose account
is not set up yet or deactivated, the person themselves, anyone in their reporting line
(`people.hierarchy.line_of`, their managers up the chain and everyone below them), for a
partner a coach who does not coach partners, and a coach who declined this engagement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from careersupport.people.hierarchy import line_of
from careersupport.people.models import Individual

from .models import DAY_PARTS, LANGUAGE_LABELS, CoachProfile, Engagement

WEIGHTS = {"topics": 40, "language": 20, "hours": 15, "times": 15, "places": 10}
WORKDAY_HOURS = 8
HOLDING = (Engagement.Status.REQUESTED, Engagement.Status.ACTIVE, Engagement.Status.PAUSED)


@dataclass
class Suggestion:
    profile: CoachProfile
    score: float
    reasons: list[str]
    parts: dict[str, float] = field(default_factory=dict)
    free_places: int = 0

    @property
    def coach(self) -> Individual:
        return self.profile.individual

    @property
    def reasons_text(self) -> str:
        return " · ".join(self.reasons)


def holding_count() -> Coalesce:
    """Per coach profile: coachees who hold one of its places."""
    rows = (
        Engagement.objects.filter(coach_id=OuterRef("individual_id"), status__in=HOLDING)
        .order_by()
        .values("coach_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def pool_for(person: Individual, *, excluded: Iterable[int] = ()):
    """The coaches that may be suggested to the person (the exclusions above, in SQL except
    capacity, which `rank` reads from the annotation)."""
    blocked = {person.pk, *excluded, *line_of(person.pk)}
    qs = (
        CoachProfile.objects.for_employer(person.employer_id)
        .active()
        .filter(individual__user__isnull=False, individual__deactivated_at__isnull=True)
        .exclude(individual_id__in=blocked)
        .select_related("individual")
        .prefetch_related("windows")
        .annotate(holding=holding_count())
    )
    if person.is_partner:
        qs = qs.filter(coaches_partners=True)
    return qs


def _hours_apart(coach_tz, person_tz, now: datetime) -> float:
    delta = coach_tz.utcoffset(now) - person_tz.utcoffset(now)
    return abs(delta.total_seconds()) / 3600


def _times_share(profile: CoachProfile, person_tz, days, parts, now: datetime) -> float:
    """Share of the wanted (weekday, part of day) cells in the person's zone that one of
    the coach's windows overlaps, each window shifted by today's difference of offsets."""
    wanted = {(d, p) for d in days for p in parts}
    if not wanted:
        return 0.0
    shift = (person_tz.utcoffset(now) - profile.tzinfo.utcoffset(now)).total_seconds() / 60
    covered = set()
    for w in profile.windows.all():
        start = w.weekday * 1440 + w.starts_at.hour * 60 + w.starts_at.minute + shift
        end = w.weekday * 1440 + w.ends_at.hour * 60 + w.ends_at.minute + shift
        for day, part in wanted:
            a, b = DAY_PARTS[part]
            for week in (-7, 0, 7):  # a window shifted across Sunday/Monday
                lo = (day + week) * 1440 + a * 60
                hi = (day + week) * 1440 + b * 60
                if start < hi and lo < end:
                    covered.add((day, part))
    return len(covered) / len(wanted)


def score(
    profile: CoachProfile,
    *,
    person: Individual,
    topics: list[str],
    languages: list[str],
    days: list[int],
    parts: list[str],
    now: datetime,
) -> Suggestion:
    reasons: list[str] = []
    parts_scores: dict[str, float] = {}
    if topics:
        matched = len(set(topics) & set(profile.specialties))
        parts_scores["topics"] = WEIGHTS["topics"] * matched / len(topics)
        reasons.append(f"{matched} of {len(topics)} topic{'s' if len(topics) != 1 else ''}")
    else:
        parts_scores["topics"] = WEIGHTS["topics"] / 2
    if languages:
        shared = [code for code in languages if code in profile.languages]
        parts_scores["language"] = WEIGHTS["language"] if shared else 0
        reasons.append(
            f"speaks {LANGUAGE_LABELS.get(shared[0], shared[0])}"
            if shared
            else "no language in common"
        )
    else:
        parts_scores["language"] = WEIGHTS["language"]
    apart = _hours_apart(profile.tzinfo, person.tzinfo, now)
    shared_hours = max(0.0, WORKDAY_HOURS - apart)
    parts_scores["hours"] = WEIGHTS["hours"] * shared_hours / WORKDAY_HOURS
    reasons.append("same time zone" if apart == 0 else f"{apart:g} h apart")
    times = _times_share(
        profile, person.tzinfo, days or [0, 1, 2, 3, 4], parts or list(DAY_PARTS), now
    )
    parts_scores["times"] = WEIGHTS["times"] * times
    if days or parts:
        reasons.append(
            "free at your preferred times"
            if times >= 2 / 3
            else "free at some of your preferred times"
            if times > 0
            else "rarely free at your preferred times"
        )
    free = max(0, profile.capacity - profile.holding)
    parts_scores["places"] = WEIGHTS["places"] * min(free, 5) / 5
    reasons.append(f"{free} place{'s' if free != 1 else ''} free")
    if person.is_partner:
        reasons.append("coaches partners")
    total = round(sum(parts_scores.values()), 1)
    return Suggestion(profile, total, reasons, parts_scores, free)


def rank(
    *,
    person: Individual,
    topics: list[str],
    languages: list[str],
    days: list[int] | None = None,
    parts: list[str] | None = None,
    excluded: Iterable[int] = (),
    now: datetime | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """The pool for this person, best first; coaches at capacity are left out."""
    now = now or timezone.now()
    suggestions = [
        score(
            profile,
            person=person,
            topics=topics,
            languages=languages,
            days=days or [],
            parts=parts or [],
            now=now,
        )
        for profile in pool_for(person, excluded=excluded)
        if profile.holding < profile.capacity
    ]
    suggestions.sort(
        key=lambda s: (-s.score, -s.free_places, s.coach.last_name, s.coach.first_name, s.coach.pk)
    )
    return suggestions[:limit] if limit else suggestions


def for_engagement(engagement: Engagement, *, now=None, limit=None) -> list[Suggestion]:
    """The ranking for an engagement's intake, without the coaches who declined it."""
    declined = list(engagement.declines.values_list("coach_id", flat=True))
    return rank(
        person=engagement.coachee,
        topics=engagement.topics,
        languages=engagement.languages,
        days=engagement.preferred_days,
        parts=engagement.preferred_times,
        excluded=declined,
        now=now,
        limit=limit,
    )


def may_coach(engagement: Engagement, coach: Individual, *, now=None) -> Suggestion | None:
    """The coach's suggestion when they may take this engagement on, else None."""
    declined = set(engagement.declines.values_list("coach_id", flat=True))
    if coach.pk in declined:
        return None
    profile = pool_for(engagement.coachee, excluded=declined).filter(individual_id=coach.pk).first()
    if profile is None or profile.holding >= profile.capacity:
        return None
    return score(
        profile,
        person=engagement.coachee,
        topics=engagement.topics,
        languages=engagement.languages,
        days=engagement.preferred_days,
        parts=engagement.preferred_times,
        now=now or timezone.now(),
    )
