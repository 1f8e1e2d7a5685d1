"""Notes as a service: who writes which kind, and that nothing repeats their text."""

import pytest
from django.core.exceptions import PermissionDenied

from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from coaching import services
from coaching.models import Note

pytestmark = pytest.mark.django_db
SECRET = "Worried about the reorg; considering leaving in spring."


def test_the_coach_writes_private_and_shared_notes_and_the_coachee_shared_ones(engagement):
    services.note_create(
        engagement=engagement, actor=engagement.coach, text=SECRET, visibility="private"
    )
    services.note_create(engagement=engagement, actor=engagement.coach, text="Agenda: CV.")
    services.note_create(engagement=engagement, actor=engagement.coachee, text="Action: apply.")
    with pytest.raises(PermissionDenied):
        services.note_create(
            engagement=engagement, actor=engagement.coachee, text="x", visibility="private"
        )
    assert Note.objects.count() == 3


def test_strangers_write_no_notes(engagement, manager, hr_admin):
    for stranger in (manager, hr_admin):
        with pytest.raises(PermissionDenied):
            services.note_create(engagement=engagement, actor=stranger, text="x")


def test_only_the_author_edits_a_note(engagement):
    note = services.note_create(engagement=engagement, actor=engagement.coach, text="Agenda")
    with pytest.raises(PermissionDenied):
        services.note_update(note=note, actor=engagement.coachee, text="Changed")
    services.note_update(note=note, actor=engagement.coach, text="Agenda: CV and LinkedIn")
    assert Note.objects.get().text == "Agenda: CV and LinkedIn"


def test_audit_rows_and_reminders_never_carry_a_notes_text(engagement):
    note = services.note_create(
        engagement=engagement, actor=engagement.coach, text=SECRET, visibility="private"
    )
    services.note_update(note=note, actor=engagement.coach, text=SECRET + " Twice.")
    rows = AuditEvent.objects.filter(target_type="note")
    assert [r.verb for r in rows.order_by("created_at")] == [
        "coaching.note_created",
        "coaching.note_updated",
    ]
    assert all("reorg" not in str(r.data) for r in AuditEvent.objects.all())
    assert all("reorg" not in r.title + r.body for r in Reminder.objects.all())
    assert "reorg" not in str(note) and "reorg" not in repr(note)
