"""The link checker against a local test server on 127.0.0.1 (no other network)."""
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kb import linkcheck, validation
from kb.linkcheck import LinkResult, check_links

SLEEP = 1.5  # the slow handler's delay; the tests use a much shorter time-out


class Handler(BaseHTTPRequestHandler):
    state = {"lock": threading.Lock(), "in_flight": 0, "max_in_flight": 0, "flaky": 0, "methods": []}

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, code, headers=(), body=b"ok"):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self):
        s = self.state
        with s["lock"]:
            s["methods"].append((self.command, self.path))
        if self.path == "/ok":
            return self._send(200)
        if self.path == "/moved":
            return self._send(301, [("Location", "/ok")])
        if self.path == "/moved-to-missing":
            return self._send(302, [("Location", "/missing")])
        if self.path == "/loop":
            return self._send(302, [("Location", "/loop")])
        if self.path == "/missing":
            return self._send(404)
        if self.path == "/error":
            return self._send(500)
        if self.path == "/slow":
            time.sleep(SLEEP)
            return self._send(200)
        if self.path == "/no-head":
            return self._send(405 if self.command == "HEAD" else 200)
        if self.path == "/flaky":
            with s["lock"]:
                s["flaky"] += 1
                first = s["flaky"] % 2 == 1
            if first:  # drop the connection without an answer
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return None
            return self._send(200)
        if self.path.startswith("/busy"):
            with s["lock"]:
                s["in_flight"] += 1
                s["max_in_flight"] = max(s["max_in_flight"], s["in_flight"])
            time.sleep(0.2)
            with s["lock"]:
                s["in_flight"] -= 1
            return self._send(200)
        return self._send(404)

    do_HEAD = _route
    do_GET = _route


@pytest.fixture()
def server():
    Handler.state.update(in_flight=0, max_in_flight=0, flaky=0, methods=[])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here any more: connections are refused
    return port


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


def _one(url, **kw):
    kw.setdefault("timeout", 0.5)
    kw.setdefault("backoff", 0)
    [result] = check_links([url], **kw)
    return result


def test_ok(server):
    r = _one(server + "/ok")
    assert (r.status, r.code, r.final_url, r.method) == ("ok", 200, server + "/ok", "HEAD")
    assert 0 <= r.elapsed < 0.5


def test_redirect_reports_final_url_and_keeps_head(server):
    r = _one(server + "/moved")
    assert (r.status, r.code, r.final_url) == ("redirect", 200, server + "/ok")
    assert "doorverwezen" in r.message
    assert [m for m, p in Handler.state["methods"]] == ["HEAD", "HEAD"]


@pytest.mark.parametrize("path, code, words", [("/missing", 404, "bestaat niet"), ("/error", 500, "serverfout"),
                                               ("/moved-to-missing", 404, "bestaat niet")])
def test_broken(server, path, code, words):
    r = _one(server + path)
    assert (r.status, r.code) == ("broken", code)
    assert words in r.message


def test_redirect_loop_is_an_error(server):
    r = _one(server + "/loop")
    assert r.status == "error" and r.code == 302


def test_get_when_head_is_not_allowed(server):
    r = _one(server + "/no-head")
    assert (r.status, r.code, r.method) == ("ok", 200, "GET")
    assert Handler.state["methods"] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_timeout_is_slow_and_retried(server):
    r = _one(server + "/slow", timeout=0.3, retries=1)
    assert r.status == "slow" and r.code is None
    assert r.attempts == 2
    assert "0.3 s" in r.message
    assert r.elapsed >= 0.6
    assert Handler.state["methods"].count(("HEAD", "/slow")) == 2


def test_refused_connection(closed_port):
    r = _one(f"http://127.0.0.1:{closed_port}/", retries=1)
    assert r.status == "error" and r.code is None
    assert "geweigerd" in r.message
    assert r.attempts == 2


def test_retry_after_dropped_connection(server):
    assert _one(server + "/flaky", retries=0).status == "error"
    Handler.state["flaky"] = 0
    r = _one(server + "/flaky", retries=1)
    assert (r.status, r.attempts) == ("ok", 2)


