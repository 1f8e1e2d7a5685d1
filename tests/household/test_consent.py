"""Consent on both sides: the page opens only when both have opted in, either side's
withdrawal closes it at once for both, and the other side is told (without details)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from careersupport.household import reminders, services
from careersupport.household.models import Household
from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from careersupport.people.services import partnership_end
from tests.factories import GoalFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_goal(partnership, partner):
    partnership.partner_shares_goals = True
    partnership.save()
    return GoalFactory(owner=partner, shared_with_partner=True, title="Land a UX role")


def test_one_side_alone_opens_no_page_for_either(
    partnership, employee, partner, client_for, page_url, shared_goal
):
    household = services.household_open(partnership=partnership, actor=partner)
    for person in (employee, partner):
        response = client_for(person).get(page_url(household))
        assert "Land a UX role" not in response.content.decode()
        assert "household page is closed" in response.content.decode()


def test_both_sides_open_the_page(open_household, employee, client_for, page_url, shared_goal):
    response = client_for(employee).get(page_url(open_household))
    assert response.status_code == 200
    assert "Land a UX role" in response.content.decode()


def test_withdrawal_closes_the_page_at_once_for_both(
    open_household, partnership, employee, partner, client_for, page_url, shared_goal
):
    services.household_withdraw(partnership=partnership, actor=employee)
    for person in (employee, partner):
        body = client_for(person).get(page_url(open_household)).content.decode()
        assert "Land a UX role" not in body
        assert "household page is closed" in body


def test_after_a_withdrawal_opening_again_takes_both(
    open_household, partnership, employee, partner
):
    services.household_withdraw(partnership=partnership, actor=partner)
    household = services.household_open(partnership=partnership, actor=partner)
    assert not household.is_open
    assert services.household_open(partnership=partnership, actor=employee).is_open


def test_an_ended_partnership_closes_the_page(
    open_household, partnership, employee, partner, client_for, page_url
):
    partnership_end(partnership=partnership, actor=partner)
    for person in (employee, partner):
        assert client_for(person).get(page_url(open_household)).status_code == 404
        assert client_for(person).get("/household/").status_code == 404


def test_a_new_partnership_does_not_inherit_the_old_page(
    open_household, partnership, employee, partner
):
    partnership_end(partnership=partnership, actor=employee)
    again = PartnershipFactory(employee=employee, partner=partner)
    with pytest.raises(Household.DoesNotExist):
        Household.objects.get(partnership=again)


def test_an_invited_partnership_cannot_open_a_page(employee):
    invited = PartnershipFactory(employee=employee, status="invited")
    with pytest.raises(ValidationError):
        services.household_open(partnership=invited, actor=employee)


def test_only_the_two_partners_may_change_consent(partnership, peer, hr_admin):
    for stranger in (peer, hr_admin):
        with pytest.raises(ValidationError):
            services.household_open(partnership=partnership, actor=stranger)
        with pytest.raises(ValidationError):
            services.household_withdraw(partnership=partnership, actor=stranger)


def test_the_other_side_is_told_when_it_is_opened_to_them(partnership, employee, partner):
    household = services.household_open(partnership=partnership, actor=partner)
    told = Reminder.objects.get(recipient=employee)
    assert told.kind == reminders.ASKED
    assert told.key == reminders.asked_key(household.pk, 0, "partner")
    assert "/household/" in told.url


def test_the_first_side_is_told_when_the_page_opens(open_household, employee):
    told = Reminder.objects.get(recipient=employee)
    assert told.kind == reminders.OPENED
    assert told.url.endswith(f"/household/{open_household.pk}/")


def test_the_other_side_is_told_when_it_is_withdrawn_without_details(
    open_household, partnership, employee, partner, shared_goal
):
    services.household_withdraw(partnership=partnership, actor=employee)
    told = Reminder.objects.get(recipient=partner, kind=reminders.CLOSED)
    assert told.key == reminders.closed_key(open_household.pk, 1)
    assert "Land a UX role" not in told.title + told.body


def test_a_request_withdrawn_before_it_is_delivered_tells_nothing(partnership, employee, partner):
    services.household_open(partnership=partnership, actor=partner)
    services.household_withdraw(partnership=partnership, actor=partner)
    assert Reminder.objects.get(recipient=employee).state == Reminder.State.CANCELLED
    assert not Reminder.objects.filter(recipient=employee, kind=reminders.CLOSED).exists()


def test_a_request_withdrawn_after_it_was_delivered_is_news(partnership, employee, partner):
    services.household_open(partnership=partnership, actor=partner)
    Reminder.objects.filter(recipient=employee).update(state=Reminder.State.SENT)
    services.household_withdraw(partnership=partnership, actor=partner)
    assert Reminder.objects.filter(recipient=employee, kind=reminders.CLOSED).exists()


def test_opening_twice_is_one_opt_in_and_one_notice(partnership, employee, partner):
    services.household_open(partnership=partnership, actor=partner)
    services.household_open(partnership=partnership, actor=partner)
    assert Reminder.objects.filter(recipient=employee).count() == 1
    assert AuditEvent.objects.filter(verb="household.opted_in").count() == 1


def test_every_consent_change_leaves_an_audit_row(open_household, partnership, employee, partner):
    services.household_withdraw(partnership=partnership, actor=partner)
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="household.")
        .order_by("pk")
        .values_list("verb", "actor")
    )
    assert verbs == [
        ("household.opted_in", employee.pk),
        ("household.opened", partner.pk),
        ("household.withdrawn", partner.pk),
    ]


def test_withdrawing_asks_first(open_household, partner, client_for):
    response = client_for(partner).get("/household/withdraw/")
    assert response.status_code == 200
    assert "Close the household page?" in response.content.decode()
    open_household.refresh_from_db()
    assert open_household.is_open


def test_withdrawing_through_the_page_closes_it(open_household, partner, client_for):
    response = client_for(partner).post("/household/withdraw/")
    assert response.status_code == 302
    open_household.refresh_from_db()
    assert not open_household.is_open


def test_turning_it_on_through_the_page(partnership, employee, partner, client_for):
    client_for(employee).post("/household/open/")
    response = client_for(partner).post("/household/open/")
    household = Household.objects.get(partnership=partnership)
    assert response["Location"] == f"/household/{household.pk}/"
    assert household.employee_opted_in and household.partner_opted_in


def test_no_browser_keeps_a_copy_to_show_after_a_withdrawal(
    open_household, employee, client_for, page_url
):
    response = client_for(employee).get(page_url(open_household))
    assert "no-store" in response["Cache-Control"]
