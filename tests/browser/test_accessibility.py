"""An axe-core audit of the main pages in the real browser, and a keyboard-only walk."""
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
BLOCKING = {"serious", "critical"}


def main_pages(store):
    rec = next(iter(store.records))
    theme = next(iter(store.themes.terms))
    sector = max(store.sectors.terms, key=lambda s: sum(s in r["sectors"] for r in store.records.values()))
    pages = ["/", "/interventies", f"/interventies?q=werk&thema={theme}", f"/interventies/{rec}", f"/themas/{theme}",
             f"/sectoren/{sector}", "/sectoren", "/themas", "/kennisbank", "/bronnen", "/bronnen/quickscan", "/over", "/toegankelijkheid",
             "/interventies?q=qqqzzz", "/bestaat-niet"]
    pages += [f"/kennisbank/{p}" for p in list(store.pages)[:2]]
    two = list(store.records)[:2]
    pages += ["/redactie", "/dekking", f"/dekking?sector={sector}", "/api", "/interventies?alle=organisatie",
              f"/werkmap?id={two[0]}&id={two[1]}&notitie-{two[0]}=Notitie", f"/vergelijk?id={two[0]}&id={two[1]}"]
    return pages


def test_no_serious_accessibility_violations(page, live_server, store):
    axe = Axe()
    problems = []
    for path in main_pages(store):
        page.goto(live_server + path)
        results = axe.run(page)
        for v in results.response["violations"]:
            if v["impact"] in BLOCKING:
                targets = [n["target"] for n in v["nodes"][:3]]
                problems.append(f"{path}: {v['id']} ({v['impact']}): {v['help']} {targets}")
    assert not problems, "\n".join(problems)


def test_keyboard_only_search_filter_record(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Direct naar de inhoud" in focused
    # Tab to the search box, type and submit with Enter.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q-home":
            break
    assert page.evaluate("document.activeElement.id") == "q-home"
    page.keyboard.type("werk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/interventies?q=werk*")
    # Tab to the first facet value and choose it with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.facet') !== null && document.activeElement.tagName === 'A'"):
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.locator(".active-filters").count() == 1
    # Tab to the first result and open it.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.card-title') !== null"):
            break
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "/interventies/" in page.url and page.get_by_role("heading", level=1).is_visible()
