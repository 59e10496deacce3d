"""Check the URLs of the catalogue with the standard library only.

Each URL is asked for with HEAD (GET when the server does not allow HEAD: 405 or 501), with a limit
on parallel requests overall and per host, and a retry on time-outs and connection errors. Results:

    ok        answered 2xx on the URL itself
    redirect  answered 2xx after one or more redirects (update the link to final_url)
    broken    answered 4xx or 5xx
    slow      no answer within the time-out, also after the retries
    error     no answer at all: refused connection, unknown host, certificate problem, ...

Messages are Dutch: editors read them.
"""
from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from kb.validation import Catalogue

USER_AGENT = "kb-linkcheck/1.0 (kennisbank duurzame inzetbaarheid; controle van links)"
STATUSES = ("broken", "error", "slow", "redirect", "ok")  # worst first, the order of the report
STATUS_LABELS = {
    "broken": "Kapot (4xx/5xx)",
    "error": "Niet bereikbaar",
    "slow": "Te traag (geen antwoord binnen de tijd)",
    "redirect": "Doorverwezen (pas de link aan)",
    "ok": "In orde",
}


@dataclass
class LinkResult:
    url: str
    status: str  # one of STATUSES
    code: int | None = None  # HTTP status code of the last answer
    final_url: str | None = None  # where the redirects ended
    elapsed: float = 0.0  # seconds, all attempts together
    message: str = ""  # Dutch
    attempts: int = 1
    method: str = "HEAD"


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method (the standard handler turns HEAD into GET)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


