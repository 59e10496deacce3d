"""A sector fund in a real browser: open its sector, read the matrix, put five interventions in a
werkmap (by mouse and by keyboard), note, remove, share, compare two, and export."""
import csv
import io
import re

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
SECTOR = "bouw-en-infra"


def _count(page) -> int:
    return int(re.search(r"(\d+)", page.get_by_role("status").first.inner_text()).group(1))


def test_sector_matrix_cell_opens_the_filtered_list(page, live_server, store):
    page.goto(live_server + "/sectoren")
    label = store.sectors.label(SECTOR)
    page.get_by_role("link", name=label, exact=True).click()
    page.wait_for_url(re.compile(f"/sectoren/{SECTOR}$"))
    matrix = page.get_by_role("table", name=re.compile(f"Interventies voor {label}"))
    assert matrix.is_visible()
    shot(page, "sector-matrix-desktop")
    # The first cell with interventions: its count is what the filtered list shows.
    cell = matrix.locator("td a").first
    expected = int(cell.inner_text())
    cell.click()
    page.wait_for_load_state()
    assert f"sector={SECTOR}" in page.url and "thema=" in page.url and "keten=" in page.url
    assert _count(page) == expected


def test_werkmap_add_note_remove_share_compare_export(browser, live_server, store):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server}/interventies?sector={SECTOR}")
    buttons = page.locator("button[data-werkmap-id]")
    assert buttons.count() >= 5
    ids = [buttons.nth(i).get_attribute("data-werkmap-id") for i in range(5)]
    for i in range(4):  # four with the mouse ...
        buttons.nth(i).click()
        assert buttons.nth(i).get_attribute("aria-pressed") == "true"
    buttons.nth(4).focus()  # ... and one with the keyboard
    page.keyboard.press("Enter")
    assert buttons.nth(4).get_attribute("aria-pressed") == "true"
    assert "In werkmap" in buttons.nth(0).inner_text()
    nav = page.locator("#nav-werkmap")
    assert "(5)" in nav.inner_text()

    # The werkmap page: five items, grouped by chain category, in chain order.
    nav.click()
    page.wait_for_url(re.compile(r"/werkmap\?"))
    assert page.locator(".wm-item").count() == 5
    letters = [h.inner_text().split()[0] for h in page.locator(".wm-group h2").all()]
    assert letters == sorted(letters)
    shot(page, "werkmap-desktop")

    # A note is kept in the browser: it is there after a reload.
    first = store.records[ids[0]]
    page.get_by_label(f"Notitie bij {first['title']}").fill("Past bij ons sectorplan")
    page.reload()
    assert page.get_by_label(f"Notitie bij {first['title']}").input_value() == "Past bij ons sectorplan"

    # Remove one.
    removed = store.records[ids[4]]
    page.get_by_role("link", name=f"Verwijder {removed['title']} uit de werkmap").click()
    page.wait_for_load_state()
    assert page.locator(".wm-item").count() == 4
    assert "(4)" in page.locator("#nav-werkmap").inner_text()

    # Share: the link opens the same werkmap, with the note, for someone else.
    share = page.get_by_label("Link naar deze werkmap").input_value()
    other = browser.new_context(locale="nl-NL")
    their = other.new_page()
    their.goto(share)
    assert their.locator(".wm-item").count() == 4
    assert their.get_by_label(f"Notitie bij {first['title']}").input_value() == "Past bij ons sectorplan"
    other.close()

    # Export as CSV and Markdown.
    with page.expect_download() as dl:
        page.get_by_role("link", name="Download als CSV").click()
    rows = list(csv.reader(io.StringIO(open(dl.value.path(), encoding="utf-8-sig").read())))
    assert len(rows) == 5 and "Past bij ons sectorplan" in sum(rows, [])
    with page.expect_download() as dl:
        page.get_by_role("link", name="Download als Markdown").click()
    markdown = open(dl.value.path(), encoding="utf-8").read()
    assert first["title"] in markdown and "Past bij ons sectorplan" in markdown
    assert removed["title"] not in markdown

    # Compare two of them.
    second = store.records[ids[1]]
    page.get_by_role("checkbox", name="Vergelijk").nth(0).check()
    page.get_by_role("checkbox", name="Vergelijk").nth(1).check()
    page.get_by_role("button", name=re.compile("Vergelijk de aangevinkte")).click()
    page.wait_for_url(re.compile(r"/vergelijk\?"))
    table = page.get_by_role("table")
    headers = table.locator("thead th").all_inner_texts()
    assert len(headers) == 2
    assert page.get_by_role("rowheader", name="Implementatieketen").is_visible()
    assert {first["title"], second["title"]} & set(headers)
    shot(page, "vergelijk-desktop")
    context.close()


def test_werkmap_from_a_record_page_and_at_phone_width(phone, live_server, store):
    rid = next(iter(store.records))
    phone.goto(f"{live_server}/interventies/{rid}")
    phone.locator(f"button[data-werkmap-id='{rid}']").click()
    phone.goto(f"{live_server}/werkmap")
    phone.wait_for_url(re.compile(r"/werkmap\?"))
    assert phone.locator(".wm-item").count() == 1
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    shot(phone, "werkmap-phone")


def test_coverage_overview_is_a_table_with_links(page, live_server):
    page.goto(live_server + "/dekking")
    tables = page.get_by_role("table")
    assert tables.count() >= 1
    gap_or_link = page.locator("table.matrix td a, table.matrix td .gap")
    assert gap_or_link.count() > 10
    shot(page, "dekking-desktop")
