"""Coaching in a real browser on the demo data, with axe: an employee enrolls in the demo
coaching programme, picks a coach from the reasons shown, books a chemistry call and then a
session, and the coach sees both. The main pages do not scroll sideways at 390 px."""

import re

import pytest
from playwright.sync_api import expect

from careersupport.people.models import Individual

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NARROW, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def checked(page) -> None:
    """No serious axe finding, one h1, and no sideways scrolling at 390 px."""
    assert serious_violations(page) == [], page.url
    assert page.get_by_role("heading", level=1).count() == 1, page.url
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width == NARROW["width"], (page.url, width)
    page.set_viewport_size(WIDE)


def sign_out(page):
    button = page.get_by_role("button", name="Sign out")
    if not button.is_visible():
        account = page.locator(".nav-account > summary")
        if not account.is_visible():  # folded behind Menu on a phone
            page.locator(".nav-menu > summary").click()
        account.click()
    button.click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()


def newcomer() -> Individual:
    """A demo colleague with an account and no coaching of any kind yet."""
    return (
        Individual.objects.filter(
            employer__slug="northwind", kind="employee", user__isnull=False, is_hr_admin=False
        )
        .exclude(coaching_engagements__isnull=False)
        .exclude(enrollments__offering__kind="coaching")
        .exclude(coach_profile__isnull=False)
        .exclude(email__in=["manager@example.com", "mentor@example.com", "director@example.com"])
        .order_by("pk")
        .first()
    )


def test_an_employee_enrolls_picks_a_coach_books_and_the_coach_sees_it(
    page, live_server, demo, sign_in
):
    person = newcomer()
    sign_in(person.email)
    page.get_by_role("navigation").get_by_role("link", name="Programs").click()
    page.get_by_label("Search").fill("Career coaching")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Career coaching: your next step").click()
    page.get_by_role("button", name="Enroll").click()
    expect(page.get_by_role("status")).to_contain_text(
        "You are enrolled in Career coaching: your next step."
    )
    page.get_by_role("link", name="choose your coach").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What would you like help with?")
    checked(page)
    page.get_by_label("Interview practice").check()
    page.get_by_label("Résumé and LinkedIn").check()
    page.get_by_label("Mornings (8–12)").check()
    page.get_by_role("button", name="Show me coaches").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Coaches for you")
    card = page.get_by_role("article").filter(has_text="Carlos Mendes")
    expect(card.locator(".reasons")).to_have_text(
        re.compile(
            r"^2 of 2 topics · speaks English · 1 h apart · free at your preferred times · \d places free"
        )
    )
    checked(page)
    card.get_by_label("Chemistry call with Carlos").check()
    page.get_by_role("button", name="Book chemistry calls with the ticked coaches").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My coaching")
    checked(page)
    page.get_by_role("button", name="Book a chemistry call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Book a chemistry call with Carlos Mendes"
    )
    checked(page)
    page.locator(".slots button").first.click()
    expect(page.get_by_role("status")).to_contain_text("Booked with Carlos Mendes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chemistry call with Carlos Mendes")
    checked(page)
    page.get_by_role("link", name="← My coaching").click()
    page.get_by_role("button", name="Ask Carlos to coach me").click()
    expect(page.get_by_role("status")).to_contain_text("We asked Carlos Mendes")
    sign_out(page)

    sign_in("coach@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Coachees").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My coachees")
    checked(page)
    expect(page.get_by_role("region", name="Chemistry calls")).to_contain_text(person.full_name)
    page.get_by_role("region", name="Requests to answer").get_by_role(
        "link", name=person.full_name
    ).click()
    checked(page)
    page.get_by_label("Accept: I will coach them").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("status")).to_contain_text("Accepted: coaching starts.")
    checked(page)
    sign_out(page)

    sign_in(person.email)
    page.get_by_role("navigation").get_by_role("link", name="Coaching").click()
    page.get_by_role("button", name="Book a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a session with Carlos Mendes")
    page.locator(".slots button").nth(2).click()
    expect(page.get_by_role("status")).to_contain_text("Booked with Carlos Mendes")
    sign_out(page)

    sign_in("coach@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Coachees").click()
    page.get_by_role("button", name="My week").click()
    checked(page)
    # The session, not the chemistry call, somewhere in the next four weeks of the calendar.
    session = (
        page.locator(".week ul li")
        .filter(has_text=person.full_name)
        .filter(has_not_text="chemistry call")
    )
    for _ in range(4):
        if session.count():
            break
        page.get_by_role("link", name="Next week →").click()
    expect(session).to_have_count(1)


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "hr@example.com",
            [
                "/coaching/manage/",
                "/coaching/manage/waiting/",
                "/coaching/manage/engagements/",
                "/coaching/manage/feedback/",
                "/coaching/manage/invitations/",
                "/coaching/manage/settings/",
                "/coaching/manage/coaches/invite/",
            ],
        ),
        (
            "coach@example.com",
            [
                "/coaching/coach/availability/",
                "/coaching/coach/profile/",
                "/coaching/coach/calendar/",
            ],
        ),
        ("partner@example.com", ["/coaching/"]),
    ],
)
def test_the_other_main_pages_pass_axe_and_fit_a_phone(
    page, live_server, demo, sign_in, email, paths
):
    sign_in(email)
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        checked(page)
