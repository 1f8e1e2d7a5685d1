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
  the coach's weekly windows, each window moved into the person's zone (to the hour) by
  today's difference of the two zones' offsets.
- **free places, 10**: 2 a free place, up to 5.

The whole pool is scored from plain rows (two queries, no model instances); the full
profiles are loaded only for the suggestions a page shows (`detail`).

Ties go to the coach with more free places, then by name. Never suggested: a paused coach,
one at capacity (coachees active, paused or asked and not yet answered), one whose account
is not set up yet or deactivated, the person themselves, anyone in their reporting line
(`people.hierarchy.line_of`, their managers up the chain and everyone below them), for a
partner a coach who does not coach partners, and a coach who declined this engagement.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from careersupport.people.hierarchy import line_of
from careersupport.people.models import Individual
from careersupport.people.timezones import zone_or_utc

from .models import DAY_PARTS, LANGUAGE_LABELS, AvailabilityWindow, CoachProfile, Engagement

WEIGHTS = {"topics": 40, "language": 20, "hours": 15, "times": 15, "places": 10}
WORKDAY_HOURS = 8
HOLDING = (Engagement.Status.REQUESTED, Engagement.Status.ACTIVE, Engagement.Status.PAUSED)


@dataclass
class Candidate:
    """What the score needs of one coach, read as plain values (no model instances: the
    whole pool is scored on every ranking)."""

    profile_id: int
    coach_id: int
    name: str
    last_name: str
    specialties: list[str]
    languages: list[str]
    time_zone: str
    capacity: int
    holding: int
    windows: list[tuple[int, int, int]] = field(default_factory=list)  # weekday, from, to (min)


@dataclass
class Suggestion:
    coach_id: int
    name: str
    last_name: str
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    free_places: int = 0
    profile_id: int = 0
    # What the reasons say, kept as facts: only the suggestions shown are put in words.
    facts: dict = field(default_factory=dict)
    # The full profile (with its person), loaded for the suggestions a page shows.
    profile: CoachProfile | None = None

    @property
    def coach(self) -> Individual:
        return self.profile.individual

    @property
    def reasons(self) -> list[str]:
        f = self.facts
        words = []
        if f.get("topics") is not None:
            matched, asked = f["topics"]
            words.append(f"{matched} of {asked} topic{'s' if asked != 1 else ''}")
        if f.get("language") is not None:
            code = f["language"]
            words.append(
                f"speaks {LANGUAGE_LABELS.get(code, code)}" if code else "no language in common"
            )
        apart = f["apart"]
        words.append("same time zone" if apart == 0 else f"{apart:g} h apart")
        if f.get("times") is not None:
            times = f["times"]
            words.append(
                "free at your preferred times"
                if times >= 2 / 3
                else "free at some of your preferred times"
                if times > 0
                else "rarely free at your preferred times"
            )
        free = self.free_places
        words.append(f"{free} place{'s' if free != 1 else ''} free")
        if f.get("partner"):
            words.append("coaches partners")
        return words

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
    """The coaches that may be suggested to the person (the exclusions above, except
    capacity, which needs the count of coachees holding a place)."""
    blocked = {person.pk, *excluded, *line_of(person.pk)}
    qs = (
        CoachProfile.objects.for_employer(person.employer_id)
        .active()
        .filter(individual__user__isnull=False, individual__deactivated_at__isnull=True)
        .exclude(individual_id__in=blocked)
    )
    if person.is_partner:
        qs = qs.filter(coaches_partners=True)
    return qs


def candidates(
    person: Individual, *, excluded: Iterable[int] = (), only: int | None = None
) -> list[Candidate]:
    """The pool (or the one coach `only`) as plain rows with their weekly windows and the
    coachees holding their places: three queries after `line_of`, whatever the pool."""
    qs = pool_for(person, excluded=excluded)
    if only is not None:
        qs = qs.filter(individual_id=only)
    rows = list(
        qs.order_by().values_list(
            "pk",
            "individual_id",
            "individual__preferred_name",
            "individual__first_name",
            "individual__last_name",
            "specialties",
            "languages",
            "time_zone",
            "capacity",
        )
    )
    # One grouped count for the whole employer reads less than a count per coach.
    held = Engagement.objects.for_employer(person.employer_id).filter(
        status__in=HOLDING, coach__isnull=False
    )
    if only is not None:
        held = held.filter(coach_id=only)
    holding = dict(held.order_by().values_list("coach_id").annotate(n=Count("*")))
    pool = {}
    for pk, coach_id, preferred, first, last, specs, langs, tz, capacity in rows:
        taken = holding.get(coach_id, 0)
        if taken >= capacity:
            continue
        name = f"{preferred or first} {last}".strip()
        pool[pk] = Candidate(pk, coach_id, name, last, specs, langs, tz, capacity, taken)
    # The pool again as a subquery: a list of hundreds of ids costs more to send than this.
    windows = (
        AvailabilityWindow.objects.filter(coach__in=qs.values("pk"))
        .order_by()
        .values_list("coach_id", "weekday", "starts_at", "ends_at")
    )
    for coach_id, weekday, start, end in windows:
        if coach_id not in pool:  # at capacity
            continue
        pool[coach_id].windows.append(
            (weekday, start.hour * 60 + start.minute, end.hour * 60 + end.minute)
        )
    return list(pool.values())


