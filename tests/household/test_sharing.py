"""Each toggle hides exactly its part: goals follow goal sharing, the job search and the
programmes each side's own toggle; a confidential programme never shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from careersupport.household import services
from careersupport.jobsearch.models import Application
from careersupport.people.models import AuditEvent
from programs.models import Offering
from tests.factories import EnrollmentFactory, GoalFactory, OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_things(partner, partnership):
    partnership.partner_shares_goals = True
    partnership.save()
    GoalFactory(owner=partner, shared_with_partner=True, title="Reach B2 German")
    Application.objects.create(
        employer=partner.employer,
        owner=partner,
        organisation="Initech",
        role="Designer",
        stage="interviewing",
        next_step="Second interview",
        next_step_on=timezone.localdate() + timedelta(days=3),
    )
    workshop = OfferingFactory(employer=partner.employer, title="CV workshop", for_partners=True)
    EnrollmentFactory(offering=workshop, person=partner)
    eap = OfferingFactory(
        employer=partner.employer,
        title="Counselling line",
        kind=Offering.Kind.EAP,
        is_confidential=True,
        for_partners=True,
    )
    EnrollmentFactory(offering=eap, person=partner)


def _page(client_for, viewer, household, page_url) -> str:
    return client_for(viewer).get(page_url(household)).content.decode()


def _show(partnership, person, *, jobsearch: bool, programmes: bool) -> None:
    services.household_set_sharing(
        partnership=partnership,
        actor=person,
        shows_jobsearch=jobsearch,
        shows_programmes=programmes,
    )


def test_nothing_but_goals_shows_until_a_side_turns_it_on(
    open_household, partner_things, employee, client_for, page_url
):
    body = _page(client_for, employee, open_household, page_url)
    assert "Reach B2 German" in body
    assert "Second interview" not in body
    assert "CV workshop" not in body


def test_the_job_search_toggle_shows_counts_and_next_steps_only(
    open_household, partnership, partner, partner_things, employee, client_for, page_url
):
    _show(partnership, partner, jobsearch=True, programmes=False)
    body = _page(client_for, employee, open_household, page_url)
    assert "1 application: 1 interviewing" in body
    assert "Second interview" in body
    assert "CV workshop" not in body


def test_the_programmes_toggle_shows_programmes_only(
    open_household, partnership, partner, partner_things, employee, client_for, page_url
):
    _show(partnership, partner, jobsearch=False, programmes=True)
    body = _page(client_for, employee, open_household, page_url)
    assert "CV workshop" in body
    assert "Second interview" not in body


def test_a_confidential_programme_never_shows(
    open_household, partnership, partner, partner_things, employee, client_for, page_url
):
    _show(partnership, partner, jobsearch=True, programmes=True)
    assert "Counselling line" not in _page(client_for, employee, open_household, page_url)


def test_goals_follow_goal_sharing(
    open_household, partnership, partner_things, employee, client_for, page_url
):
    partnership.partner_shares_goals = False
    partnership.save()
    body = _page(client_for, employee, open_household, page_url)
    assert "Reach B2 German" not in body
    assert "does not share goals" in body


def test_unshared_and_draft_goals_never_show(
    open_household, partnership, partner, partner_things, employee, client_for, page_url
):
    GoalFactory(owner=partner, shared_with_partner=False, title="Private goal")
    GoalFactory(owner=partner, shared_with_partner=True, status="draft", title="Draft goal")
    body = _page(client_for, employee, open_household, page_url)
    assert "Private goal" not in body
    assert "Draft goal" not in body


def test_one_sides_toggle_leaves_the_others_alone(open_household, partnership, employee, partner):
    _show(partnership, partner, jobsearch=True, programmes=True)
    open_household.refresh_from_db()
    assert open_household.shows_jobsearch(partner) and open_household.shows_programmes(partner)
    assert not open_household.shows_jobsearch(employee)
    assert not open_household.shows_programmes(employee)


def test_the_toggles_are_saved_through_the_settings_page(partnership, partner, client_for):
    response = client_for(partner).post("/household/sharing/", {"shows_jobsearch": "on"})
    assert response.status_code == 302
    household = partnership.household
    assert household.shows_jobsearch(partner) and not household.shows_programmes(partner)
    assert AuditEvent.objects.filter(verb="household.sharing", actor=partner).exists()


def test_the_other_sides_goal_links_to_a_page_goal_sharing_lets_them_open(
    open_household, partner_things, employee, partner, client_for, page_url
):
    goal = partner.goals.get()
    assert f'href="{goal.get_absolute_url()}"' in _page(
        client_for, employee, open_household, page_url
    )
    assert client_for(employee).get(goal.get_absolute_url()).status_code == 200
