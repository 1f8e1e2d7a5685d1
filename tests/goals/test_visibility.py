"""The visibility matrix: who sees a goal page, its check-in form, its review form and /team/."""

import pytest
from django.urls import reverse

from careersupport.goals.models import CheckIn
from tests.factories import GoalFactory, GoalLinkFactory, IndividualFactory

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


# --- the whole matrix: every role against goal pages, check-ins, reviews and /team/ ------------
#
# Roles as the issue lists them. `partner_*` are the employee's partner with the goal marked
# "share with my partner", with and without the employee's consent in the partnership;
# `*_linked` hold an active coaching or mentorship link to the goal.

ROLES = [
    "employee",
    "manager",
    "skip_manager",
    "peer",
    "partner_with_consent",
    "partner_without_consent",
    "coach_linked",
    "mentor_linked",
    "hr_admin",
    "outsider",
    "outsider_hr",
]
OWNER, MANAGERS = {"employee"}, {"manager", "skip_manager"}
READERS = OWNER | MANAGERS | {"partner_with_consent", "coach_linked", "mentor_linked"}


@pytest.fixture
def as_role(request, goal, employee):
    """The person playing `role` for the employee's goal, with what that role needs set up."""

    def make(role: str):
        if role.startswith("partner_"):
            partner = request.getfixturevalue("partner")
            _share_with_partner(goal, employee, partner, consent=role.endswith("with_consent"))
            return partner
        if role.endswith("_linked"):
            person = request.getfixturevalue(role.removesuffix("_linked"))
            kind = "coaching" if role.startswith("coach") else "mentorship"
            GoalLinkFactory(goal=goal, individual=person, kind=kind)
            return person
        return request.getfixturevalue(role)

    return make


@pytest.mark.parametrize("role", ROLES)
def test_matrix_goal_page_and_its_checkin_history(client_for, as_role, goal, role):
    from tests.factories import CheckInFactory

    CheckInFactory(goal=goal, went_well="Demoed the new flow")
    response = client_for(as_role(role)).get(goal.get_absolute_url())
    assert response.status_code == (SEES if role in READERS else NOT_FOUND)
    assert ("Demoed the new flow" in response.text) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_checkin_form(client_for, as_role, goal, role):
    url = reverse("goals:checkin-create", args=[goal.pk])
    client = client_for(as_role(role))
    assert client.get(url).status_code == (SEES if role in READERS else NOT_FOUND)
    response = client.post(url, {"progress": 50, "went_well": "Did it"})
    if role in OWNER:
        assert response.status_code == 302 and CheckIn.objects.count() == 1
    elif role in READERS:  # may read the goal: told on the form, nothing saved
        assert response.status_code == 400
        assert "can record a check-in on this goal" in response.text
        assert not CheckIn.objects.exists()
    else:
        assert response.status_code == NOT_FOUND and not CheckIn.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_matrix_review_form(client_for, as_role, goal, role):
    from careersupport.goals.models import GoalReview

    url = reverse("goals:review-create", args=[goal.pk])
    client = client_for(as_role(role))
    expected = SEES if role in MANAGERS else 403 if role in READERS else NOT_FOUND
    assert client.get(url).status_code == expected
    response = client.post(url, {"rating": "at_risk", "comments": "Scope grew."})
    assert response.status_code == (302 if role in MANAGERS else expected)
    assert GoalReview.objects.exists() is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_reviews_are_read_by_owner_and_managers_and_answered_by_the_owner(
    client_for, as_role, goal, role
):
    from tests.factories import GoalReviewFactory

    review = GoalReviewFactory(goal=goal, comments="Confidential feedback")
    client = client_for(as_role(role))
    page = client.get(goal.get_absolute_url()).text
    assert ("Confidential feedback" in page) is (role in OWNER | MANAGERS)
    reply = client.post(reverse("goals:review-reply", args=[goal.pk, review.pk]), {"reply": "Hi"})
    expected = 302 if role in OWNER else 403 if role in READERS else NOT_FOUND
    assert reply.status_code == expected
    review.refresh_from_db()
    assert (review.reply == "Hi") is (role in OWNER)


TEAM = reverse("team:overview")


@pytest.mark.parametrize("role", ROLES)
def test_matrix_team_page(client_for, as_role, goal, role):
    client = client_for(as_role(role))
    direct, chain = client.get(TEAM), client.get(TEAM, {"scope": "chain"})
    if role not in MANAGERS:
        assert (direct.status_code, chain.status_code) == (403, 403)  # nobody reports to them
        return
    assert goal.title in chain.text
    assert (goal.title in direct.text) is (role == "manager")


@pytest.mark.parametrize(
    "role", ["peer", "hr_admin", "mentor_linked", "partner_with_consent", "outsider", "outsider_hr"]
)
def test_matrix_team_page_of_other_managers_never_shows_the_goal(client_for, as_role, goal, role):
    person = as_role(role)
    if not person.is_employee:
        # A partner can have no reports; the page is refused whatever their consent.
        assert client_for(person).get(TEAM).status_code == 403
        return
    own = GoalFactory(owner=IndividualFactory(employer=person.employer, manager=person))
    text = client_for(person).get(TEAM, {"scope": "chain"}).text
    assert own.title in text and goal.title not in text


def test_team_shows_my_reports_shared_goals_but_never_private_ones(
    client_for, manager, employee, goal
):
    private = GoalFactory(owner=employee, shared_with_manager=False, title="Secret plan")
    response = client_for(manager).get(TEAM)
    assert goal.title in response.text
    assert private.title not in response.text


def test_team_never_shows_a_reports_partner(client_for, manager, employee, partner):
    theirs = GoalFactory(owner=partner, shared_with_partner=True, title="Partner job search")
    employee.partnerships_as_employee.update(employee_shares_goals=True, partner_shares_goals=True)
    response = client_for(manager).get(TEAM, {"scope": "chain"})
    assert theirs.title not in response.text
    assert partner.full_name not in response.text


def test_anonymous_is_sent_to_login_from_team(client):
    response = client.get(TEAM)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_an_hr_admin_who_is_the_owners_manager_sees_it_as_the_manager(
    client_for, employer, hr_admin
):
    report = IndividualFactory(employer=employer, manager=hr_admin)
    goal = GoalFactory(owner=report, title="Move into people analytics")
    assert client_for(hr_admin).get(goal.get_absolute_url()).status_code == 200
    assert goal.title in client_for(hr_admin).get(TEAM).text
    assert goal.title not in client_for(hr_admin).get(reverse("goals:hr-summary")).text


def test_a_reports_partner_goal_is_never_seen_by_the_manager(
    client_for, manager, employee, partner
):
    employee.partnerships_as_employee.update(partner_shares_goals=True)
    theirs = GoalFactory(owner=partner, shared_with_partner=True, shared_with_manager=True)
    assert client_for(employee).get(theirs.get_absolute_url()).status_code == 200
    assert client_for(manager).get(theirs.get_absolute_url()).status_code == 404
