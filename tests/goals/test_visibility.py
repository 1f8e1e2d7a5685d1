"""The visibility matrix: who sees a goal page, its check-in form, its review form and /team/."""

import pytest
from django.urls import reverse

from careersupport.goals.models import CheckIn
from tests.factories import GoalFactory, GoalLinkFactory

pytestmark = pytest.mark.django_db

SEES = 200
NOT_FOUND = 404


def _share_with_partner(goal, employee, partner, *, consent: bool):
    goal.shared_with_partner = True
    goal.save()
    employee.partnerships_as_employee.update(employee_shares_goals=consent)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", SEES),
        ("manager", SEES),
        ("skip_manager", SEES),
        ("peer", NOT_FOUND),
        ("partner", NOT_FOUND),  # no link, not shared with the partner
        ("coach", NOT_FOUND),  # no link
        ("mentor", NOT_FOUND),
        ("hr_admin", NOT_FOUND),
        ("outsider", NOT_FOUND),
        ("outsider_hr", NOT_FOUND),
    ],
)
def test_goal_page_visibility(client_for, request, goal, persona, expected):
    person = request.getfixturevalue(persona)
    response = client_for(person).get(goal.get_absolute_url())
    assert response.status_code == expected
    if expected == SEES:
        assert goal.title in response.text


@pytest.mark.parametrize("persona", ["manager", "skip_manager", "partner", "coach", "hr_admin"])
def test_private_goal_is_seen_by_its_owner_only(client_for, request, employee, persona):
    private = GoalFactory(owner=employee, shared_with_manager=False, shared_with_partner=False)
    person = request.getfixturevalue(persona)
    assert client_for(person).get(private.get_absolute_url()).status_code == 404
    assert client_for(employee).get(private.get_absolute_url()).status_code == 200


def test_draft_goal_is_not_shown_to_managers(client_for, employee, manager):
    draft = GoalFactory(owner=employee, status="draft")
    assert client_for(manager).get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("consent", "expected"), [(True, SEES), (False, NOT_FOUND)])
def test_partner_sees_a_shared_goal_only_with_consent(
    client_for, goal, employee, partner, consent, expected
):
    _share_with_partner(goal, employee, partner, consent=consent)
    assert client_for(partner).get(goal.get_absolute_url()).status_code == expected
    listed = goal.title in client_for(partner).get(reverse("goals:goal-list")).text
    assert listed is (expected == SEES)


def test_partner_consent_does_not_open_goals_not_marked_for_the_partner(
    client_for, goal, employee, partner
):
    employee.partnerships_as_employee.update(employee_shares_goals=True)
    assert client_for(partner).get(goal.get_absolute_url()).status_code == 404


def test_ended_partnership_hides_shared_goals(client_for, goal, employee, partner):
    _share_with_partner(goal, employee, partner, consent=True)
    employee.partnerships_as_employee.update(status="ended")
    assert client_for(partner).get(goal.get_absolute_url()).status_code == 404


def test_employee_sees_partners_goal_when_partner_consents(client_for, employee, partner):
    theirs = GoalFactory(owner=partner, shared_with_manager=False, shared_with_partner=True)
    assert client_for(employee).get(theirs.get_absolute_url()).status_code == 404
    partner.partnerships_as_partner.update(partner_shares_goals=True)
    assert client_for(employee).get(theirs.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["coach", "mentor"])
def test_linked_coach_or_mentor_sees_the_goal_while_the_link_is_active(
    client_for, request, goal, persona
):
    person = request.getfixturevalue(persona)
    link = GoalLinkFactory(
        goal=goal, individual=person, kind="coaching" if persona == "coach" else "mentorship"
    )
    assert client_for(person).get(goal.get_absolute_url()).status_code == 200
    assert goal.title in client_for(person).get(reverse("goals:goal-list")).text
    link.ended_at = link.created_at
    link.save()
    assert client_for(person).get(goal.get_absolute_url()).status_code == 404


