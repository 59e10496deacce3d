"""Build the store from the catalogue: a SQLite database and a Whoosh index, swapped in atomically.

A build is written into a new folder under instance/builds/ and only then named current (by
replacing the small file instance/current in one step), so a running site keeps serving the
previous good build while a new one is made, and a catalogue with errors never replaces it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import pickle
import shutil
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from kb import index as search_index
from kb import markup, store_schema, validation
from kb.lexicon import Lexicon, record_texts

log = logging.getLogger(__name__)
KEEP_BUILDS = 3
CURRENT = "current"
BUILDS = "builds"
DB_NAME = "catalogue.db"
INDEX_DIR = "index"
META_NAME = "meta.json"
LEXICON_NAME = "lexicon.json"


class BuildFailed(Exception):
    """The catalogue has problems; the message lists them as path:line: message."""

    def __init__(self, problems, root: Path):
        self.problems = problems
        lines = [p.format(Path.cwd() if root.resolve().is_relative_to(Path.cwd()) else None) for p in problems]
        super().__init__("\n".join(lines) + f"\n\nDe bouw is gestopt: {len(problems)} probleem/problemen in de "
                         "catalogus. De vorige bouw blijft in gebruik. Los de problemen op en bouw opnieuw.")


@dataclass
class BuildResult:
    path: Path
    fingerprint: str
    counts: dict
    seconds: float


def catalogue_files(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".md"))


def fingerprint(root: Path) -> str:
    """A hash of every catalogue file's name and content: it changes when anything changes."""
    h = hashlib.sha256()
    for path in catalogue_files(root):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def current_build(instance: Path) -> Path | None:
    """The folder of the build in use, or None when there is none."""
    pointer = Path(instance) / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = Path(instance) / BUILDS / name
    return path if (path / META_NAME).exists() else None


def read_meta(build_path: Path) -> dict:
    return json.loads((build_path / META_NAME).read_text(encoding="utf-8"))


class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def step(self, text: str) -> None:
        if self.enabled:
            print(f"  … {text}", file=sys.stderr, flush=True)


def build(root: Path, instance: Path, progress: bool = False) -> BuildResult:
    """Validate the catalogue and build a new store; swap it in only when complete."""
    started = time.perf_counter()
    shown = _Progress(progress)
    root, instance = Path(root), Path(instance)
    shown.step("catalogus controleren")
    fp = fingerprint(root)
    cat, problems = validation.load(root)
    if problems:
        raise BuildFailed(problems, root)
    builds = instance / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    database = None
    try:
        shown.step(f"database en zoekindex schrijven ({len(cat.records)} interventies)")
        built_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        database = _Parallel(store_schema.write_database, tmp / DB_NAME, cat, render=markup.render)
        lexicon = Lexicon.from_texts(
            [t for rec in cat.records.values() for t in record_texts(rec)]
            + [t.label for name in ("themes", "subthemes", "sectors", "target_groups", "forms") for t in cat.vocab.by_name[name]]
            + [o["name"] for o in cat.organisations.values()]
            + [term for group in cat.synonyms for term in group])
        lexicon.save(tmp / LEXICON_NAME)
        search_index.write_index(tmp / INDEX_DIR, cat, lexicon)
        counts = database.result()
        meta = {"fingerprint": fp, "built_at": built_at, "counts": counts, "format": store_schema.FORMAT}
        (tmp / META_NAME).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        final = builds / f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}-{fp[:8]}"
        os.replace(tmp, final)
    except BaseException:
        if database is not None:
            database.cancel()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _point_current(instance, final)
    _remove_old_builds(instance, keep=final)
    seconds = time.perf_counter() - started
    shown.step(f"klaar in {seconds:.2f} s")
    return BuildResult(final, fp, counts, seconds)


class _Parallel:
    """Run fn in a forked child process while the caller goes on (the database and the index are
    written at the same time, on two cores); result() waits and returns what fn returned, or raises
    what it raised. Where forking is not safe (other threads running, as in a served app) or not
    possible, fn simply runs at once, here."""

    def __init__(self, fn, *args, **kwargs):
        import threading

        self._value = self._error = None
        self._pid = None
        if hasattr(os, "fork") and threading.active_count() == 1:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: do the work, send the outcome back, and leave at once
                os.close(read)
                try:
                    outcome = ("ok", fn(*args, **kwargs))
                except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
                    outcome = ("error", exc)
                try:
                    data = pickle.dumps(outcome)
                except Exception as exc:  # an unpicklable exception: send its text
                    data = pickle.dumps(("error", RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
                    del exc
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                os._exit(0)
            os.close(write)
            self._pid, self._read = pid, read
        else:
            try:
                self._value = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - re-raised in result()
                self._error = exc

    def result(self):
        if self._pid is not None:
            with os.fdopen(self._read, "rb") as inp:
                data = inp.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            if not data:
                raise RuntimeError(f"het schrijven van de database stopte onverwacht (status {status})")
            kind, value = pickle.loads(data)
            if kind == "error":
                raise value
            return value
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> None:
        """The caller failed: wait for the child so nothing writes into the folder being removed."""
        if self._pid is not None:
            try:
                self.result()
            except BaseException:  # noqa: BLE001 - the caller's own error is the one that counts
                pass


def _point_current(instance: Path, build_path: Path) -> None:
    tmp = instance / f".{CURRENT}-{uuid.uuid4().hex}"
    tmp.write_text(build_path.name, encoding="utf-8")
    os.replace(tmp, instance / CURRENT)


def _remove_old_builds(instance: Path, keep: Path) -> None:
    """Keep the newest few builds: a reader that opened an older one can finish its request."""
    builds = sorted((p for p in (instance / BUILDS).iterdir() if p.is_dir() and not p.name.startswith(".")),
                    key=lambda p: p.name, reverse=True)
    for old in builds[KEEP_BUILDS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in (instance / BUILDS).glob(".tmp-*"):
        # Left by a build that crashed; never in use.
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def ensure_build(root: Path, instance: Path) -> Path:
    """Return a usable build, building first when there is none or the catalogue changed.

    When the catalogue has errors but an earlier build exists, the earlier build is kept and the
    problems are logged; with no earlier build the error is raised.
    """
    current = current_build(instance)
    if current is not None and read_meta(current).get("fingerprint") == fingerprint(root) \
            and read_meta(current).get("format") == store_schema.FORMAT:
        return current
    try:
        return build(root, instance).path
    except BuildFailed as exc:
        if current is None:
            raise
        log.error("Catalogus niet opnieuw gebouwd; de vorige bouw blijft in gebruik.\n%s", exc)
        return current
