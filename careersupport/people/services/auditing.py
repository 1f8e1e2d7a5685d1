"""`audit`: the row of the audit trail (`AuditEvent`) that writes in every app leave."""

from __future__ import annotations

from ..models import AuditEvent, Employer, Individual


def audit(*, employer: Employer, actor: Individual | None, verb: str, target, **data) -> None:
    AuditEvent.objects.create(
        employer=employer,
        actor=actor,
        verb=verb,
        target_type=target._meta.model_name,
        target_id=target.pk,
        data=data,
    )
