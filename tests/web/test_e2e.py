"""End to end in a real browser: Debian's Chromium driven by Playwright against a live server.

Logs in, sees the map drawn, opens a country from it, and sees the risk chart. Screenshots go to
`test-artifacts/` (kept by CI as artefacts). The browser runs with background networking off, so
a page that tried to reach the internet would show missing pieces here.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright

from tests.fixtures import PASSWORD, Roles

ARTIFACTS = Path(os.environ.get("TOCSIN_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_url(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_login_map_country_chart(live_url: str, browser: Browser, roles: Roles) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_url}/")
    assert page.url.startswith(f"{live_url}/login")
    page.get_by_label("Username").fill("user-analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_url}/")
    countries = page.locator("svg.tocsin-map [data-iso3]")
    assert countries.count() >= 160
    box = page.locator("svg.tocsin-map").bounding_box()
    assert box is not None and box["width"] > 600
    shot(page, "dashboard")
    page.locator('svg.tocsin-map a[href="/countries/SDN"]').first.click()
    page.wait_for_url(f"{live_url}/countries/SDN")
    assert page.get_by_role("heading", level=1).inner_text() == "Sudan"
    chart = page.locator("figure.chart svg").first
    assert chart.is_visible()
    assert chart.locator("circle").count() >= 5
    shot(page, "country-sudan")
    assert page.evaluate("typeof htmx") == "object", "htmx loaded from the app itself"
    assert not failed, f"requests failed: {failed}"
    context.close()


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_filters_work_with_htmx_and_on_a_phone(
    live_url: str, browser: Browser, roles: Roles
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_url}/login")
    page.get_by_label("Username").fill("user-viewer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_url}/")
    page.get_by_label("Region").select_option("Europe")
    page.wait_for_url("**region=Europe**")
    page.wait_for_function(
        "document.querySelector('#watchlist caption').innerText.includes('Europe')"
    )
    assert "Myanmar" not in page.locator("#watchlist").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page must not scroll sideways on a phone ({width} px wide)"
    shot(page, "dashboard-phone-europe")
    context.close()


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_report_sent_from_a_phone_with_javascript_off_in_arabic(
    live_url: str, browser: Browser
) -> None:
    """A small phone, scripts disabled, right-to-left: the form still works end to end."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="ar"
    )
    page = context.new_page()
    page.goto(f"{live_url}/report")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_label("ماذا حدث؟").fill("أحرقوا السوق في القرية الليلة الماضية.")
    page.get_by_label("مشاركته مع منظمات شريكة تحمي الناس").check()
    shot(page, "report-form-ar")
    with page.expect_navigation():
        page.get_by_role("button", name="إرسال البلاغ").click()
    assert "تم استلام البلاغ" in page.content()
    assert page.url.endswith("/report?lang=ar")  # answered in place: no reference in the history
    shot(page, "report-received-ar")
    context.close()
