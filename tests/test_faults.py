"""Faults: a broken record never takes the site down, rebuilds are invisible to readers, and a
bad instance folder gives a clear message at start."""
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kb import build
from kb.serving import InstanceNotWritable


def make_app(mini, instance):
    from app import create_app

    return create_app({"TESTING": True, "INSTANCE": str(instance), "CATALOGUE": str(mini.root)})


def test_site_keeps_serving_previous_build_when_a_record_breaks(mini, tmp_path, caplog):
    inst = tmp_path / "inst"
    make_app(mini, inst)
    mini.record("kapot", "id: kapot\ntitle: [\n")
    with caplog.at_level(logging.ERROR):
        app = make_app(mini, inst)  # restart with a broken catalogue
    client = app.test_client()
    assert client.get("/interventies/goede-scan").status_code == 200
    assert client.get("/interventies/kapot").status_code == 404
    assert any("kapot.yaml:3:" in r.getMessage() and "vorige bouw" in r.getMessage() for r in caplog.records)


def test_first_start_with_broken_catalogue_says_what_is_wrong(mini, tmp_path):
    mini.record("kapot", "id: kapot\n")
    with pytest.raises(build.BuildFailed) as exc:
        make_app(mini, tmp_path / "inst")
    assert "kapot.yaml:1:" in str(exc.value)


def test_instance_folder_that_cannot_be_made_gives_clear_message(mini, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    with pytest.raises(InstanceNotWritable) as exc:
        make_app(mini, blocker / "inst")
    assert "KB_INSTANCE" in str(exc.value)


def test_requests_during_rebuilds_all_succeed(mini, tmp_path):
    inst = tmp_path / "inst"
    app = make_app(mini, inst)
    errors = []
    stop = threading.Event()

    def reader():
        client = app.test_client()
        while not stop.is_set():
            for url in ("/", "/interventies?q=scan", "/interventies/goede-scan", "/api/v1/interventies"):
                r = client.get(url)
                if r.status_code != 200:
                    errors.append((url, r.status_code))
            stop.wait(0.005)  # leave the build some of the interpreter

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        # Builds run in their own process, as when an editor runs 'kb build' beside the site.
        for i in range(5):
            mini.record(f"extra-{i}", title=f"Extra {i}")
            subprocess.run([sys.executable, "-m", "kb", "--catalogue", str(mini.root), "build", "--instance", str(inst)],
                           check=True, capture_output=True)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert app.test_client().get("/interventies/extra-4").status_code == 200