def _offset_hours(tz_name: str, now: datetime, cache: dict) -> float:
    if tz_name not in cache:
        # A stored zone this host cannot load counts as UTC rather than breaking the ranking.
        cache[tz_name] = zone_or_utc(tz_name).utcoffset(now).total_seconds() / 3600
    return cache[tz_name]


WEEK = (1 << 168) - 1


def _wanted_cells(days: list[int], parts: list[str]) -> list[int]:
    """Each wanted (day, part of day) cell as a mask of the hours of the week (in the
    person's zone) it covers."""
    cells = []
    for day in days:
        for part in parts:
            start, end = DAY_PARTS[part]
            cells.append(((1 << (end - start)) - 1) << (day * 24 + start))
    return cells


def _hours_mask(windows, shift_hours: float) -> int:
    """The hours of the week the coach's windows cover, moved into the person's zone (a
    window that touches an hour covers it), as a 168-bit mask."""
    mask = 0
    for weekday, start, end in windows:
        first = math.floor(weekday * 24 + start / 60 + shift_hours)
        last = math.ceil(weekday * 24 + end / 60 + shift_hours)
        span = ((1 << (last - first)) - 1) << (first % 168)
        mask |= (span | span >> 168) & WEEK  # a window moved across Sunday night wraps
    return mask


def score(
    candidate: Candidate,
    *,
    person: Individual,
    topics: list[str],
    languages: list[str],
    days: list[int],
    parts: list[str],
    now: datetime,
    offsets: dict | None = None,
) -> Suggestion:
    offsets = {} if offsets is None else offsets
    facts: dict = {"partner": person.is_partner}
    scores: dict[str, float] = {}
    if topics:
        matched = len(set(topics).intersection(candidate.specialties))
        scores["topics"] = WEIGHTS["topics"] * matched / len(topics)
        facts["topics"] = (matched, len(topics))
    else:
        scores["topics"] = WEIGHTS["topics"] / 2
    if languages:
        shared = next((code for code in languages if code in candidate.languages), "")
        scores["language"] = WEIGHTS["language"] if shared else 0
        facts["language"] = shared
    else:
        scores["language"] = WEIGHTS["language"]
    shift = _offset_hours(person.time_zone, now, offsets) - _offset_hours(
        candidate.time_zone, now, offsets
    )
    apart = facts["apart"] = abs(shift)
    scores["hours"] = WEIGHTS["hours"] * max(0.0, WORKDAY_HOURS - apart) / WORKDAY_HOURS
    key = ("cells", tuple(days), tuple(parts))
    if key not in offsets:
        offsets[key] = _wanted_cells(days or [0, 1, 2, 3, 4], parts or list(DAY_PARTS))
    cells = offsets[key]
    covered = _hours_mask(candidate.windows, shift)
    times = sum(1 for cell in cells if cell & covered) / len(cells)
    scores["times"] = WEIGHTS["times"] * times
    if days or parts:
        facts["times"] = times
    free = max(0, candidate.capacity - candidate.holding)
    scores["places"] = WEIGHTS["places"] * min(free, 5) / 5
    return Suggestion(
        coach_id=candidate.coach_id,
        name=candidate.name,
        last_name=candidate.last_name,
        score=round(sum(scores.values()), 1),
        parts=scores,
        free_places=free,
        profile_id=candidate.profile_id,
        facts=facts,
    )


def with_profiles(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Load the full profiles (and their people) of these suggestions: one query."""
    profiles = CoachProfile.objects.select_related("individual").in_bulk(
        [s.profile_id for s in suggestions]
    )
    for suggestion in suggestions:
        suggestion.profile = profiles[suggestion.profile_id]
    return suggestions


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
    detail: int | None = None,
) -> list[Suggestion]:
    """The pool for this person, best first; coaches at capacity are left out. The first
    `detail` suggestions (all when None) come with their full profile."""
    now = now or timezone.now()
    offsets: dict = {}
    suggestions = [
        score(
            candidate,
            person=person,
            topics=topics,
            languages=languages,
            days=days or [],
            parts=parts or [],
            now=now,
            offsets=offsets,
        )
        for candidate in candidates(person, excluded=excluded)
    ]
    suggestions.sort(key=lambda s: (-s.score, -s.free_places, s.last_name, s.name, s.coach_id))
    if limit:
        suggestions = suggestions[:limit]
    with_profiles(suggestions if detail is None else suggestions[:detail])
    return suggestions


def for_engagement(engagement: Engagement, *, now=None, limit=None, detail=None):
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
        detail=detail,
    )


def may_coach(engagement: Engagement, coach: Individual, *, now=None) -> Suggestion | None:
    """The coach's suggestion when they may take this engagement on, else None."""
    declined = set(engagement.declines.values_list("coach_id", flat=True))
    if coach.pk in declined:
        return None
    found = candidates(engagement.coachee, excluded=declined, only=coach.pk)
    if not found:
        return None
    return score(
        found[0],
        person=engagement.coachee,
        topics=engagement.topics,
        languages=engagement.languages,
        days=engagement.preferred_days,
        parts=engagement.preferred_times,
        now=now or timezone.now(),
    )
