"""The build writes SQLite and the index atomically; a broken catalogue never replaces a good build."""
import sqlite3

import pytest

from kb import build, index as search_index
from kb.serving import StoreHolder
from tests.conftest import REAL_CATALOGUE


def test_build_writes_database_and_index(mini, tmp_path):
    mini.record("tweede-scan", title="Tweede scan")
    result = build.build(mini.root, tmp_path / "inst")
    assert build.current_build(tmp_path / "inst") == result.path
    db = sqlite3.connect(result.path / build.DB_NAME)
    assert db.execute("select count(*) from interventions").fetchone()[0] == 2
    assert db.execute("select theme_id from intervention_themes where intervention_id='goede-scan'").fetchall() == [
        ("veilig-gezond-vitaal",)]
    assert db.execute("select url from links where intervention_id='goede-scan'").fetchone()[0] == "https://www.example.nl/"
    assert db.execute("select count(*) from sectors").fetchone()[0] > 20
    assert (result.path / build.INDEX_DIR).is_dir()
    assert result.counts["interventions"] == 2


def test_real_catalogue_builds_with_every_record(built_instance):
    current = build.current_build(built_instance)
    db = sqlite3.connect(current / build.DB_NAME)
    n_files = len(list((REAL_CATALOGUE / "interventies").glob("*.yaml")))
    assert db.execute("select count(*) from interventions").fetchone()[0] == n_files


def test_broken_catalogue_never_replaces_good_build(mini, tmp_path):
    inst = tmp_path / "inst"
    good = build.build(mini.root, inst).path
    mini.record("kapot", "id: kapot\ntitle: [\n")
    with pytest.raises(build.BuildFailed) as exc:
        build.build(mini.root, inst)
    assert "interventies/kapot.yaml:3:" in str(exc.value) or "kapot.yaml:" in str(exc.value)
    assert "De vorige bouw blijft in gebruik" in str(exc.value)
    assert build.current_build(inst) == good
    # ensure_build keeps serving the previous good build and logs the problem
    assert build.ensure_build(mini.root, inst) == good


def test_crash_halfway_leaves_nothing_visible(mini, tmp_path, monkeypatch):
    inst = tmp_path / "inst"
    good = build.build(mini.root, inst).path
    mini.record("nieuw", title="Nieuw")

    def explode(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(search_index, "write_index", explode)
    with pytest.raises(OSError):
        build.build(mini.root, inst)
    assert build.current_build(inst) == good
    leftovers = [p.name for p in (inst / build.BUILDS).iterdir() if p.name.startswith(".tmp")]
    assert leftovers == []


def test_ensure_build_rebuilds_only_on_change(mini, tmp_path):
    inst = tmp_path / "inst"
    first = build.ensure_build(mini.root, inst)
    assert build.ensure_build(mini.root, inst) == first
    mini.record("extra", title="Extra")
    second = build.ensure_build(mini.root, inst)
    assert second != first


def test_running_site_switches_to_new_build(mini, tmp_path):
    inst = tmp_path / "inst"
    build.build(mini.root, inst)
    holder = StoreHolder(inst)
    assert set(holder.get().records) == {"goede-scan"}
    mini.record("extra", title="Extra")
    build.build(mini.root, inst)
    assert set(holder.get().records) == {"goede-scan", "extra"}


def test_old_builds_are_cleaned_up(mini, tmp_path):
    inst = tmp_path / "inst"
    for i in range(5):
        mini.record(f"r{i}", title=f"R{i}")
        build.build(mini.root, inst)
    kept = [p for p in (inst / build.BUILDS).iterdir() if not p.name.startswith(".")]
    assert len(kept) == build.KEEP_BUILDS


def test_cli_build_reports_failure(mini, tmp_path):
    import subprocess
    import sys

    mini.record("kapot", "id: kapot\n")
    run = subprocess.run([sys.executable, "-m", "kb", "--catalogue", str(mini.root), "build", "--instance",
                          str(tmp_path / "inst")], capture_output=True, text=True)
    assert run.returncode == 1
    assert "kapot.yaml:1:" in run.stderr


def _boom():
    raise ValueError("kapot in het kindproces")


def test_parallel_step_returns_its_result_and_raises_its_error():
    import os

    from kb.build import _Parallel

    job = _Parallel(os.getpid)
    child_pid = job.result()
    assert isinstance(child_pid, int)  # the child's pid where forking is possible, else ours
    with pytest.raises(ValueError, match="kindproces"):
        _Parallel(_boom).result()
    _Parallel(_boom).cancel()  # a cancelled job's error is not raised
