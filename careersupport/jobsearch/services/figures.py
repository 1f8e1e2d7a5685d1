"""Storing HR's job-search figures (`figures.compute`) for the page to read in one query."""

from __future__ import annotations

from django.db import connection, transaction

from careersupport.people.models import Employer

from .. import figures
from ..models import FiguresRollup


@transaction.atomic
def figures_refresh(*, employer: Employer | int) -> FiguresRollup:
    """Count the employer's figures again and store them (a system job: no actor, no
    audit row; nothing is written that a person did)."""
    if connection.vendor == "postgresql":
        # The counting queries are one-off and large: compiling them (JIT) costs more
        # than running them.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    employer_id = employer if isinstance(employer, int) else employer.pk
    counted = figures.compute(employer_id)
    rollup, _ = FiguresRollup.objects.update_or_create(
        employer_id=employer_id,
        defaults={"computed_at": counted.computed_at, **figures.as_json(counted)},
    )
    return rollup


def figures_refresh_all() -> int:
    """Every employer's figures, each in its own transaction; how many were refreshed."""
    ids = list(Employer.objects.values_list("pk", flat=True))
    for employer_id in ids:
        figures_refresh(employer=employer_id)
    return len(ids)
