import shutil
import textwrap
from pathlib import Path

import pytest

from kb import paths

ROOT = Path(__file__).resolve().parent.parent
REAL_CATALOGUE = ROOT / "catalogue"


@pytest.fixture(scope="session")
def built_instance(tmp_path_factory):
    """The real catalogue, built once for the whole test session."""
    from kb import build

    instance = tmp_path_factory.mktemp("instance")
    build.build(REAL_CATALOGUE, instance)
    return instance


@pytest.fixture(scope="session")
def app(built_instance):
    from app import create_app

    return create_app({"TESTING": True, "INSTANCE": str(built_instance), "CATALOGUE": str(REAL_CATALOGUE)})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def store(app):
    return app.extensions["kb_store"].get()


VALID_RECORD = """\
id: {id}
title: {title}
summary: Een korte samenvatting van de interventie in eigen woorden.
description: |
  Een beschrijving van de interventie. Zij helpt werkgevers om risico's te zien.
themes: [veilig-gezond-vitaal]
subthemes: [veilig-werken]
chain_category: B
chain_category_origin: bron
intervention_type: scan
sectors: [sectoroverstijgend]
target_groups: [werkgevers]
organisations: [test-org]
links:
  - url: https://www.example.nl/
    label: Website
sources:
  - document: quickscan
    section: "2.4"
added: 2026-11-24
last_reviewed: 2026-11-24
"""


class MiniCatalogue:
    """A small catalogue with the real vocabularies, for tests that break things on purpose."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REAL_CATALOGUE / "vocabularies", root / "vocabularies")
        shutil.copy(REAL_CATALOGUE / "synonyms.yaml", root / "synonyms.yaml")
        shutil.copy(REAL_CATALOGUE / "general_words.yaml", root / "general_words.yaml")
        (root / "interventies").mkdir()
        (root / "organisaties").mkdir()
        (root / "kennisbank").mkdir()
        self.write("organisaties/test-org.yaml", "id: test-org\nname: Testorganisatie\nkind: kennisinstituut\n")
        self.record("goede-scan", title="Goede scan")

    def write(self, relpath: str, text: str) -> Path:
        path = self.root / relpath
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def record(self, rid: str, text: str | None = None, **fmt) -> Path:
        fmt.setdefault("id", rid)
        fmt.setdefault("title", rid.replace("-", " ").capitalize())
        return self.write(f"interventies/{rid}.yaml", text if text is not None else VALID_RECORD.format(**fmt))


@pytest.fixture()
def mini(tmp_path):
    return MiniCatalogue(tmp_path / "catalogue")


@pytest.fixture()
def sources_dir():
    if not paths.SOURCES.is_dir():
        pytest.skip(f"brondocumenten niet gevonden in {paths.SOURCES}")
    return paths.SOURCES
