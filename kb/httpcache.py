"""HTTP caching and compression for the web catalogue.

Pages and API answers change only when a new build is swapped in, so their validator is the build
id plus the URL: a browser or proxy that has a page gets '304 Not Modified' without the page being
rendered again. Static files carry a content hash in their URL and may be cached for a year.
"""
from __future__ import annotations

import gzip
import hashlib
from email.utils import format_datetime, parsedate_to_datetime
from datetime import datetime
from functools import lru_cache
from pathlib import Path

PAGE_MAX_AGE = 300  # seconds a page may be reused without asking
STATIC_MAX_AGE = 31536000
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/atom+xml", "image/svg+xml",
                "application/javascript")
MIN_COMPRESS = 1024


@lru_cache(maxsize=256)
def file_hash(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_version(static_folder: str, filename: str) -> str | None:
    path = Path(static_folder) / filename
    try:
        return file_hash(str(path), path.stat().st_mtime_ns)
    except OSError:
        return None


def etag_for(build_id: str, full_path: str) -> str:
    return hashlib.sha256(f"{build_id}\0{full_path}".encode()).hexdigest()[:24]


def built_at(meta: dict) -> datetime:
    return datetime.fromisoformat(meta["built_at"])


def not_modified(request, etag: str, last_modified: datetime) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains(etag)
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since) >= last_modified.replace(microsecond=0)
        except (TypeError, ValueError):
            return False
    return False


def set_validators(response, etag: str, last_modified: datetime) -> None:
    response.set_etag(etag)
    response.headers["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    response.headers.setdefault("Cache-Control", f"public, max-age={PAGE_MAX_AGE}")


def compress(request, response):
    """gzip text responses for clients that accept it."""
    if (response.direct_passthrough or response.status_code < 200 or response.status_code >= 300
            or "Content-Encoding" in response.headers or "gzip" not in request.headers.get("Accept-Encoding", "")
            or not (response.mimetype or "").startswith(COMPRESSIBLE)):
        return response
    data = response.get_data()
    if len(data) < MIN_COMPRESS:
        return response
    response.set_data(gzip.compress(data, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(response.get_data()))
    response.vary.add("Accept-Encoding")
    return response
