"""The job-search tracker in a real browser on the demo data, with axe: the demo partner
moves an application to interviewing by keyboard on the board and records a next step on
its page. The tracker's pages do not scroll sideways at 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from careersupport.jobsearch.models import Application
from careersupport.notifications.models import Reminder

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NARROW, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


def checked(page) -> None:
    """No serious axe finding, one h1, and no sideways scrolling at 390 px."""
    assert serious_violations(page) == [], page.url
    assert page.get_by_role("heading", level=1).count() == 1, page.url
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width == NARROW["width"], (page.url, width)
    page.set_viewport_size(WIDE)


def test_the_partner_moves_a_card_by_keyboard_and_records_a_next_step(
    page, live_server, demo, sign_in
):
    page.set_viewport_size(WIDE)
    sign_in("partner@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Job search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My job search")
    checked(page)

    stage = page.get_by_label("Stage of UX designer at Delivery Hero")
    expect(stage).to_have_value("screening")
    stage.focus()
    page.keyboard.press("ArrowDown")  # screening → interviewing
    expect(stage).to_have_value("interviewing")
    page.keyboard.press("Tab")  # to its Move button
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("moved to Interviewing")
    interviewing = page.locator("[data-stage=interviewing]")
    expect(interviewing.get_by_role("link", name="UX designer")).to_be_visible()
    moved = Application.objects.get(
        owner__email="partner@example.com", organisation="Delivery Hero"
    )
    assert moved.stage == "interviewing" and moved.stage_changes.count() == 4

    interviewing.get_by_role("link", name="UX designer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("UX designer at Delivery Hero")
    checked(page)
    page.get_by_role("textbox", name="Next step").fill("Second interview with the design team")
    page.get_by_label("On", exact=True).fill("2099-03-02")
    page.get_by_role("button", name="Save the next step").click()
    expect(page.get_by_role("status")).to_contain_text("you will be reminded at 09:00")
    expect(page.get_by_text("Second interview with the design team").first).to_be_visible()
    assert Reminder.objects.filter(
        key=f"jobsearch.next_step:{moved.pk}:2099-03-02", state="pending"
    ).exists()

    page.get_by_role("link", name="← My job search").click()
    page.get_by_role("link", name="List", exact=True).click()
    checked(page)
    offer = Application.objects.get(owner__email="partner@example.com", stage="offer")
    page.goto(f"{live_server.url}{offer.get_absolute_url()}")
    checked(page)
    page.get_by_role("button", name="Accept the offer…").click()
    checked(page)
