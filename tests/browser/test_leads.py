"""Job leads in a real browser on the demo data, with axe: the demo partner filters the leads
and saves one, then moves that application by keyboard on the board and gives it a next
step; HR opens the figures, the leads with their counts, closes one (asked first)
and sees an import's problems. No serious violation, one h1, no sideways scrolling at 390 px."""

import pytest
from playwright.sync_api import expect

from careersupport.jobsearch.models import Application, LeadSave
from careersupport.notifications.models import Reminder

from .test_coaching import checked, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_partner_filters_and_saves_a_lead(page, live_server, demo, sign_in):
    sign_in("partner@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Job search").click()
    page.get_by_role("navigation", name="Job search").get_by_role("link", name="Job leads").click()
    checked(page)
    page.get_by_label("Remote", exact=True).select_option("remote")
    page.get_by_role("button", name="Filter").click()
    card = page.get_by_role("article").filter(has_text="Data analyst")
    card.get_by_role("button", name="Save to my tracker").click()
    expect(page.get_by_role("status")).to_contain_text("Saved “Data analyst” to your tracker")
    expect(card.get_by_role("link", name="open in tracker")).to_be_visible()
    assert LeadSave.objects.filter(person__email="partner@example.com").count() == 3
    page.get_by_role("link", name="Customer success manager").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Customer success manager")
    checked(page)
    sign_out(page)


def test_a_saved_lead_is_moved_by_keyboard_and_given_a_next_step(page, live_server, demo, sign_in):
    """The issue's journey in one run: save a lead, then on the board move that very
    application to interviewing by keyboard, and record its next step."""
    sign_in("partner@example.com")
    page.goto(f"{live_server.url}/job-search/leads/")
    card = page.get_by_role("article").filter(has_text="Data analyst")
    card.get_by_role("button", name="Save to my tracker").click()
    expect(page.get_by_role("status")).to_contain_text("Saved “Data analyst” to your tracker")
    saved = Application.objects.get(owner__email="partner@example.com", role="Data analyst")

    page.get_by_role("navigation", name="Job search").get_by_role("link", name="Board").click()
    stage = page.get_by_label("Stage of Data analyst at Harbour Health")
    expect(stage).to_have_value(saved.stage)
    stage.focus()
    order = [value for value, _ in Application.Stage.choices]
    for _ in range(order.index("interviewing") - order.index(saved.stage)):
        page.keyboard.press("ArrowDown")
    expect(stage).to_have_value("interviewing")
    page.keyboard.press("Tab")  # to its Move button
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("moved to Interviewing")
    saved.refresh_from_db()
    assert saved.stage == "interviewing"

    page.locator("[data-stage=interviewing]").get_by_role("link", name="Data analyst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data analyst at Harbour Health")
    page.get_by_role("textbox", name="Next step").fill("Prepare the case study")
    page.get_by_label("On", exact=True).fill("2099-04-01")
    page.get_by_role("button", name="Save the next step").click()
    expect(page.get_by_role("status")).to_contain_text("you will be reminded at 09:00")
    assert Reminder.objects.filter(
        key=f"jobsearch.next_step:{saved.pk}:2099-04-01", state="pending"
    ).exists()
    checked(page)


def test_hr_reads_the_figures_and_manages_the_leads(page, live_server, demo, sign_in):
    sign_in("hr@example.com")
    page.locator(".nav-manage > summary").click()  # HR's menu
    page.get_by_role("navigation").get_by_role("link", name="Manage job leads").click()
    checked(page)
    row = page.get_by_role("row").filter(has_text="Product designer")
    expect(row).to_contain_text("1")  # saved once, by someone HR is not told of
    row.get_by_role("link", name="Close").click()
    checked(page)
    page.get_by_role("button", name="Close the lead").click()
    expect(page.get_by_role("status")).to_contain_text("Closed “Product designer”")
    page.get_by_role("link", name="Figures", exact=True).click()
    checked(page)
    page.goto(f"{live_server.url}/job-search/manage/leads/import/")
    page.get_by_label("CSV file").set_input_files(
        files=[
            {"name": "leads.csv", "mimeType": "text/csv", "buffer": b"title,closes_on\nX,soon\n"}
        ]
    )
    page.get_by_role("button", name="Import and post").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    checked(page)
    page.goto(f"{live_server.url}/job-search/manage/organisations/")
    checked(page)
