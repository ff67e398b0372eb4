"""End to end in a real browser: Debian's Chromium driven by Playwright against a live server.

Logs in, sees the map drawn, opens a country from it, and sees the risk chart. Screenshots go to
`test-artifacts/` (kept by CI as artefacts). The browser runs with background networking off, so
a page that tried to reach the internet would show missing pieces here.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.fixtures import PASSWORD, Roles
from tests.web.conftest import shot


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
    page.get_by_role("button", name="إرسال البلاغ").click()
    # Waits for the answer's document, not whatever the browser shows first.
    expect(page.get_by_role("heading", level=1)).to_have_text("تم استلام البلاغ")
    assert page.url.endswith("/report?lang=ar")  # answered in place: no reference in the history
    shot(page, "report-received-ar")
    context.close()
