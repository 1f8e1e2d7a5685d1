"""Who may open the household pages: the two partners of an active partnership, nobody else
(404, so that not even the page's existence shows)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careersupport.household.models import FinancialPlan
from tests.factories import HouseholdFactory, IndividualFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

STRANGERS = ["hr_admin", "manager", "peer", "coach", "outsider", "outsider_hr"]
PAGES = ["household:page", "household:plan-edit"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("side", ["employee", "partner"])
def test_each_partner_opens_the_open_page(open_household, side, page, request, client_for):
    person = request.getfixturevalue(side)
    response = client_for(person).get(reverse(page, args=[open_household.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", STRANGERS)
def test_everyone_else_gets_404(open_household, role, page, request, client_for):
    person = request.getfixturevalue(role)
    response = client_for(person).get(reverse(page, args=[open_household.pk]))
    assert response.status_code == 404


def test_a_stranger_cannot_write_the_plan(open_household, manager, client_for):
    url = reverse("household:plan-edit", args=[open_household.pk])
    data = {"currency": "EUR", "monthly_costs": "1", "savings": "1", "monthly_income": "0"}
    assert client_for(manager).post(url, data).status_code == 404
    assert not FinancialPlan.objects.exists()


def test_a_partner_of_another_household_gets_404(open_household, employer, client_for):
    theirs = HouseholdFactory(partnership=PartnershipFactory(employee__employer=employer))
    other_partner = theirs.partnership.partner
    url = reverse("household:page", args=[open_household.pk])
    assert client_for(other_partner).get(url).status_code == 404


@pytest.mark.parametrize("role", STRANGERS)
def test_the_settings_need_an_active_partnership(role, request, client_for, open_household):
    person = request.getfixturevalue(role)
    for name in ("household:settings", "household:withdraw"):
        assert client_for(person).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("side", ["employee", "partner"])
def test_each_partner_opens_the_settings(side, request, client_for, partnership):
    person = request.getfixturevalue(side)
    assert client_for(person).get(reverse("household:settings")).status_code == 200


def test_the_manager_and_hr_see_no_sign_of_it_at_home(
    open_household, manager, hr_admin, client_for
):
    for person in (manager, hr_admin):
        body = client_for(person).get("/").content.decode()
        assert "Household page" not in body


def test_an_employee_without_a_partner_has_no_card(employer, client_for):
    alone = IndividualFactory(employer=employer)
    assert "Household page" not in client_for(alone).get("/").content.decode()
