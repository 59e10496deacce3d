"""Summary of a pull request's changes to the interventions, in Dutch Markdown for reviewers.

    python -m kb.prsummary origin/main >> "$GITHUB_STEP_SUMMARY"

Compares BASE...HEAD (from the merge base, as GitHub shows a pull request) under
catalogue/interventies and lists the records added, changed and removed. Renames are not
detected: the file name is the record's id, so a new name is a new id (and the old one is gone).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

INTERVENTIONS = "catalogue/interventies"
_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


def changes(base: str, repo: Path | str = ".", folder: str = INTERVENTIONS) -> dict:
    """Records added, changed and removed between the merge base of `base` and HEAD (paths)."""
    out = subprocess.run(["git", "diff", "--name-status", "--no-renames", f"{base}...HEAD", "--", folder],
                         cwd=repo, capture_output=True, text=True, check=True).stdout
    result: dict = {"added": [], "changed": [], "removed": []}
    for line in out.splitlines():
        status, _, path = line.partition("\t")
        if not path.endswith(".yaml"):
            continue
        key = {"A": "added", "D": "removed"}.get(status[:1], "changed")  # M, T
        result[key].append(path)
    return result


def _title(repo: Path, path: str) -> str:
    try:
        match = _TITLE.search((Path(repo) / path).read_text(encoding="utf-8"))
    except OSError:
        return ""
    return match.group(1).strip().strip("\"'") if match else ""


def _line(repo: Path, path: str) -> str:
    title = _title(repo, path)
    return f"- `{Path(path).stem}`" + (f": {title}" if title else "")


def summary(base: str, repo: Path | str = ".") -> str:
    """Markdown for $GITHUB_STEP_SUMMARY."""
    repo = Path(repo)
    ch = changes(base, repo)
    total = sum(len(v) for v in ch.values())
    lines = ["## Interventies in deze pull request", ""]
    if not total:
        return "\n".join(lines + ["Geen interventies toegevoegd, gewijzigd of verwijderd.", ""])
    lines.append(f"{len(ch['added'])} toegevoegd, {len(ch['changed'])} gewijzigd, {len(ch['removed'])} verwijderd.")
    for key, heading in (("added", "Toegevoegd"), ("changed", "Gewijzigd")):
        if ch[key]:
            lines += ["", f"### {heading}", *(_line(repo, p) for p in ch[key])]
    if ch["removed"]:
        lines += ["", "### Verwijderd (controleer verwijzingen in 'related')"]
        lines += [f"- `{Path(p).stem}`" for p in ch["removed"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print("Gebruik: python -m kb.prsummary BASIS   (bijvoorbeeld origin/main)", file=sys.stderr)
        return 2
    try:
        print(summary(argv[0]), end="")
    except subprocess.CalledProcessError as exc:
        print(f"git diff mislukte: {exc.stderr.strip()}. Is de basis '{argv[0]}' opgehaald (fetch-depth: 0)?",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
