"""Notes stay between the coach and the coachee: page by page, and never in the admin, a
CSV, HR's pages, the audit trail, a reminder or a calendar."""

import pytest
from django.urls import reverse

from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from coaching import services
from coaching.models import Note
from programs.services.events import calendar_feed_for

pytestmark = pytest.mark.django_db
SHARED = "Agenda: rehearse the salary conversation"
PRIVATE = "Seems anxious about the manager; explore next time"


@pytest.fixture
def notes(engagement, slot):
    session = services.session_book(engagement=engagement, actor=engagement.coachee, starts_at=slot)
    services.note_create(
        engagement=engagement, actor=engagement.coach, text=SHARED, session=session
    )
    services.note_create(
        engagement=engagement,
        actor=engagement.coach,
        text=PRIVATE,
        visibility="private",
        session=session,
    )
    return session


def pages(engagement, session):
    return [
        engagement.get_absolute_url(),
        session.get_absolute_url(),
        reverse("coaching:home"),
        reverse("coaching:coach"),
        reverse("coaching:coach-calendar"),
    ]


def texts(client, urls):
    return " ".join(client.get(url).content.decode() for url in urls)


def test_the_coach_reads_both_kinds(client_for, engagement, notes):
    seen = texts(client_for(engagement.coach), pages(engagement, notes)[:2])
    assert SHARED in seen and PRIVATE in seen


def test_the_coachee_reads_shared_notes_only(client_for, engagement, notes):
    seen = texts(client_for(engagement.coachee), pages(engagement, notes))
    assert SHARED in seen and PRIVATE not in seen


@pytest.mark.parametrize("who", ["manager", "hr_admin", "peer", "outsider", "outsider_hr"])
def test_nobody_else_reads_either(client_for, request, engagement, notes, who):
    client = client_for(request.getfixturevalue(who))
    urls = pages(engagement, notes) + [
        reverse(name)
        for name in (
            "coaching:manage",
            "coaching:manage-engagements",
            "coaching:manage-waiting",
            "coaching:manage-feedback",
            "coaching:manage-engagements-csv",
            "goals:goal-list",
            "team:overview",
            "notifications:inbox",
        )
    ]
    seen = texts(client, urls)
    assert "rehearse the salary" not in seen and "anxious" not in seen


def test_another_coach_reads_neither(client_for, engagement, notes, employer):
    from tests.factories import CoachProfileFactory

    other = CoachProfileFactory(individual__employer=employer).individual
    seen = texts(client_for(other), pages(engagement, notes))
    assert "rehearse the salary" not in seen and "anxious" not in seen


def test_the_admin_lists_notes_without_their_text(admin_client, notes):
    changelist = admin_client.get(reverse("admin:coaching_note_changelist")).text
    change = admin_client.get(
        reverse("admin:coaching_note_change", args=[Note.objects.first().pk])
    ).text
    for page in (changelist, change):
        assert "rehearse the salary" not in page and "anxious" not in page
    assert (
        admin_client.get(reverse("admin:coaching_note_changelist"), {"q": "anxious"}).status_code
        == 200
    )


def test_no_audit_row_reminder_or_calendar_repeats_a_note(client_for, engagement, notes):
    data = " ".join(str(e.data) for e in AuditEvent.objects.all())
    reminders = " ".join(r.title + r.body for r in Reminder.objects.all())
    feed = (
        client_for(engagement.coachee)
        .get(calendar_feed_for(engagement.coachee).get_absolute_url())
        .content.decode()
    )
    ics = (
        client_for(engagement.coach)
        .get(reverse("coaching:session-ics", args=[notes.pk]))
        .content.decode()
    )
    for text in (data, reminders, feed, ics):
        assert "rehearse the salary" not in text and "anxious" not in text
    assert "Coaching session with" in feed and "Coaching session with" in ics
