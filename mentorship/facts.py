"""Reads that turn the database into the plain facts `scoring` works on.

Each loader costs a fixed number of queries whatever the number of people: the reporting
line of one mentee comes from `hierarchy.line_of` (two queries), a cohort's from
`hierarchy.managers_above_each` (one); never a query per pair.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.people.hierarchy import above_sql, below_sql, managers_above_each
from careersupport.people.models import Employer, Individual
from careersupport.people.timezones import zone_or_utc

from .models import (
    LANGUAGE_NAMES,
    MenteeNeeds,
    MentorProfile,
    Mentorship,
    Programme,
    Topic,
    field_to_codes,
)
from .scoring import Labels, MenteeFacts, MentorFacts, MentorTable, Weights

GOAL_LABELS = dict(Goal.Category.choices)


@lru_cache(maxsize=1024)
def _offset(zone: str, hour_key: int) -> float:
    moment = datetime.fromtimestamp(hour_key * 3600, tz=zone_or_utc(zone))
    return moment.utcoffset().total_seconds() / 3600


def tz_offset(zone: str) -> float:
    """Hours from UTC of the zone now (cached per zone and hour); 0 for a stored zone this
    host cannot load, as for UTC."""
    return _offset(zone, int(timezone.now().timestamp() // 3600))


def weights_of(programme: Programme) -> Weights:
    return Weights(
        **{
            name.removeprefix("weight_"): getattr(programme, name)
            for name in Programme.WEIGHT_FIELDS
        }
    )


def labels_for(employer: Employer | int) -> Labels:
    topics = dict(Topic.objects.for_employer(employer).values_list("id", "name"))
    return Labels(topics=topics, categories=GOAL_LABELS, languages=LANGUAGE_NAMES)


def active_count_subquery():
    rows = (
        Mentorship.objects.filter(mentor_id=OuterRef("person_id"), status="active")
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def mentor_facts(
    employer: Employer | int,
    *,
    person_ids: Iterable[int] | None = None,
    available_only=True,
    names: dict | None = None,
) -> list[MentorFacts]:
    """Every mentor of the employer (or those of `person_ids`): three queries. `names`, when
    given, receives the offered topics' names (for the reasons and the filters)."""
    profiles = MentorProfile.objects.for_employer(employer).filter(
        person__deactivated_at__isnull=True, person__kind=Individual.Kind.EMPLOYEE
    )
    if person_ids is not None:
        profiles = profiles.filter(person_id__in=list(person_ids))
    if available_only:
        profiles = profiles.filter(paused=False)
    rows = list(
        profiles.annotate(active=active_count_subquery())
        .order_by("id")
        .values_list(
            "id",
            "person_id",
            "employer_id",
            "person__department_id",
            "person__time_zone",
            "years_experience",
            "languages",
            "capacity",
            "active",
            "paused",
            "open_to_partners",
        )
    )
    if available_only:
        rows = [r for r in rows if r[8] < r[7]]
    topic_rows = list(
        Topic.objects.for_employer(employer)
        .filter(archived=False)
        .values_list("id", "goal_categories", "name")
    )
    categories = {pk: frozenset(field_to_codes(cats)) for pk, cats, _ in topic_rows}
    if names is not None:
        names.update({pk: name for pk, _, name in topic_rows})
    topics: dict[int, set[int]] = defaultdict(set)
    through = MentorProfile.topics.through.objects.filter(
        mentorprofile__in=MentorProfile.objects.for_employer(employer)
    )
    if person_ids is not None:
        through = through.filter(mentorprofile_id__in=[r[0] for r in rows])
    for profile_id, topic_id in through.values_list("mentorprofile_id", "topic_id"):
        if topic_id in categories:
            topics[profile_id].add(topic_id)
    facts = []
    for pk, person, emp, dept, zone, years, langs, cap, active, paused, partners in rows:
        mine = frozenset(topics.get(pk, ()))
        facts.append(
            MentorFacts(
                person_id=person,
                employer_id=emp,
                department_id=dept,
                topics=mine,
                goal_categories=frozenset().union(*(categories[t] for t in mine)),
                languages=frozenset(field_to_codes(langs)),
                tz_offset=tz_offset(zone),
                years=years,
                capacity=cap,
                active=active,
                paused=paused,
                open_to_partners=partners,
            )
        )
    return facts