class _Retry(Exception):
    """A failure worth another attempt (time-out or connection error)."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in str(exc)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, ConnectionRefusedError):
        return "verbinding geweigerd: er luistert geen webserver op dit adres"
    if isinstance(reason, socket.gaierror):
        return "onbekende domeinnaam: de site bestaat niet (meer) of de naam is verkeerd gespeld"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certificaatfout: {getattr(reason, 'verify_message', '') or reason}"
    if isinstance(reason, ssl.SSLError):
        return f"beveiligde verbinding mislukt: {reason}"
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected)):
        return "de server verbrak de verbinding zonder antwoord"
    return f"verbinding mislukt: {reason}"


def _request(opener, url: str, method: str, timeout: float):
    """One request; returns (code, final_url). HTTP errors come back as codes, not exceptions."""
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, resp.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, exc.geturl() or url
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        if _is_timeout(exc) or _is_timeout(getattr(exc, "reason", exc)):
            raise _Retry("slow", f"geen antwoord binnen {timeout:g} s") from exc
        retryable = isinstance(getattr(exc, "reason", exc), (ConnectionError, http.client.HTTPException)) or \
            isinstance(exc, (ConnectionError, http.client.HTTPException))
        if retryable:
            raise _Retry("error", _reason(exc)) from exc
        raise


def _check_one(opener, url: str, timeout: float, retries: int, backoff: float) -> LinkResult:
    start = time.monotonic()
    attempts = 0
    while True:
        attempts += 1
        method = "HEAD"
        try:
            code, final = _request(opener, url, method, timeout)
            if code in (405, 501):
                method = "GET"
                code, final = _request(opener, url, method, timeout)
        except _Retry as exc:
            if attempts <= retries:
                time.sleep(backoff * attempts)
                continue
            return LinkResult(url, exc.status, None, None, time.monotonic() - start, exc.message, attempts, method)
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            return LinkResult(url, "error", None, None, time.monotonic() - start, _reason(exc), attempts, method)
        elapsed = time.monotonic() - start
        if 200 <= code < 300:
            if final and final != url:
                return LinkResult(url, "redirect", code, final, elapsed, f"doorverwezen naar {final}", attempts, method)
            return LinkResult(url, "ok", code, final, elapsed, "in orde", attempts, method)
        if 300 <= code < 400:
            return LinkResult(url, "error", code, final, elapsed,
                              f"doorverwijzing ({code}) die niet te volgen is, bijvoorbeeld een kringverwijzing",
                              attempts, method)
        kind = "bestaat niet (meer)" if code in (404, 410) else "serverfout" if code >= 500 else "geweigerd"
        return LinkResult(url, "broken", code, final, elapsed, f"HTTP {code}: {kind}", attempts, method)


def check_links(urls, concurrency: int = 8, per_host: int = 2, timeout: float = 5.0, retries: int = 1,
                backoff: float = 0.5, opener=None) -> list[LinkResult]:
    """Check every URL (duplicates once); results in the order of the URLs given."""
    unique = list(dict.fromkeys(urls))
    opener = opener or urllib.request.build_opener(_Redirects)
    host_limits: dict[str, threading.BoundedSemaphore] = {}
    lock = threading.Lock()

    def limit_for(url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower()
        with lock:
            return host_limits.setdefault(host, threading.BoundedSemaphore(per_host))

    def run(url: str) -> LinkResult:
        with limit_for(url):
            return _check_one(opener, url, timeout, retries, backoff)

    # Interleave hosts so that workers do not all wait on the semaphore of one busy host.
    by_host: dict[str, list[str]] = {}
    for url in unique:
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    order = list(_round_robin(list(by_host.values())))
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        results = dict(zip(order, pool.map(run, order)))
    return [results[u] for u in unique]


def _round_robin(groups: list[list[str]]):
    for i in range(max((len(g) for g in groups), default=0)):
        for group in groups:
            if i < len(group):
                yield group[i]


def collect_urls(catalogue: Catalogue) -> dict[str, list[str]]:
    """Every URL in records (links) and organisations (website), with the files it comes from."""
    found: dict[str, list[str]] = {}

    def add(url, where):
        if url:
            files = found.setdefault(url, [])
            if where not in files:
                files.append(where)

    for rid, rec in sorted(catalogue.records.items()):
        for link in rec.get("links") or []:
            add(link.get("url"), rec.get("path") or f"interventies/{rid}.yaml")
    for oid, org in sorted(catalogue.organisations.items()):
        add(org.get("website"), f"organisaties/{oid}.yaml")
    return found


def format_text(results: list[LinkResult], sources: dict[str, list[str]] | None = None) -> str:
    """Dutch report: problems first, grouped by status, each with the files the URL is in."""
    sources = sources or {}
    counts = {s: sum(1 for r in results if r.status == s) for s in STATUSES}
    lines = [f"{len(results)} links gecontroleerd: " + ", ".join(
        f"{counts[s]} {STATUS_LABELS[s].split(' (')[0].lower()}" for s in STATUSES), ""]
    for status in STATUSES:
        group = [r for r in results if r.status == status]
        if not group or status == "ok":
            continue
        lines.append(f"{STATUS_LABELS[status]}: {len(group)}")
        for r in group:
            lines.append(f"  - {r.url}")
            lines.append(f"    {r.message} ({r.elapsed:.1f} s, {r.attempts} poging(en))")
            for where in sources.get(r.url, []):
                lines.append(f"    in {where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_json(results: list[LinkResult], sources: dict[str, list[str]] | None = None) -> str:
    sources = sources or {}
    rows = [{**asdict(r), "elapsed": round(r.elapsed, 3), "files": sources.get(r.url, [])} for r in results]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def command(catalogue_root, json_output: bool = False, concurrency: int = 8, per_host: int = 2, timeout: float = 5.0,
            retries: int = 1, out=print) -> int:
    """`kb links`: check every URL of the catalogue. Exit code 1 when a link is broken or unreachable."""
    from kb import validation

    cat = validation.load(catalogue_root)[0]
    sources = collect_urls(cat)
    results = check_links(list(sources), concurrency=concurrency, per_host=per_host, timeout=timeout, retries=retries)
    out(as_json(results, sources).rstrip("\n") if json_output else format_text(results, sources).rstrip("\n"))
    return 1 if any(r.status in ("broken", "error") for r in results) else 0
