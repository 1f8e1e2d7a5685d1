"""Requests in a real browser with axe: the demo employee asks for parental leave from the
policy page, HR approves it, the manager sees the dates on the team month view; the main
pages do not scroll sideways on a 390 px wide phone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    button = page.get_by_role("button", name="Sign out")
    if not button.is_visible():
        account = page.locator(".nav-account > summary")
        if not account.is_visible():  # folded behind Menu on a phone
            page.locator(".nav-menu > summary").click()
        account.click()
    button.click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width == page.viewport_size["width"], page.url


def test_parental_leave_from_the_policy_page_to_the_managers_month(
    page, live_server, demo, sign_in
):
    today = timezone.localdate()
    start = today + timedelta(days=49 + (7 - today.weekday()) % 7)  # a Monday, seven weeks on
    end = start + timedelta(days=11)  # ten working days
    sign_in("employee@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Programs").click()
    page.goto(f"{live_server.url}/programs/?q=Parental+leave")
    page.get_by_role("link", name="Parental leave policy").click()
    page.get_by_role("button", name="Request leave under this policy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request leave: Parental leave")
    expect(page.get_by_text("130 working days per child or event")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label(re.compile(r"^First day")).fill(start.isoformat())
    page.get_by_label(re.compile(r"^Last day")).fill(end.isoformat())
    page.get_by_label("What the leave is for").select_option(label="Birth of a child")
    page.get_by_label("Date of the event").fill(start.isoformat())
    page.get_by_label("Reason (optional)").fill("Our baby is due then")
    page.get_by_role("button", name="Check what it leaves").click()
    expect(page.get_by_text("this request would leave 120 of 130")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your leave request was sent to HR.")).to_be_visible()
    assert serious_violations(page) == []
    sign_out(page)

    sign_in("hr@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Decide").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for your decision")
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/requests/decide/?page=99")
    page.get_by_role("link", name=f"Parental leave: {start.day} {start:%b}").last.click()
    expect(page.get_by_text("Our baby is due then")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("leave: approved.")).to_be_visible()
    sign_out(page)

    sign_in("manager@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Absences").click()
    months = (start.year - today.year) * 12 + start.month - today.month
    for _ in range(months):
        page.get_by_role("link", name="→").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Team absences: {start:%B %Y}")
    expected = f"Emma Novak: {start.day} {start:%b}"
    expect(page.get_by_text(expected)).to_be_visible()
    assert "Our baby" not in page.content() and "Parental" not in page.content()
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "employee@example.com",
            [
                "/requests/",
                "/requests/leave/new/?policy=1",
                "/requests/flexible/new/",
                "/requests/money/new/",
                "/people/me/",
            ],
        ),
        ("manager@example.com", ["/requests/team/", "/requests/decide/"]),
        (
            "hr@example.com",
            ["/requests/decide/", "/requests/manage/", "/requests/manage/holidays/"],
        ),
    ],
)
def test_the_main_pages_fit_a_phone_and_pass_axe(page, live_server, demo, sign_in, email, paths):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(email)
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        no_sideways_scroll(page)
        assert serious_violations(page) == [], path