def _rows(queryset) -> list[tuple]:
    """A values_list query's rows straight from the cursor (thousands of rows: Django's
    iterable would cost more than the query)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def mentor_table(employer: Employer | int, *, names: dict | None = None) -> MentorTable:
    """The employer's available mentors (not paused, a place free) as columns: three
    queries and no Python object per mentor, for the ranked list of thousands."""
    employer_id = employer if isinstance(employer, int) else employer.pk
    profiles = (
        MentorProfile.objects.for_employer(employer_id)
        .filter(
            paused=False, person__deactivated_at__isnull=True, person__kind=Individual.Kind.EMPLOYEE
        )
        .order_by("id")
        .values_list(
            "id",
            "person_id",
            "person__department_id",
            "years_experience",
            "capacity",
            "capacity",  # replaced by the active count below
            "open_to_partners",
            "person__time_zone",
            "languages",
        )
    )
    # One GROUP BY over the employer's active pairs: cheaper than a count per mentor.
    active = dict(
        _rows(
            Mentorship.objects.for_employer(employer_id)
            .filter(status=Mentorship.Status.ACTIVE)
            .order_by()
            .values_list("mentor_id")
            .annotate(n=Count("id"))
        )
    )
    rows = [(*r[:5], active.get(r[1], 0), *r[6:]) for r in _rows(profiles)]
    rows = [r for r in rows if r[5] < r[4]]
    topic_rows = list(
        Topic.objects.for_employer(employer_id)
        .filter(archived=False)
        .values_list("id", "goal_categories", "name")
    )
    if names is not None:
        names.update({pk: name for pk, _, name in topic_rows})
    topic_ids = np.array(sorted(pk for pk, _, _ in topic_rows), dtype=np.int64)
    codes = sorted({c for _, cats, _ in topic_rows for c in field_to_codes(cats)})
    n = len(rows)
    numbers = np.array([r[:7] for r in rows], dtype=np.float64).reshape(n, 7)
    topics = np.zeros((n, max(len(topic_ids), 1)))
    through = _rows(
        MentorProfile.topics.through.objects.filter(
            mentorprofile__in=MentorProfile.objects.for_employer(employer_id)
        ).values_list("mentorprofile_id", "topic_id")
    )
    if through and n:
        pairs = np.array(through, dtype=np.int64)
        row = np.searchsorted(numbers[:, 0], pairs[:, 0])
        column = np.searchsorted(topic_ids, pairs[:, 1])
        known = (row < n) & (column < len(topic_ids))
        known[known] &= (numbers[row[known], 0] == pairs[known, 0]) & (
            topic_ids[column[known]] == pairs[known, 1]
        )
        topics[row[known], column[known]] = 1.0
    topic_cats = np.zeros((max(len(topic_ids), 1), max(len(codes), 1)))
    for pk, cats, _ in topic_rows:
        for code in field_to_codes(cats):
            topic_cats[np.searchsorted(topic_ids, pk), codes.index(code)] = 1.0
    zones, zone_of = np.unique(np.array([r[7] for r in rows], dtype=str), return_inverse=True)
    offsets = np.array([tz_offset(z) for z in zones], dtype=float)
    dept = numbers[:, 2]
    return MentorTable(
        person_id=numbers[:, 1].astype(np.int64),
        employer_id=np.full(n, employer_id, dtype=np.int64),
        department_id=np.where(np.isnan(dept), -2, dept).astype(np.int64)
        if n
        else np.zeros(0, np.int64),
        tz_offset=offsets[zone_of] if n else np.zeros(0),
        years=numbers[:, 3],
        capacity=numbers[:, 4],
        active=numbers[:, 5],
        paused=np.zeros(n, dtype=bool),
        open_to_partners=numbers[:, 6].astype(bool),
        languages=np.array([r[8] for r in rows], dtype=str),
        topic_ids=topic_ids,
        topics=topics[:, : max(len(topic_ids), 1)],
        category_codes=codes,
        categories=((topics @ topic_cats) > 0).astype(float)[:, : max(len(codes), 1)],
    )


# The ranked list's table is kept per employer for this long at most; a change of a mentor
# profile, a topic or a place (the services touch the profile) makes a new version at once.
# What lives on the person (department, time zone, leaving) is seen within this time; a
# request checks every rule again with fresh data.
TABLE_TTL = 300

_VERSION_SQL = (
    f"SELECT (SELECT COUNT(*) FROM {MentorProfile._meta.db_table} WHERE employer_id = %s),"
    f" (SELECT MAX(updated_at) FROM {MentorProfile._meta.db_table} WHERE employer_id = %s),"
    f" (SELECT COUNT(*) FROM {Topic._meta.db_table} WHERE employer_id = %s),"
    f" (SELECT MAX(updated_at) FROM {Topic._meta.db_table} WHERE employer_id = %s)"
)


def mentor_table_cached(employer_id: int, *, names: dict) -> MentorTable:
    """`mentor_table` through the cache: one small query while nothing changed."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [employer_id] * 4)
        version = cursor.fetchone()
    stamp = hashlib.sha1(repr(version).encode(), usedforsecurity=False).hexdigest()
    key = f"mentorship:mentor-table:{employer_id}:{stamp}"
    cached = cache.get(key)
    if cached is None:
        fresh: dict[int, str] = {}
        cached = (mentor_table(employer_id, names=fresh), fresh)
        cache.set(key, cached, TABLE_TTL)
    names.update(cached[1])
    return cached[0]


