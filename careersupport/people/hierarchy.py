"""The reporting tree: who is below or above whom. The one module that walks it.

Every rule that depends on the org chart (a manager sees their chain's goals; nobody is
coached or mentored by someone in their own reporting line; HR cannot make a loop) asks
here. Each walk is one recursive query whatever the depth, on SQLite and PostgreSQL, with
its values passed as query parameters: the SQL text is built from table and column names
only, once. `UNION` (not `UNION ALL`) ends a walk that meets a cycle in bad data instead of
looping for ever.

Besides the plain walks, a chain can be read a page at a time in the order of a per-person
ranking (`Ranking`; /team/ reads a manager's chain by who needs attention first), two ways
with the same answer: walking the chain down (`below_in_order`), or reading the ranking in
order and walking each candidate up (`ranked_below`). `ChainPeople` in goals chooses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import connection, models
from django.db.models.expressions import RawSQL

from .models import Individual

_PEOPLE = Individual._meta.db_table

_CHAIN = (
    "WITH RECURSIVE chain(id) AS ("
    f" SELECT id FROM {_PEOPLE} WHERE manager_id = %s"
    f" UNION SELECT p.id FROM {_PEOPLE} p JOIN chain c ON p.manager_id = c.id"
    ")"
)
_BELOW = _CHAIN + " SELECT id FROM chain"
_SIZES = (
    _CHAIN + " SELECT (SELECT COUNT(*) FROM chain),"
    f" (SELECT COUNT(*) FROM {_PEOPLE} WHERE employer_id = %s)"
)
_ABOVE = (
    "WITH RECURSIVE up(id, manager_id) AS ("
    f" SELECT id, manager_id FROM {_PEOPLE} WHERE id = %s"
    f" UNION SELECT p.id, p.manager_id FROM {_PEOPLE} p JOIN up ON p.id = up.manager_id"
    ") SELECT id FROM up WHERE id <> %s"
)


def below_sql(manager_id: int) -> RawSQL:
    """Everyone below the manager at any depth, as a subquery: `id__in=below_sql(pk)`.

    Resolved by the database inside the outer query, so it costs no query of its own."""
    return RawSQL(_BELOW, (manager_id,))


def above_sql(person_id: int) -> RawSQL:
    """The person's manager, their manager, and so on, as a subquery."""
    return RawSQL(_ABOVE, (person_id, person_id))


def managers_above(person_id: int) -> list[int]:
    """Ids of everyone above the person, nearest first: one query for any depth."""
    with connection.cursor() as cursor:
        cursor.execute(_ABOVE, (person_id, person_id))
        return [row[0] for row in cursor.fetchall()]


def is_above(manager_id: int, person_id: int) -> bool:
    """Whether `manager_id` is somewhere above `person_id` in the reporting chain."""
    return manager_id in managers_above(person_id)


def in_same_line(a_id: int, b_id: int) -> bool:
    """Whether one of the two is above the other (a manager, skip-level, … or a report).

    Coaching and mentorship never pair two people in the same reporting line."""
    return a_id == b_id or is_above(a_id, b_id) or is_above(b_id, a_id)


def line_of(person_id: int) -> set[int]:
    """Everyone above the person and everyone below them (two queries): the people a
    coach or mentor of this person must never be."""
    above = set(managers_above(person_id))
    # Most people manage nobody. Asking first spares the walk down, which PostgreSQL plans
    # for a chain of thousands (its UNION's hash table sized so): 10-30 ms for no one.
    if not Individual.objects.filter(manager_id=person_id).exists():
        return above
    below = Individual.objects.filter(id__in=below_sql(person_id)).values_list("id", flat=True)
    return above | set(below)


def chain_sizes(manager_id: int, employer_id: int) -> tuple[int, int]:
    """How many people are below the manager, and how many the employer has: one query."""
    with connection.cursor() as cursor:
        cursor.execute(_SIZES, (manager_id, employer_id))
        below, everyone = cursor.fetchone()
    return below, everyone


# --- a chain in the order of a ranking ---------------------------------------------------------


@dataclass(frozen=True)
class Ranking:
    """An order to read people in: a model with one row per person (`person`, a one-to-one
    field to Individual, and an `employer` foreign key) and a nullable date (`on`), earliest
    first, then by person id; people without a row or a date come last. goals ranks a chain
    by `GoalRollup.attention_on`: who needs attention first."""

    model: type[models.Model]
    person: str
    on: str

    @property
    def columns(self) -> dict[str, str]:
        """The quoted table and column names the SQL templates take."""
        meta, quote = self.model._meta, connection.ops.quote_name

        def column(name: str) -> str:
            return quote(str(meta.get_field(name).column))

        return {
            "rank": quote(meta.db_table),
            "person": column(self.person),
            "on": column(self.on),
            "employer": column("employer"),
        }


