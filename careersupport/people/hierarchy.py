"""The reporting tree: who is below or above whom. The one module that walks it.

Every rule that depends on the org chart (a manager sees their chain's goals; nobody is
coached or mentored by someone in their own reporting line; HR cannot make a loop) asks
here. Each walk is one recursive query whatever the depth, on SQLite and PostgreSQL, with
its values passed as query parameters. `UNION` (not `UNION ALL`) ends a walk that meets a
cycle in bad data instead of looping for ever.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Individual

_PEOPLE = Individual._meta.db_table

_BELOW = (
    "WITH RECURSIVE chain(id) AS ("
    f" SELECT id FROM {_PEOPLE} WHERE manager_id = %s"
    f" UNION SELECT p.id FROM {_PEOPLE} p JOIN chain c ON p.manager_id = c.id"
    ") SELECT id FROM chain"
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
