"""Where things live: the repository's catalogue and the shared source documents."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Path(os.environ.get("KB_CATALOGUE", ROOT / "catalogue"))
# The plain-text source documents sit beside the repository (../shared/sources).
SOURCES = Path(os.environ.get("KB_SOURCES", ROOT.parent / "shared" / "sources"))
# Runtime files (the built store) live in the instance folder, never in the repository's data.
INSTANCE = Path(os.environ.get("KB_INSTANCE", ROOT / "instance"))
