"""A person searches, filters by a facet, opens a record and reads it, in a real browser."""
import re

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_search_filter_and_open_record(page, live_server, store):
    page.goto(live_server + "/")
    page.get_by_label("Zoek op onderwerp, behoefte of naam").fill("tillen")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"/interventies\?q=tillen"))
    status = page.get_by_role("status")
    first_count = int(re.search(r"(\d+)", status.inner_text()).group(1))
    assert first_count >= 1
    shot(page, "zoeken-tillen-desktop")

    # Filter by the first sector value offered; the count and the active filter follow.
    sector_facet = page.locator("details.facet", has=page.get_by_role("heading", name="Sector"))
    if sector_facet.get_attribute("open") is None:  # a bare `open` attribute reads as "", not None
        sector_facet.locator("summary").click()
    option = sector_facet.locator("li a").first
    option_label = option.locator(".facet-label").inner_text()
    option_count = int(option.locator(".count").inner_text().split()[0])
    option.click()
    page.wait_for_load_state()
    assert "sector=" in page.url
    assert int(re.search(r"(\d+)", page.get_by_role("status").inner_text()).group(1)) == option_count
    assert page.locator(".active-filters").get_by_text(option_label).is_visible()

    # Open the first result and check what a reader sees.
    first = page.locator(".card-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.get_by_role("heading", name="Beschrijving").is_visible()
    assert page.get_by_role("heading", name="Bron").is_visible()
    assert page.get_by_role("heading", name="Kenmerken").is_visible()
    shot(page, "record-desktop")


def test_pages_at_phone_width(phone, live_server, store):
    for name, path in [("home", "/"), ("zoeken", "/interventies?q=tillen"), ("record", f"/interventies/{next(iter(store.records))}")]:
        phone.goto(live_server + path)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
        shot(phone, f"{name}-phone")


def test_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/interventies")
    link = page.locator("details.facet li a").first
    link.click()
    page.wait_for_load_state()
    assert "=" in page.url and page.locator(".active-filters").count() == 1
    context.close()
