"""Programs in a real browser with axe: every page of each role, reached by clicking."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page) -> list[str]:
    """Serious axe findings plus heading order (axe rates a skipped level 'moderate')."""
    from axe_playwright_python.sync_playwright import Axe

    order = [v["id"] for v in Axe().run(page).response["violations"] if v["id"] == "heading-order"]
    return serious_violations(page) + order


def test_an_employee_finds_enrolls_and_sees_what_comes_next(page, live_server, demo, sign_in):
    sign_in("employee@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Programs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programs")
    assert accessible(page) == []
    page.get_by_label("Search").fill("Résumé review")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Résumé review clinic").click()
    page.get_by_role("button", name="Enroll").click()
    expect(page.get_by_text("You are enrolled in Résumé review clinic.")).to_be_visible()
    assert accessible(page) == []
    page.get_by_role("link", name="← Programs").click()
    page.get_by_role("button", name="My programs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My programs")
    expect(page.get_by_role("link", name="Résumé review clinic")).to_be_visible()
    assert accessible(page) == []
    page.get_by_role("button", name="Calendar feed").click()
    expect(page.get_by_label("Your private address")).to_have_value(
        re.compile(r"/programs/calendar/.+\.ics$")
    )
    assert accessible(page) == []


def open_from_catalog(page, live_server, title: str) -> None:
    page.goto(f"{live_server.url}/programs/?q={title.replace('&', '%26')}")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_each_kinds_page_is_accessible(page, live_server, demo, sign_in, sign_out):
    sign_in("employee@example.com")
    for title in ("Parents & Carers Network", "Parental leave policy", "Shadow a colleague"):
        open_from_catalog(page, live_server, title)
        assert accessible(page) == [], title
    sign_out()
    sign_in("partner@example.com")
    open_from_catalog(page, live_server, "Return to work programme")
    expect(page.get_by_role("heading", name="Your path in Autumn cohort")).to_be_visible()
    assert accessible(page) == []


def test_hr_runs_the_console_by_clicking(page, live_server, demo, sign_in):
    sign_in("hr@example.com")
    page.locator(".nav-manage > summary").click()  # HR's menu
    page.get_by_role("navigation").get_by_role("link", name="Manage programs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage programs")
    assert accessible(page) == []
    page.get_by_role("button", name=re.compile("Approval queue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approval queue")
    assert accessible(page) == []
    page.go_back()
    page.get_by_role("button", name="New offering").click()
    assert accessible(page) == []
    page.go_back()
    page.get_by_label("Title").fill("Return to work")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Return to work programme").click()
    assert accessible(page) == []
    page.get_by_role("link", name="Path and outcome").first.click()
    assert accessible(page) == []
    page.goto(f"{live_server.url}/programs/manage/?q=Autumn+networking")
    page.get_by_role("link", name="Autumn networking evening").click()
    page.get_by_role("link", name="7 registered for Session 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who registered for Session 1")
    expect(page.get_by_role("row")).to_have_count(8)  # the header and seven people
    assert accessible(page) == []
