"""The financial plan: written by either partner while the page is open, validated beside
its fields, with the employer's salary advance and reimbursement as what-ifs and a link to
an EAP's financial counselling."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careersupport.household import services
from careersupport.household.models import FinancialPlan
from careersupport.people.models import AuditEvent
from programs.models import Offering
from tests.factories import FinancialKindFactory, FinancialPlanFactory, OfferingFactory

pytestmark = pytest.mark.django_db

GOOD = {"currency": "eur", "monthly_costs": "3200", "savings": "6000", "monthly_income": "2400"}


def _plan_url(household) -> str:
    return reverse("household:plan-edit", args=[household.pk])


def test_either_partner_saves_the_plan(open_household, partner, client_for, page_url):
    response = client_for(partner).post(_plan_url(open_household), GOOD)
    assert response["Location"] == page_url(open_household)
    plan = FinancialPlan.objects.get(household=open_household)
    assert (plan.currency, plan.monthly_costs, plan.updated_by) == (
        "EUR",
        Decimal("3200.00"),
        partner,
    )


def test_the_page_shows_the_runway(open_household, employee, client_for, page_url):
    FinancialPlanFactory(household=open_household)
    body = client_for(employee).get(page_url(open_household)).content.decode()
    assert "5 months" in body
    assert "EUR 1,000.00 a month from savings" in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("monthly_costs", "-5", "greater than or equal to 0"),
        ("savings", "abc", "Enter a number."),
        ("monthly_income", "1.234", "no more than 2 decimal places"),
        ("savings", "99999999999", "no more than 10 digits before the decimal point"),
        ("currency", "E1R", "three-letter currency code"),
        ("currency", "", "This field is required."),
    ],
)
def test_bad_input_is_400_with_the_message_beside_the_field(
    open_household, partner, client_for, field, value, message
):
    response = client_for(partner).post(_plan_url(open_household), {**GOOD, field: value})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not FinancialPlan.objects.exists()


def test_no_plan_is_written_while_the_page_is_closed(partnership, employee, partner, client_for):
    household = services.household_open(partnership=partnership, actor=partner)
    response = client_for(partner).post(_plan_url(household), GOOD)
    assert "household page is closed" in response.content.decode()
    assert not FinancialPlan.objects.exists()
    with pytest.raises(ValidationError):
        services.financial_plan_save(
            household=household,
            actor=partner,
            currency="EUR",
            monthly_costs=Decimal(1),
            savings=Decimal(1),
            monthly_income=Decimal(0),
        )


def test_a_withdrawal_hides_the_plan_and_keeps_it(
    open_household, partnership, employee, partner, client_for, page_url
):
    FinancialPlanFactory(household=open_household)
    services.household_withdraw(partnership=partnership, actor=employee)
    assert "EUR 3,000.00" not in client_for(partner).get(page_url(open_household)).content.decode()
    services.household_open(partnership=partnership, actor=employee)
    services.household_open(partnership=partnership, actor=partner)
    assert "EUR 3,000.00" in client_for(partner).get(page_url(open_household)).content.decode()


def test_a_withdrawal_may_delete_the_plan(open_household, partner, client_for):
    FinancialPlanFactory(household=open_household)
    client_for(partner).post("/household/withdraw/", {"delete_plan": "on"})
    assert not FinancialPlan.objects.exists()
    assert AuditEvent.objects.filter(verb="household.plan_deleted", actor=partner).exists()


def test_the_audit_trail_keeps_no_figure(open_household, partner):
    services.financial_plan_save(
        household=open_household,
        actor=partner,
        currency="EUR",
        monthly_costs=Decimal("3200"),
        savings=Decimal("6000"),
        monthly_income=Decimal("0"),
    )
    event = AuditEvent.objects.get(verb="household.plan_saved")
    assert "3200" not in str(event.data) and "6000" not in str(event.data)


def test_the_employers_advance_and_reimbursement_are_what_ifs(
    open_household, employer, employee, client_for, page_url
):
    FinancialPlanFactory(
        household=open_household,
        monthly_costs=Decimal("3200"),
        savings=Decimal("6000"),
        monthly_income=Decimal("2400"),
    )
    FinancialKindFactory(
        employer=employer,
        name="Salary advance",
        category="advance",
        person_budget=Decimal("3000"),
        max_repayment_months=12,
    )
    FinancialKindFactory(
        employer=employer,
        name="Cert refund",
        category="reimbursement",
        person_budget=Decimal("1500"),
    )
    FinancialKindFactory(employer=employer, name="Childcare", category="childcare")
    FinancialKindFactory(
        employer=employer, name="Closed refund", category="reimbursement", is_active=False
    )
    body = client_for(employee).get(page_url(open_household)).content.decode()
    assert "8.5 months" in body and "9.3 months" in body
    assert "Childcare" not in body and "Closed refund" not in body


def test_the_overall_budget_caps_the_what_if(
    open_household, employer, employee, client_for, page_url
):
    FinancialPlanFactory(household=open_household)
    FinancialKindFactory(
        employer=employer,
        name="Tiny refund",
        person_budget=Decimal("1000"),
        employer_budget=Decimal("500"),
    )
    body = client_for(employee).get(page_url(open_household)).content.decode()
    assert "EUR 500.00" in body and "5.5 months" in body


def test_support_in_another_currency_is_not_converted(
    open_household, employer, employee, client_for, page_url
):
    FinancialPlanFactory(household=open_household)
    FinancialKindFactory(employer=employer, name="Pound refund", currency="GBP")
    body = client_for(employee).get(page_url(open_household)).content.decode()
    assert "Paid in GBP, not in your plan’s EUR." in body


def test_another_employers_support_is_not_offered(
    open_household, other_employer, employee, client_for, page_url
):
    FinancialPlanFactory(household=open_household)
    FinancialKindFactory(employer=other_employer, name="Globex advance", category="advance")
    body = client_for(employee).get(page_url(open_household)).content.decode()
    assert "Globex advance" not in body
    assert "offers no salary advance or certification reimbursement" in body


def test_an_eap_with_financial_counselling_is_linked(
    open_household, employer, partner, client_for, page_url
):
    eap = OfferingFactory(
        employer=employer,
        kind=Offering.Kind.EAP,
        is_confidential=True,
        for_partners=True,
        title="Money matters line",
        description="Financial counselling, free.",
    )
    OfferingFactory(
        employer=employer,
        kind=Offering.Kind.EAP,
        is_confidential=True,
        for_partners=True,
        title="Legal line",
        description="Legal advice.",
    )
    body = client_for(partner).get(page_url(open_household)).content.decode()
    assert f'href="{eap.get_absolute_url()}"' in body
    assert "Legal line" not in body


def test_no_eap_link_without_financial_counselling(
    open_household, employer, partner, client_for, page_url
):
    OfferingFactory(
        employer=employer,
        kind=Offering.Kind.EAP,
        is_confidential=True,
        for_partners=True,
        title="Legal line",
        description="Legal advice.",
    )
    assert (
        "financial counselling"
        not in client_for(partner).get(page_url(open_household)).content.decode()
    )
