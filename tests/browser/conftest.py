"""Playwright on Debian's Chromium (no browser download here)."""

import os
import shutil
from io import StringIO

import pytest

from tests.conftest import need_service

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    need_service(os.path.exists(CHROMIUM), f"Chromium at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def demo(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def sign_in(page, live_server):
    def go(email: str, password: str = "careers-demo-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()

    return go


@pytest.fixture
def sign_out(page):
    """Sign out through the bar's Account menu (inside the Menu on a phone)."""

    def go():
        button = page.get_by_role("button", name="Sign out")
        if not button.is_visible():
            account = page.locator(".nav-account > summary")
            if not account.is_visible():  # folded behind Menu on a phone
                page.locator(".nav-menu > summary").click()
            account.click()
        button.click()
        page.wait_for_load_state()

    return go


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error

    # A click on a link returns before the next page has started to load: axe run in that
    # gap reads a document that goes away under it. Check the page the click led to.
    page.wait_for_load_state()
    try:
        results = Axe().run(page)
    except Error as error:
        if "documentElement" not in str(error) and "context was destroyed" not in str(error):
            raise
        page.wait_for_load_state()
        results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
