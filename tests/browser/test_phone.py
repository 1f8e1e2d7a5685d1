"""The pages people use most, on a phone 390 px wide: nothing scrolls sideways, and the
navigation folds behind a Menu button that opens from the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from careersupport.goals.models import Goal
from programs.models import Offering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def assert_no_sideways_scroll(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width == PHONE["width"], f"{url} is {width}px wide"


def test_an_employees_most_used_pages_fit_a_phone(phone, live_server, demo, sign_in):
    goal = Goal.objects.filter(owner__email="employee@example.com").first()
    # A pasted link or token in a title must wrap, not widen the page.
    Goal.objects.filter(pk=goal.pk).update(title="Learn" + "x" * 150)
    event = Offering.objects.filter(title="Autumn networking evening").get()
    sign_in("employee@example.com")
    for path in (
        "/",
        "/goals/",
        f"/goals/{goal.pk}/",
        f"/goals/{goal.pk}/checkin/",
        "/programs/",
        "/programs/mine/",
        "/notifications/",
        "/people/me/",
        f"/programs/{event.pk}/",
    ):
        assert_no_sideways_scroll(phone, live_server.url + path)
    # The session's Register/Unregister button is on screen, not pushed off to the right.
    box = phone.get_by_role("button", name=re.compile("register", re.I)).first.bounding_box()
    assert box and box["x"] + box["width"] <= PHONE["width"]


def test_a_managers_and_hrs_pages_fit_a_phone(phone, live_server, demo, sign_in):
    sign_in("manager@example.com")
    assert_no_sideways_scroll(phone, live_server.url + "/team/")
    assert_no_sideways_scroll(phone, live_server.url + "/team/?scope=chain")
    phone.context.clear_cookies()
    sign_in("hr@example.com")
    for path in (
        "/programs/manage/",
        "/programs/manage/queue/",
        "/people/",
        "/people/invitations/",
        "/notifications/failures/",
        "/goals/hr/",
    ):
        assert_no_sideways_scroll(phone, live_server.url + path)


def test_the_navigation_is_a_menu_button_on_a_phone(phone, live_server, demo, sign_in):
    sign_in("employee@example.com")
    nav = phone.get_by_role("navigation", name="Main")
    goals = nav.get_by_role("link", name="Goals")
    expect(goals).to_be_hidden()
    nav.locator(".nav-menu > summary").focus()
    phone.keyboard.press("Enter")
    expect(goals).to_be_visible()
    goals.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("My goals")


def test_the_navigation_is_a_plain_bar_on_a_wide_screen(page, live_server, demo, sign_in):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in("employee@example.com")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Goals")).to_be_visible()
    expect(nav.locator(".nav-menu > summary")).to_be_hidden()


def test_hrs_pages_sit_in_one_menu_that_the_keyboard_opens_and_escape_closes(
    page, live_server, demo, sign_in
):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in("hr@example.com")
    nav = page.get_by_role("navigation", name="Main")
    manage = nav.get_by_role("link", name="Manage coaching")
    expect(manage).to_be_hidden()
    nav.locator(".nav-manage > summary").focus()
    page.keyboard.press("Enter")
    expect(manage).to_be_visible()
    page.keyboard.press("Escape")
    expect(manage).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('.nav-manage') !== null")
    page.keyboard.press("Enter")
    manage.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coach pool")
    # Every link of the bar on one row: the menu keeps the bar short.
    tops = nav.locator(".nav-links > li").evaluate_all(
        "items => items.map(li => Math.round(li.getBoundingClientRect().top))"
    )
    assert max(tops) - min(tops) < 20, tops


def test_hrs_menu_opens_inside_the_phone_menu(phone, live_server, demo, sign_in):
    sign_in("hr@example.com")
    nav = phone.get_by_role("navigation", name="Main")
    nav.locator(".nav-menu > summary").click()
    nav.locator(".nav-manage > summary").click()
    nav.get_by_role("link", name="People").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("People")
    assert phone.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