# Templates of identifiers ({people}, {rank}, {person}, {on}, {employer}); every value is a %s.
_WALK = """
WITH RECURSIVE chain(id, shown) AS (
    SELECT id, (deactivated_at IS NULL AND kind = %s AND employer_id = %s)
    FROM {people} WHERE manager_id = %s
  UNION
    SELECT p.id, (p.deactivated_at IS NULL AND p.kind = %s AND p.employer_id = %s)
    FROM {people} p JOIN chain c ON p.manager_id = c.id
)
SELECT chain.id FROM chain LEFT JOIN {rank} r ON r.{person} = chain.id
WHERE chain.shown {and_before}
ORDER BY r.{on} IS NULL, r.{on}, chain.id
LIMIT %s OFFSET %s
"""
_SCAN = """
SELECT r.{person} FROM (
    SELECT {person}, {on} FROM {rank}
    WHERE {employer} = %s AND {on} IS NOT NULL {and_before}
    ORDER BY {on}, {person} LIMIT %s
) r
JOIN {people} o ON o.id = r.{person}
WHERE o.deactivated_at IS NULL AND o.kind = %s AND o.employer_id = %s
  AND EXISTS (
    WITH RECURSIVE up(id) AS (
        SELECT manager_id FROM {people} WHERE id = r.{person}
      UNION
        SELECT p.manager_id FROM {people} p JOIN up ON p.id = up.id
        WHERE p.manager_id IS NOT NULL
    )
    SELECT 1 FROM up WHERE id = %s
  )
ORDER BY r.{on}, r.{person}
LIMIT %s OFFSET %s
"""


@cache
def _ranked_sql(template: str, ranking: Ranking, before: bool) -> str:
    names = {"people": connection.ops.quote_name(_PEOPLE), **ranking.columns}
    prefix = "r." if template is _WALK else ""
    names["and_before"] = f"AND {prefix}{names['on']} < %s" if before else ""
    return template.format(**names)


def below_in_order(
    manager_id: int,
    *,
    employer_id: int,
    ranking: Ranking,
    window: slice,
    before: date | None = None,
) -> list[int]:
    """One page (`window`) of the active employees of the employer below the manager at any
    depth, in the ranking's order; with `before`, only those ranked on a date before it.
    Everyone else is walked through: a deactivated lead's reports stay in the chain.

    Walks the whole chain down, joins the ranking, sorts and slices: its cost grows with the
    chain (about 4 µs a person on PostgreSQL), whatever the page."""
    kind = Individual.Kind.EMPLOYEE.value
    params: list = [kind, employer_id, manager_id, kind, employer_id]
    if before is not None:
        params.append(before)
    params += [window.stop - window.start, window.start]
    with connection.cursor() as cursor:
        cursor.execute(_ranked_sql(_WALK, ranking, before is not None), params)
        return [row[0] for row in cursor.fetchall()]


def ranked_below(
    manager_id: int,
    *,
    employer_id: int,
    ranking: Ranking,
    window: slice,
    candidates: int,
    before: date | None = None,
) -> list[int] | None:
    """The same page as `below_in_order`, found the other way round: read the employer's
    ranking in order (ranked people only: those without a date are never candidates) and
    keep those whose manager chain, walked up, reaches the manager.

    Its cost follows how far down the ranking the page lies, not the size of the chain or
    the employer: a chain that is a fair share of the employer fills a page after a few
    dozen candidates. It reads at most `candidates` rows of the ranking and returns None
    when they do not fill the page (the last pages, where unranked people come); the
    caller then walks instead, so the answer is always `below_in_order`'s."""
    kind = Individual.Kind.EMPLOYEE.value
    params: list = [employer_id]
    if before is not None:
        params.append(before)
    size = window.stop - window.start
    params += [candidates, kind, employer_id, manager_id, size, window.start]
    with connection.cursor() as cursor:
        cursor.execute(_ranked_sql(_SCAN, ranking, before is not None), params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) == size else None


_ABOVE_MANY = (
    "WITH RECURSIVE up(origin, id) AS ("
    f" SELECT id, manager_id FROM {_PEOPLE} WHERE id IN ({{ids}}) AND manager_id IS NOT NULL"
    f" UNION SELECT up.origin, p.manager_id FROM {_PEOPLE} p JOIN up ON p.id = up.id"
    " WHERE p.manager_id IS NOT NULL"
    ") SELECT origin, id FROM up WHERE id <> origin"
)


def managers_above_each(person_ids) -> dict[int, set[int]]:
    """For many people at once, everyone above each of them: one query for any number.

    For a cohort (say mentorship matching), where calling `managers_above` per person would
    be a query each; `a` and `b` are in the same line when `a in above[b] or b in above[a]`."""
    ids = sorted({int(i) for i in person_ids})
    above: dict[int, set[int]] = {i: set() for i in ids}
    if not ids:
        return above
    with connection.cursor() as cursor:
        cursor.execute(_ABOVE_MANY.format(ids=", ".join(["%s"] * len(ids))), ids)
        for origin, manager_id in cursor.fetchall():
            above[origin].add(manager_id)
    return above
