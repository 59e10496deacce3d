"""The pull-request summary, on a temporary git repository."""
import os
import shutil
import subprocess
import sys

import pytest

from kb import prsummary
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is niet geïnstalleerd")

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
       "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.nl",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.nl"}


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True).stdout


def record(repo, rid, title, extra=""):
    path = repo / "catalogue" / "interventies" / f"{rid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(f"regel {i}: dezelfde inhoud voor hernoemen" for i in range(20))
    path.write_text(f"id: {rid}\ntitle: \"{title}\"\n{body}\n{extra}", encoding="utf-8")


@pytest.fixture()
def repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    record(repo, "blijft", "Blijft gelijk")
    record(repo, "wordt-gewijzigd", "Wordt gewijzigd")
    record(repo, "wordt-verwijderd", "Wordt verwijderd")
    record(repo, "oude-naam", "Wordt hernoemd")
    (repo / "README.md").write_text("x\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "basis")
    git(repo, "checkout", "-q", "-b", "voorstel")
    record(repo, "nieuw", "Nieuwe interventie: met dubbele punt")
    record(repo, "wordt-gewijzigd", "Wordt gewijzigd", extra="summary: nieuw\n")
    (repo / "catalogue" / "interventies" / "wordt-verwijderd.yaml").unlink()
    (repo / "catalogue" / "interventies" / "oude-naam.yaml").rename(repo / "catalogue" / "interventies" / "nieuwe-naam.yaml")
    (repo / "catalogue" / "interventies" / "notities.txt").write_text("geen record\n")
    (repo / "README.md").write_text("anders\n")  # outside the catalogue: not listed
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "voorstel")
    # The base branch moves on after the branch point; three dots ignore that, as GitHub does.
    git(repo, "checkout", "-q", "main")
    record(repo, "later-op-main", "Later op main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "verder op main")
    git(repo, "checkout", "-q", "voorstel")
    return repo


def test_changes(repo):
    assert prsummary.changes("main", repo) == {
        "added": ["catalogue/interventies/nieuw.yaml", "catalogue/interventies/nieuwe-naam.yaml"],
        "changed": ["catalogue/interventies/wordt-gewijzigd.yaml"],
        "removed": ["catalogue/interventies/oude-naam.yaml", "catalogue/interventies/wordt-verwijderd.yaml"],
    }


def test_summary_markdown(repo):
    text = prsummary.summary("main", repo)
    assert text.startswith("## Interventies in deze pull request\n\n2 toegevoegd, 1 gewijzigd, 2 verwijderd.")
    assert "### Toegevoegd\n- `nieuw`: Nieuwe interventie: met dubbele punt\n- `nieuwe-naam`: Wordt hernoemd\n" in text
    assert "### Gewijzigd\n- `wordt-gewijzigd`: Wordt gewijzigd\n" in text
    assert "### Verwijderd (controleer verwijzingen in 'related')\n- `oude-naam`\n- `wordt-verwijderd`" in text
    assert "later-op-main" not in text and "blijft" not in text and "notities" not in text


def test_no_changes(repo):
    git(repo, "checkout", "-q", "main")
    assert "Geen interventies toegevoegd, gewijzigd of verwijderd." in prsummary.summary("main", repo)


def test_command_line(repo):
    env = {**ENV, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "kb.prsummary", "main"], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "2 toegevoegd" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "kb.prsummary", "origin/bestaat-niet"], cwd=repo, env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "fetch-depth: 0" in bad.stderr
    usage = subprocess.run([sys.executable, "-m", "kb.prsummary"], cwd=repo, env=env, capture_output=True, text=True)
    assert usage.returncode == 2 and "Gebruik" in usage.stderr
