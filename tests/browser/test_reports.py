"""HR's reports in a real browser on the demo data: the pages pass axe, filter, download a
CSV and fit 390 px; the demo employee answers a waiting survey."""

import pytest
from playwright.sync_api import expect

from careersupport.reports.models import SurveyInvitation

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def fits_390(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def test_hr_reads_every_report_filters_one_and_downloads_its_csv(page, live_server, demo, sign_in):
    sign_in("hr@example.com")
    page.locator(".nav-manage > summary").click()  # HR's menu
    page.get_by_role("navigation").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participation")
    expect(page.get_by_text("Figures as of")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Offering kind").select_option("workshop")
    page.get_by_role("button", name="Show").click()
    expect(
        page.get_by_role("heading", name="Participation by offering of workshop")
    ).to_be_visible()
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").first.click()
    assert download.value.suggested_filename.startswith("participation-")
    for name in ("Results", "Surveys"):
        page.get_by_role("navigation", name="Reports").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        expect(page.locator("svg[role=img]").first).to_be_visible()
        assert serious_violations(page) == []


def test_the_report_pages_fit_a_phone(page, live_server, demo, sign_in):
    page.set_viewport_size(PHONE)
    sign_in("hr@example.com")
    for path in ("/reports/", "/reports/results/", "/reports/surveys/", "/reports/questions/"):
        assert page.goto(live_server.url + path).status == 200
        assert fits_390(page), path
    assert serious_violations(page) == []


def test_the_demo_employee_answers_a_waiting_survey(page, live_server, demo, sign_in):
    invitation = SurveyInvitation.objects.filter(
        person__email="employee@example.com", answered=False
    ).first()
    sign_in("employee@example.com")
    page.goto(live_server.url + invitation.get_absolute_url())
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Choose a rating from 1 to 5.", exact=True)).to_be_visible()
    page.get_by_role("group", name="How would you rate it overall?").get_by_label("4").check()
    page.get_by_role("group", name="How likely are you to recommend it").get_by_label(
        "9", exact=True
    ).check()
    page.get_by_label("What helped you most?").fill("The exercises.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you: your answers are saved")
    invitation.refresh_from_db()
    assert invitation.answered
