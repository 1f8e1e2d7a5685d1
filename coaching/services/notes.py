"""Notes: shared (agenda, actions; the coach and the coachee) and the coach's private ones.

The audit trail records that a note was written or changed, never its text; no reminder is
published about a note.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careersupport.people.models import Individual
from careersupport.people.services import audit

from ..models import Engagement, Note, Session


@transaction.atomic
def note_create(
    *,
    engagement: Engagement,
    actor: Individual,
    text: str,
    visibility: str = Note.Visibility.SHARED,
    session: Session | None = None,
) -> Note:
    if actor.pk not in (engagement.coachee_id, engagement.coach_id):
        raise PermissionDenied("Only the coach and the coachee write notes.")
    if visibility == Note.Visibility.PRIVATE and actor.pk != engagement.coach_id:
        raise PermissionDenied("Private notes are the coach's.")
    if engagement.status == Engagement.Status.CANCELLED:
        raise ValidationError("This engagement was cancelled.")
    if session is not None and session.engagement_id != engagement.pk:
        raise ValidationError({"session": "Choose a session of this engagement."})
    note = Note(
        engagement=engagement,
        session=session,
        author=actor,
        visibility=visibility,
        text=text.strip(),
    )
    note.full_clean()
    note.save()
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.note_created",
        target=note,
        visibility=visibility,
    )
    return note


@transaction.atomic
def note_update(*, note: Note, actor: Individual, text: str) -> Note:
    note = Note.objects.select_for_update().get(pk=note.pk)
    if note.author_id != actor.pk:
        raise PermissionDenied("Only the author edits a note.")
    note.text = text.strip()
    note.full_clean()
    note.save(update_fields=["text", "updated_at"])
    audit(employer=note.engagement.employer, actor=actor, verb="coaching.note_updated", target=note)
    return note