def test_link_opens_a_private_goal_to_that_coach_only(client_for, employee, coach, mentor):
    private = GoalFactory(owner=employee, shared_with_manager=False)
    GoalLinkFactory(goal=private, individual=coach)
    assert client_for(coach).get(private.get_absolute_url()).status_code == 200
    assert client_for(mentor).get(private.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_login(client, goal):
    response = client.get(goal.get_absolute_url())
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- check-ins --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", SEES),
        ("manager", SEES),  # may open it, but saving is refused (test_checkin)
        ("peer", NOT_FOUND),
        ("partner", NOT_FOUND),
        ("coach", NOT_FOUND),
        ("hr_admin", NOT_FOUND),
        ("outsider", NOT_FOUND),
    ],
)
def test_checkin_form_visibility(client_for, request, goal, persona, expected):
    person = request.getfixturevalue(persona)
    url = reverse("goals:checkin-create", args=[goal.pk])
    assert client_for(person).get(url).status_code == expected


@pytest.mark.parametrize("persona", ["peer", "outsider", "hr_admin", "coach"])
def test_strangers_cannot_post_a_checkin(client_for, request, goal, persona):
    person = request.getfixturevalue(persona)
    url = reverse("goals:checkin-create", args=[goal.pk])
    assert client_for(person).post(url, {"progress": 50}).status_code == 404
    assert not CheckIn.objects.exists()


# --- reviews ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("manager", SEES),
        ("skip_manager", SEES),
        ("employee", 403),
        ("peer", NOT_FOUND),
        ("hr_admin", NOT_FOUND),
        ("outsider", NOT_FOUND),
    ],
)
def test_review_form_visibility(client_for, request, goal, persona, expected):
    person = request.getfixturevalue(persona)
    url = reverse("goals:review-create", args=[goal.pk])
    assert client_for(person).get(url).status_code == expected


@pytest.mark.parametrize("persona", ["partner", "coach"])
def test_readers_who_are_not_managers_cannot_review(client_for, request, goal, employee, persona):
    person = request.getfixturevalue(persona)
    if persona == "partner":
        _share_with_partner(goal, employee, person, consent=True)
    else:
        GoalLinkFactory(goal=goal, individual=person)
    url = reverse("goals:review-create", args=[goal.pk])
    assert client_for(person).get(url).status_code == 403


def test_reviews_are_hidden_from_partner_and_coach(client_for, goal, employee, partner):
    from tests.factories import GoalReviewFactory

    GoalReviewFactory(goal=goal, comments="Confidential feedback")
    _share_with_partner(goal, employee, partner, consent=True)
    response = client_for(partner).get(goal.get_absolute_url())
    assert response.status_code == 200
    assert "Confidential feedback" not in response.text
    assert "Confidential feedback" in client_for(employee).get(goal.get_absolute_url()).text


# --- /team/ -----------------------------------------------------------------------------------

TEAM = reverse("team:overview")


@pytest.mark.parametrize(
    "persona", ["employee", "peer", "partner", "coach", "hr_admin", "outsider"]
)
def test_team_refuses_people_without_reports(client_for, request, goal, persona):
    person = request.getfixturevalue(persona)
    assert client_for(person).get(TEAM).status_code == 403


def test_team_shows_my_reports_shared_goals_but_never_private_ones(
    client_for, manager, employee, goal
):
    private = GoalFactory(owner=employee, shared_with_manager=False, title="Secret plan")
    response = client_for(manager).get(TEAM)
    assert goal.title in response.text
    assert private.title not in response.text


def test_skip_level_sees_the_chain_only_with_the_switch(client_for, skip_manager, goal):
    client = client_for(skip_manager)
    assert goal.title not in client.get(TEAM).text
    assert goal.title in client.get(TEAM, {"scope": "chain"}).text


def test_team_never_shows_a_reports_partner(client_for, manager, employee, partner):
    theirs = GoalFactory(owner=partner, shared_with_partner=True, title="Partner job search")
    employee.partnerships_as_employee.update(employee_shares_goals=True, partner_shares_goals=True)
    response = client_for(manager).get(TEAM, {"scope": "chain"})
    assert theirs.title not in response.text
    assert partner.full_name not in response.text


def test_team_is_scoped_to_my_chain(client_for, manager, outsider):
    GoalFactory(owner=outsider, title="Elsewhere")
    assert "Elsewhere" not in client_for(manager).get(TEAM, {"scope": "chain"}).text
