"""Real-browser tests: the app served on 127.0.0.1 in a thread, driven in the system Chromium."""
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def _chromium():
    for path in CHROMIUM_CANDIDATES:
        if Path(path).exists():
            return path
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path():
    path = _chromium()
    if not path:
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail("Chromium ontbreekt maar KB_REQUIRE_BROWSER is gezet: de browsertests moeten draaien.")
        pytest.skip("Chromium niet gevonden: installeer het met 'apt-get install chromium' om de browsertests te draaien.")
    return path


@pytest.fixture(scope="session")
def live_server(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name):
    """Keep a screenshot for people to look at (screenshots/ is not in the repository)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