def _avoid(mentee_ids: list[int]) -> dict[int, set[int]]:
    """Mentors each mentee has now or was a poor fit with: not to be proposed again."""
    avoid: dict[int, set[int]] = defaultdict(set)
    rows = Mentorship.objects.filter(mentee_id__in=mentee_ids).filter(
        Q(status="active") | Q(poor_fit_at__isnull=False)
    )
    for mentee, mentor in rows.values_list("mentee_id", "mentor_id"):
        avoid[mentee].add(mentor)
    return avoid


def needs_by_person(programme: Programme, person_ids: list[int]) -> dict[int, MenteeNeeds]:
    needs = (
        MenteeNeeds.objects.filter(programme=programme, person_id__in=person_ids)
        .prefetch_related("topics", "goals")
        .order_by()
    )
    return {n.person_id: n for n in needs}


def _mentee(person: Individual, needs: MenteeNeeds | None, line, avoid) -> MenteeFacts:
    if needs is None:
        return MenteeFacts(
            person_id=person.pk,
            employer_id=person.employer_id,
            is_partner=person.is_partner,
            department_id=person.department_id,
            tz_offset=tz_offset(person.time_zone),
            line=frozenset(line),
            avoid=frozenset(avoid),
        )
    goals = [g for g in needs.goals.all() if g.status in (Goal.Status.ACTIVE, Goal.Status.PAUSED)]
    return MenteeFacts(
        person_id=person.pk,
        employer_id=person.employer_id,
        is_partner=person.is_partner,
        department_id=person.department_id,
        topics=frozenset(t.pk for t in needs.topics.all() if not t.archived),
        goal_categories=frozenset(g.category for g in goals),
        language=needs.language,
        department_preference=needs.department_preference,
        tz_offset=tz_offset(person.time_zone),
        max_tz_difference=needs.max_tz_difference,
        years=needs.years_experience,
        line=frozenset(line),
        avoid=frozenset(avoid),
    )


def line_of_one(person_id: int) -> set[int]:
    """Everyone above or below the person, in one query (hierarchy's two subqueries)."""
    return set(
        Individual.objects.filter(Q(id__in=above_sql(person_id)) | Q(id__in=below_sql(person_id)))
        .order_by()
        .values_list("id", flat=True)
    )


def mentee_facts_one(programme: Programme, person: Individual) -> MenteeFacts:
    """One mentee, for their ranked list: five queries."""
    needs = needs_by_person(programme, [person.pk]).get(person.pk)
    return _mentee(person, needs, line_of_one(person.pk), _avoid([person.pk]).get(person.pk, ()))


def cohort_lines(mentee_ids: list[int], mentor_ids: list[int]) -> dict[int, set[int]]:
    """For each mentee, the mentors in their reporting line (above or below): one query."""
    above = managers_above_each([*mentee_ids, *mentor_ids])
    mentees = set(mentee_ids)
    lines: dict[int, set[int]] = {i: set(above.get(i, ())) for i in mentee_ids}
    for mentor in mentor_ids:
        for boss in above.get(mentor, ()):
            if boss in mentees:
                lines[boss].add(mentor)
    return lines


def mentee_facts_many(
    programme: Programme, people: list[Individual], mentor_ids: list[int]
) -> list[MenteeFacts]:
    """A cohort of mentees, in the order given: a fixed number of queries."""
    ids = [p.pk for p in people]
    needs = needs_by_person(programme, ids)
    lines = cohort_lines(ids, mentor_ids)
    avoid = _avoid(ids)
    return [_mentee(p, needs.get(p.pk), lines[p.pk], avoid.get(p.pk, ())) for p in people]
