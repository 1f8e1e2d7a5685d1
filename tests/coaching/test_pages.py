"""Every coaching page for the roles that may open it (200) and those that may not (403 or
404, another employer 404), as one table per side."""

from datetime import timedelta

import pytest
from django.urls import reverse

from coaching import services
from coaching.models import Engagement
from tests.factories import CoachingSessionFactory, EngagementFactory, NoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(engagement, slot, hr_admin, peer):
    """An active engagement with a booked session and a note of each kind; a request to
    answer from the peer; a second coach."""
    session = services.session_book(engagement=engagement, actor=engagement.coachee, starts_at=slot)
    NoteFactory(engagement=engagement, text="Shared agenda")
    private = NoteFactory(engagement=engagement, text="Coach only", visibility="private")
    request = EngagementFactory(coachee=peer, coach=engagement.coach, status="requested")
    request.coach_asked_at = request.created_at
    request.save()
    other = EngagementFactory(coachee__employer=engagement.employer)
    return {
        "e": engagement.pk,
        "s": session.pk,
        "n": private.pk,
        "r": request.pk,
        "other_coach": other.coach,
        "profile": engagement.coach.coach_profile.pk,
    }


PARTY_PAGES = [
    ("coaching:engagement", "e"),
    ("coaching:session", "s"),
    ("coaching:session-ics", "s"),
    ("coaching:book", "e"),
    ("coaching:session-move", "s"),
    ("coaching:session-cancel", "s"),
    ("coaching:cancel", "e"),
]


@pytest.mark.parametrize(("name", "arg"), PARTY_PAGES)
@pytest.mark.parametrize("who", ["employee", "coach"])
def test_the_coachee_and_the_coach_open_their_engagements_pages(
    client_for, request, world, name, arg, who
):
    response = client_for(request.getfixturevalue(who)).get(reverse(name, args=[world[arg]]))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "arg"), PARTY_PAGES)
@pytest.mark.parametrize("who", ["manager", "hr_admin", "peer", "partner", "outsider", "mentor"])
def test_anyone_else_gets_404(client_for, request, world, name, arg, who):
    response = client_for(request.getfixturevalue(who)).get(reverse(name, args=[world[arg]]))
    assert response.status_code == 404


def test_another_coach_gets_404(client_for, world):
    client = client_for(world["other_coach"])
    for name, arg in PARTY_PAGES:
        assert client.get(reverse(name, args=[world[arg]])).status_code == 404, name


@pytest.mark.parametrize(
    ("name", "arg", "who", "status"),
    [
        ("coaching:answer", "r", "coach", 200),
        ("coaching:answer", "r", "peer", 403),
        ("coaching:complete", "e", "coach", 200),
        ("coaching:complete", "e", "employee", 403),
        ("coaching:review", "e", "employee", 200),
        ("coaching:review", "e", "coach", 403),
        ("coaching:suggestions", "e", "coach", 403),
        ("coaching:note-edit", "n", "coach", 200),
        ("coaching:note-edit", "n", "employee", 404),
    ],
)
def test_each_side_opens_only_its_own_actions(client_for, request, world, name, arg, who, status):
    response = client_for(request.getfixturevalue(who)).get(reverse(name, args=[world[arg]]))
    assert response.status_code == status


COACH_PAGES = [
    "coaching:coach",
    "coaching:coach-calendar",
    "coaching:availability",
    "coaching:coach-profile",
]
HR_PAGES = [
    "coaching:manage",
    "coaching:manage-invite",
    "coaching:manage-add",
    "coaching:manage-waiting",
    "coaching:manage-engagements",
    "coaching:manage-engagements-csv",
    "coaching:manage-feedback",
    "coaching:manage-invitations",
    "coaching:manage-settings",
]


@pytest.mark.parametrize("name", COACH_PAGES)
def test_coach_pages_are_for_coaches(client_for, world, coach, employee, hr_admin, name):
    assert client_for(coach).get(reverse(name)).status_code == 200
    assert client_for(employee).get(reverse(name)).status_code == 403
    assert client_for(hr_admin).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", HR_PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [("hr_admin", 200), ("outsider_hr", 200), ("employee", 403), ("coach", 403), ("manager", 403)],
)
def test_hr_pages_are_for_hr(client_for, request, world, name, who, status):
    assert client_for(request.getfixturevalue(who)).get(reverse(name)).status_code == status


def test_hr_of_another_employer_sees_none_of_ours(client_for, world, outsider_hr, coach):
    client = client_for(outsider_hr)
    assert coach.last_name not in client.get(reverse("coaching:manage")).text
    assert coach.last_name not in client.get(reverse("coaching:manage-engagements")).text
    for name, arg in [("coaching:manage-coach", "profile"), ("coaching:manage-assign", "r")]:
        assert client.get(reverse(name, args=[world[arg]])).status_code == 404


def test_my_coaching_shows_the_engagement_or_the_way_in(client_for, world, employee, partner):
    assert "Shared agenda" in client_for(employee).get(reverse("coaching:home")).text
    response = client_for(partner).get(reverse("coaching:home"))
    assert response.status_code == 200 and "Ask for a coach" in response.text


def test_the_intake_is_for_employees_and_partners(client_for, coach, partner):
    assert client_for(coach).get(reverse("coaching:intake")).status_code == 403
    assert client_for(partner).get(reverse("coaching:intake")).status_code == 200


def test_sign_in_is_required(client, world):
    for name in ["coaching:home", "coaching:coach", "coaching:manage"]:
        assert client.get(reverse(name)).status_code == 302


def test_a_coachee_sees_the_notice_rule_instead_of_buttons_close_to_the_session(
    client_for, employee, engagement
):
    soon = CoachingSessionFactory(engagement=engagement, starts_at=_in_hours(5))
    response = client_for(employee).get(reverse("coaching:session", args=[soon.pk]))
    assert "only your coach can move or cancel it" in response.text
    assert reverse("coaching:session-move", args=[soon.pk]) not in response.text


def _in_hours(hours):
    from django.utils import timezone

    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


def test_the_engagement_page_shows_the_coach_private_notes_and_the_coachee_not(
    client_for, world, employee, coach
):
    assert (
        "Coach only"
        in client_for(coach).get(reverse("coaching:engagement", args=[world["e"]])).text
    )
    seen = client_for(employee).get(reverse("coaching:engagement", args=[world["e"]])).text
    assert "Shared agenda" in seen and "Coach only" not in seen


def test_a_finished_engagement_stays_readable_by_the_pair(client_for, world, engagement, coach):
    services.engagement_complete(engagement=engagement, actor=coach)
    assert Engagement.objects.get(pk=world["e"]).status == "completed"
    for who in (engagement.coachee, coach):
        response = client_for(who).get(reverse("coaching:engagement", args=[world["e"]]))
        assert response.status_code == 200 and "Shared agenda" in response.text