def test_unknown_scheme_is_an_error():
    assert _one("ftp://127.0.0.1/bestand", retries=0).status == "error"


def test_per_host_limit(server):
    urls = [f"{server}/busy/{i}" for i in range(8)]
    results = check_links(urls, concurrency=8, per_host=2, timeout=2)
    assert [r.url for r in results] == urls and all(r.status == "ok" for r in results)
    assert Handler.state["max_in_flight"] <= 2
    Handler.state["max_in_flight"] = 0
    check_links(urls, concurrency=8, per_host=8, timeout=2)
    assert Handler.state["max_in_flight"] > 2  # without the limit the server does see more at once


def test_many_urls_in_parallel_with_duplicates(server, closed_port):
    urls = [server + "/ok", server + "/missing", server + "/slow", server + "/ok", f"http://127.0.0.1:{closed_port}/"]
    start = time.monotonic()
    results = check_links(urls, concurrency=4, per_host=4, timeout=0.3, retries=0)
    assert [r.status for r in results] == ["ok", "broken", "slow", "error"]
    assert time.monotonic() - start < SLEEP  # the slow URL did not hold up the rest


def test_collect_urls(mini):
    mini.record("tweede", None, id="tweede", title="Tweede")  # same URL as goede-scan
    mini.write("organisaties/met-site.yaml", "id: met-site\nname: Met site\nkind: overheid\nwebsite: https://www.org.nl/\n")
    cat = validation.load(mini.root)[0]
    assert linkcheck.collect_urls(cat) == {
        "https://www.example.nl/": ["interventies/goede-scan.yaml", "interventies/tweede.yaml"],
        "https://www.org.nl/": ["organisaties/met-site.yaml"],
    }


def _results():
    return [LinkResult("https://a.nl/", "ok", 200, "https://a.nl/", 0.1, "in orde"),
            LinkResult("https://b.nl/oud", "broken", 404, "https://b.nl/oud", 0.2, "HTTP 404: bestaat niet (meer)"),
            LinkResult("https://c.nl/", "redirect", 200, "https://c.nl/nieuw", 0.3, "doorverwezen naar https://c.nl/nieuw")]


def test_format_text():
    text = linkcheck.format_text(_results(), {"https://b.nl/oud": ["interventies/x.yaml"]})
    assert text.startswith("3 links gecontroleerd: 1 kapot, 0 niet bereikbaar, 0 te traag, 1 doorverwezen, 1 in orde")
    assert "Kapot (4xx/5xx): 1\n  - https://b.nl/oud\n    HTTP 404: bestaat niet (meer)" in text
    assert "    in interventies/x.yaml" in text
    assert text.index("Kapot") < text.index("Doorverwezen")
    assert "https://a.nl/" not in text  # links in order are only counted


def test_as_json():
    rows = json.loads(linkcheck.as_json(_results(), {"https://b.nl/oud": ["interventies/x.yaml"]}))
    assert rows[1] == {"url": "https://b.nl/oud", "status": "broken", "code": 404, "final_url": "https://b.nl/oud",
                       "elapsed": 0.2, "message": "HTTP 404: bestaat niet (meer)", "attempts": 1, "method": "HEAD",
                       "files": ["interventies/x.yaml"]}
    assert rows[0]["files"] == []


def test_command_checks_the_catalogue(mini, server):
    import json as _json

    text = mini.root.joinpath("interventies/goede-scan.yaml").read_text().replace("https://www.example.nl/",
                                                                                   server + "/ok")
    mini.write("interventies/goede-scan.yaml", text)
    lines = []
    assert linkcheck.command(mini.root, timeout=1, out=lines.append) == 0
    assert lines[0].startswith("1 links gecontroleerd") and "1 in orde" in lines[0]
    mini.write("organisaties/kapot.yaml", f"id: kapot\nname: Kapot\nkind: overheid\nwebsite: {server}/missing\n")
    lines.clear()
    assert linkcheck.command(mini.root, timeout=1, json_output=True, out=lines.append) == 1
    rows = {r["url"]: r for r in _json.loads(lines[0])}
    assert rows[server + "/missing"]["files"] == ["organisaties/kapot.yaml"]
    assert rows[server + "/missing"]["status"] == "broken"
