"""What other apps read of a person's job search. The household page reads these two, and
only after checking that the owner shares their search with the viewer."""

from __future__ import annotations

from django.db.models import Count

from careersupport.people.models import Individual

from .models import Application


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
