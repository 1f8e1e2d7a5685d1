"""Goals pages in a real browser (the goal journey and axe on every page each role reaches are
in test_journeys.py): /team/'s table, its filters and its rows that open by keyboard, on a
wide screen and a phone; a new goal with its milestones and a check-in that ticks one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_director_filters_the_whole_chain_to_what_is_overdue(page, live_server, demo, sign_in):
    sign_in("director@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_text("Your direct reports, who needs attention first")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Emma Novak")).to_have_count(0)
    page.get_by_label("Who").select_option(label="Everyone in my chain")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_label("Who")).to_have_value("chain")
    expect(page.get_by_label("Overdue only")).to_be_checked()
    expect(page.get_by_text("Reports to Marcus Lind").first).to_be_visible()
    expect(page.locator(".badge-danger").first).to_be_visible()
    assert serious_violations(page) == []
    page.locator("summary", has_text="Lead a cross-team project").first.click()
    page.get_by_role("link", name="Lead a cross-team project").first.click()
    expect(page.get_by_role("button", name="Review this goal")).to_be_visible()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE])
def test_the_team_table_opens_a_persons_goals_from_the_keyboard(
    page, live_server, demo, sign_in, viewport
):
    page.set_viewport_size(viewport)
    sign_in("manager@example.com")
    page.goto(f"{live_server.url}/team/")
    table = page.locator("table.team-table")
    expect(table.locator("tbody.team-person")).to_have_count(9)  # one table, a row each
    emma = table.locator("tbody.team-person", has=page.get_by_role("rowheader", name="Emma Novak"))
    link = emma.get_by_role("link", name="Improve public speaking")
    expect(link).to_be_hidden()
    emma.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") == viewport["width"]
    assert serious_violations(page) == []
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Improve public speaking")


def test_a_goal_is_set_with_milestones_and_a_check_in_ticks_one(page, live_server, demo, sign_in):
    sign_in("employee@example.com")
    page.goto(f"{live_server.url}/goals/new/")
    target = timezone.localdate() + timedelta(days=120)
    page.get_by_label("Title").fill("Run a half marathon")
    page.get_by_label("Target date").fill(target.isoformat())
    for n, (title, days) in enumerate([("10 km without stopping", 30), ("15 km", 60)]):
        page.locator(f"#id_milestones-{n}-title").fill(title)
        page.locator(f"#id_milestones-{n}-due_date").fill(
            (timezone.localdate() + timedelta(days=days)).isoformat()
        )
    page.get_by_role("button", name="Add another milestone").click()  # a fourth row
    expect(page.locator("#id_milestones-3-title")).to_be_focused()
    page.locator("#id_milestones-3-title").fill("Race day")
    page.locator("#id_milestones-3-due_date").fill(target.isoformat())
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Run a half marathon")
    expect(page.get_by_text("(from its milestones: 0 of 3 done)")).to_be_visible()

    page.get_by_role("button", name="Record a check-in").click()
    expect(page.get_by_label("Progress now (%)")).to_have_count(0)
    page.get_by_label("10 km without stopping").check()
    page.get_by_label("What went well").fill("Ran 10 km on Sunday.")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("(from its milestones: 1 of 3 done)")).to_be_visible()
    expect(page.locator("figcaption")).to_contain_text("to 33% at the check-in on")
    assert serious_violations(page) == []
