"""The journeys that matter, in a real browser on the demo data: goals from set-up to review,
a program from HR's console to the employee's inbox, and every page each role reaches."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from careersupport.notifications.models import NotificationPreference
from careersupport.notifications.services import reminders_claim_due, reminders_deliver

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLES = ["hr", "manager", "employee", "partner", "coach", "mentor"]


def sign_out(page):
    button = page.get_by_role("button", name="Sign out")
    if not button.is_visible():
        account = page.locator(".nav-account > summary")
        if not account.is_visible():  # folded behind Menu on a phone
            page.locator(".nav-menu > summary").click()
        account.click()
    button.click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()


def test_a_goal_is_set_checked_in_reviewed_by_the_manager_and_answered(
    page, live_server, demo, sign_in
):
    sign_in("employee@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Goals").click()
    page.get_by_role("button", name="New goal").first.click()
    page.get_by_label("Title").fill("Give a conference talk")
    page.get_by_label("Why it matters").fill("To be known outside the team.")
    page.get_by_label("Target date").fill((timezone.localdate() + timedelta(days=120)).isoformat())
    page.get_by_label("Check-in cadence").select_option(label="Every two weeks")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Give a conference talk")

    page.get_by_role("button", name="Record a check-in").click()
    page.get_by_label("Progress now (%)").fill("30")
    page.get_by_label("What went well").fill("Abstract submitted.")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Abstract submitted.")).to_be_visible()
    assert serious_violations(page) == []
    sign_out(page)

    sign_in("manager@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Team").click()
    page.locator("summary", has_text="Give a conference talk").click()  # the person's goals
    page.get_by_role("link", name="Give a conference talk").click()
    page.get_by_role("button", name="Review this goal").click()
    page.get_by_label("Progress rating").select_option(label="At risk")
    page.get_by_label("Comments").fill("Good start; the deadline is close.")
    page.get_by_label("Agreed next steps").fill("Rehearse with the team on Friday.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Good start; the deadline is close.")).to_be_visible()
    sign_out(page)

    sign_in("employee@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Goals").click()
    page.get_by_role("link", name="Give a conference talk").first.click()
    page.get_by_label("Your reply").fill("Friday works for me.")
    page.get_by_role("button", name="Reply").click()
    expect(page.get_by_text("Friday works for me.")).to_be_visible()


def test_hr_publishes_a_program_the_employee_requests_and_hr_approves_it(
    page, live_server, demo, sign_in
):
    sign_in("hr@example.com")
    page.locator(".nav-manage > summary").click()  # HR's menu
    page.get_by_role("navigation").get_by_role("link", name="Manage programs").click()
    page.get_by_role("button", name="New offering").click()
    page.get_by_label("Title").fill("Speaking with confidence")
    page.get_by_label("Kind").select_option(label="Workshop")
    page.get_by_label("All employees").check()
    page.get_by_label("Format").select_option(label="Online")
    page.get_by_label("Online link").fill("https://meet.example.com/speaking")
    page.get_by_label("Capacity").fill("12")
    page.get_by_label("Enrollment needs HR approval").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published", exact=False).first).to_be_visible()
    sign_out(page)

    sign_in("employee@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Programs").click()
    page.get_by_label("Search").fill("confidence")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Speaking with confidence").click()
    page.get_by_role("button", name="Request a place").click()
    expect(page.get_by_text("Waiting for approval")).to_be_visible()
    sign_out(page)

    sign_in("hr@example.com")
    page.goto(f"{live_server.url}/programs/manage/queue/")
    row = page.get_by_role("row").filter(has_text="Speaking with confidence")
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("row").filter(has_text="Speaking with confidence")).to_have_count(0)
    sign_out(page)

    # The beat's dispatcher and a worker's send task, run in-process (delivery by real
    # workers is tested in tests/notifications/test_reliability.py). The demo employee's
    # quiet hours would hold the news overnight, whatever the hour CI runs at.
    NotificationPreference.objects.filter(recipient__email="employee@example.com").update(
        quiet_start=None, quiet_end=None
    )
    reminders_deliver(reminder_ids=reminders_claim_due())
    sign_in("employee@example.com")
    expect(page.get_by_role("navigation").get_by_text("unread")).to_have_count(1)
    page.get_by_role("navigation").get_by_role("link", name="Inbox").click()
    expect(page.get_by_text("Speaking with confidence").first).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Programs").click()
    page.get_by_role("button", name="My programs").click()
    row = page.get_by_role("row").filter(has_text="Speaking with confidence")
    expect(row.get_by_role("cell").nth(1)).to_have_text("Enrolled")


def same_site_links(page, live_server) -> list[str]:
    hrefs = page.locator("main a[href^='/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    return [h.split("#")[0] for h in hrefs if not h.endswith((".ics", ".csv"))]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_from_its_navigation_opens_and_passes_axe(
    page, live_server, demo, sign_in, role
):
    sign_in(f"{role}@example.com")
    nav = page.get_by_role("navigation").get_by_role("link").all()
    queue = sorted({link.get_attribute("href") for link in nav})
    assert len(queue) >= 4
    # The navigation's pages, then one page of each kind they link to (/goals/7/ stands
    # for every goal page): each opens, has one h1 and no serious axe finding.
    seen_kinds: set[str] = set()
    for depth in (0, 1):
        following = []
        for href in queue:
            kind = re.sub(r"\d+", "N", href.split("?")[0])
            if kind in seen_kinds:
                continue
            seen_kinds.add(kind)
            response = page.goto(live_server.url + href)
            assert response.status == 200, href
            assert page.get_by_role("heading", level=1).count() == 1, href
            assert serious_violations(page) == [], href
            if depth == 0:
                following += same_site_links(page, live_server)
        queue = following
    assert len(seen_kinds) > len(nav)
