"""The catalogue against its sources: every URL a source gives is on a record, and no record or
page copies a run of eight or more words from a source (the content guide's two hard rules)."""
import re

from kb import validation
from kb.copycheck import SourceIndex, record_texts
from tests.conftest import REAL_CATALOGUE

# URLs in the sources that belong to no intervention, and why.
NOT_AN_INTERVENTION = {
    "www.tbbouw.nl": "colofon van het Bouw & Infra-plan: de uitgever",
    "www.studiotof.nl": "colofon van het Bouw & Infra-plan: de vormgever",
}
_URL = re.compile(r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+")


def _norm(url: str) -> str:
    url = url.rstrip(".,;:").lower()
    while re.match(r"^https?://", url):  # the source once prints 'https://https://'
        url = re.sub(r"^https?://", "", url)
    return re.sub(r"^www\.", "", url).rstrip("/")


def test_every_url_in_the_sources_is_on_a_record(sources_dir):
    cat, problems = validation.load(REAL_CATALOGUE)
    assert not problems
    links = {_norm(link["url"]) for rec in cat.records.values() for link in rec["links"]}
    missing = []
    for path in sorted(sources_dir.glob("*.txt")):
        for url in _URL.findall(path.read_text(encoding="utf-8")):
            if url.rstrip(".,;:") in NOT_AN_INTERVENTION:
                continue
            u = _norm(url)
            # A record may keep a URL without its tracking part (?gclid=, #:~:text=).
            if not any(u == link or u.startswith(link) or link.startswith(u) for link in links):
                missing.append(f"{path.name}: {url}")
    assert not missing, "\n".join(missing)


def test_no_run_of_eight_words_is_copied_from_a_source(sources_dir):
    index = SourceIndex.from_folder(sources_dir)
    files = sorted((REAL_CATALOGUE / "interventies").glob("*.yaml")) + sorted((REAL_CATALOGUE / "kennisbank").glob("*.md"))
    copied = [f"{path.name}: {field}: \"{run}\"" for path in files
              for field, value in record_texts(path).items() for run in index.copied_runs(value)]
    assert not copied, "\n".join(copied)
