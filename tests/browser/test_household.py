"""The household page in a real browser with axe, on a 390 px wide phone: the demo partner
opens it from the home card, changes the financial plan (a mistake first), closes the page,
and the demo employee finds it closed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def looks_right(page) -> None:
    """No serious axe finding, one h1 and no sideways scrolling."""
    assert serious_violations(page) == []
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"], page.url


def test_the_partner_plans_then_closes_the_page_and_it_is_closed_for_both(
    page, live_server, demo, sign_in, sign_out
):
    page.set_viewport_size(PHONE)
    sign_in("partner@example.com")
    page.get_by_role("link", name="Open the household page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Household page")
    expect(page.get_by_role("heading", name="Emma Novak")).to_be_visible()
    expect(page.get_by_text("7.5 months")).to_be_visible()
    looks_right(page)
    household_url = page.url

    page.get_by_role("link", name="Change the plan").click()
    page.get_by_label("Savings you can draw on").fill("-100")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.locator("#id_savings_error")).to_have_text(
        "Ensure this value is greater than or equal to 0."
    )
    looks_right(page)
    page.get_by_label("Savings you can draw on").fill("8000")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Your financial plan is saved.")).to_be_visible()
    expect(page.get_by_text("10 months", exact=True)).to_be_visible()

    page.get_by_role("link", name="Close the household page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the household page?")
    looks_right(page)
    page.get_by_role("button", name="Yes, close it").click()
    expect(page.get_by_text("The household page is closed for both of you.")).to_be_visible()
    looks_right(page)
    sign_out()  # on a phone, through the Menu

    sign_in("employee@example.com")
    page.goto(household_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("The household page is closed")
    expect(page.get_by_text("EUR 8,000.00")).to_have_count(0)
    looks_right(page)
