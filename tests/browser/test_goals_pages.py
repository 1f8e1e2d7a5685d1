"""The goals pages in a real browser: each role reaches its pages by the links, and axe finds
no serious or critical accessibility violation on them."""

import pytest
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_walks_from_the_team_to_a_review(page, live_server, demo, sign_in):
    sign_in("manager@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My team’s goals")
    assert serious_violations(page) == []
    page.get_by_label("Who").select_option("chain")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply").click()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Lead a cross-team project").first.click()
    expect(page.get_by_role("heading", name="Goal reviews")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Review this goal").click()
    page.get_by_label("Progress rating").select_option("at_risk")
    page.get_by_label("Comments").fill("Let's talk about the rollout on Monday.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Let's talk about the rollout on Monday.")).to_be_visible()


def test_an_employee_records_a_checkin_and_hr_reads_the_figures(page, live_server, demo, sign_in):
    sign_in("employee@example.com")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Goals", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My goals")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Improve public speaking").click()
    page.get_by_role("button", name="Record a check-in").click()
    assert serious_violations(page) == []
    page.get_by_label("Progress now (%)").fill("80")
    page.get_by_label("What went well").fill("Gave the all-hands demo")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    sign_in("hr@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Goal figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goals by department")
    assert serious_violations(page) == []
