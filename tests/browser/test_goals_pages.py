"""/team/'s own controls in a real browser (the goal journey and axe on every page each role
reaches are in test_journeys.py on main): the chain switch and the overdue filter are usable
with their labels, keep their choice, and the filtered page passes axe."""

import pytest
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_director_filters_the_whole_chain_to_what_is_overdue(page, live_server, demo, sign_in):
    sign_in("director@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_text("Your direct reports, who needs attention first")).to_be_visible()
    expect(page.get_by_role("heading", name="Emma Novak")).to_have_count(0)
    page.get_by_label("Who").select_option(label="Everyone in my chain")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_label("Who")).to_have_value("chain")
    expect(page.get_by_label("Overdue only")).to_be_checked()
    expect(page.get_by_text("Reports to Marcus Lind").first).to_be_visible()
    expect(page.locator(".badge-danger").first).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Lead a cross-team project").first.click()
    expect(page.get_by_role("button", name="Review this goal")).to_be_visible()
