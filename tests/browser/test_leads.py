"""Job leads in a real browser on the demo data, with axe: the demo partner filters the leads
and saves one; HR opens the figures, the leads with their counts, closes one (asked first)
and sees an import's problems. No serious violation, one h1, no sideways scrolling at 390 px."""

import pytest
from playwright.sync_api import expect

from careersupport.jobsearch.models import LeadSave

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
