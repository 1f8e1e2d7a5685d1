import pytest
from playwright.sync_api import expect

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_employee_signs_in_sees_home_and_signs_out(
    page, live_server, demo, sign_in, sign_out
):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    assert serious_violations(page) == []
    sign_in("employee@example.com")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Emma")
    page.locator(".nav-account > summary").click()
    expect(page.get_by_role("link", name="My partner")).to_be_visible()
    expect(page.get_by_role("link", name="People")).to_have_count(0)
    assert serious_violations(page) == []
    sign_out()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    page.goto(live_server.url + "/people/me/")
    assert "/accounts/login/" in page.url


def test_a_wrong_password_is_told_on_the_form(page, live_server, demo, sign_in):
    sign_in("employee@example.com", "not-the-password")
    expect(page.get_by_text("not correct")).to_be_visible()
