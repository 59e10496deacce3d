"""Links from the site into the git repository where editors change the catalogue.

The repository address is configurable (KB_REPOSITORY_URL, or REPOSITORY_URL in the app config), so
a fork or a move to another host only changes one setting. Paths are the records' own paths
relative to catalogue/, as the build stores them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote, urlencode

DEFAULT_URL = "https://github.com/kennisbank-di/kennisbank"
DEFAULT_BRANCH = "main"
PROPOSE_TEMPLATE = "nieuwe-interventie.yml"  # .github/ISSUE_TEMPLATE/
REPORT_TEMPLATE = "fout-melden.yml"


@dataclass(frozen=True)
class Repository:
    url: str = DEFAULT_URL
    branch: str = DEFAULT_BRANCH

    @classmethod
    def from_config(cls, config) -> "Repository":
        url = config.get("REPOSITORY_URL") or os.environ.get("KB_REPOSITORY_URL") or DEFAULT_URL
        branch = config.get("REPOSITORY_BRANCH") or os.environ.get("KB_REPOSITORY_BRANCH") or DEFAULT_BRANCH
        return cls(url.rstrip("/"), branch)

    def edit_url(self, catalogue_path: str) -> str:
        """The web editor for a file under catalogue/ (e.g. 'interventies/x.yaml')."""
        return f"{self.url}/edit/{quote(self.branch)}/catalogue/{quote(catalogue_path)}"

    def file_url(self, catalogue_path: str) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/catalogue/{quote(catalogue_path)}"

    def propose_url(self) -> str:
        """A new issue from the 'nieuwe interventie voorstellen' form."""
        return f"{self.url}/issues/new?{urlencode({'template': PROPOSE_TEMPLATE})}"

    def report_url(self, title: str | None = None) -> str:
        """A new issue from the 'fout melden' form, with the record's title filled in when given."""
        params = {"template": REPORT_TEMPLATE}
        if title:
            params["title"] = f"Fout: {title}"
        return f"{self.url}/issues/new?{urlencode(params)}"

    def contributing_url(self) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/CONTRIBUTING.md"
