"""The editors' documentation and repository files agree with the code they describe."""
import json
import re

import pytest
import yaml

from kb import schema, validation
from tests.conftest import REAL_CATALOGUE, ROOT, VALID_RECORD

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _field_rows():
    rows = {}
    for line in CONTRIBUTING.splitlines():
        m = re.match(r"^\| `([a-z_]+)` \| (ja|nee) \| (.+) \|$", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


def test_every_field_is_explained_with_the_right_required_flag():
    rows = _field_rows()
    assert list(rows) == schema.field_names(schema.RECORD_FIELDS)
    for f in schema.RECORD_FIELDS:
        assert rows[f.name][0] == ("ja" if f.required else "nee"), f.name
    assert "hoogstens 160 tekens" in rows["title"][1] and str(schema.TITLE_MAX) == "160"
    assert "hoogstens 300 tekens" in rows["summary"][1] and str(schema.SUMMARY_MAX) == "300"


def test_vocabulary_values_named_in_the_guide_exist():
    vocab = validation.load(REAL_CATALOGUE)[0].vocab.by_name
    for value in re.findall(r"`([A-D])` (?:kennis|analyse|concrete|cultuur)", CONTRIBUTING):
        assert value in vocab["chain_categories"]
    for origin in ("bron", "redactie"):
        assert origin in vocab["chain_origins"]
    assert "sectoroverstijgend" in vocab["sectors"]


def test_full_example_passes_validation(mini):
    example = re.search(r"### Een volledig voorbeeld\n\n```yaml\n(.*?)```", CONTRIBUTING, re.S).group(1)
    assert example.startswith("# yaml-language-server: $schema=../../schema/interventie.schema.json\n")
    mini.write("organisaties/tno.yaml", "id: tno\nname: TNO\nkind: kennisinstituut\n")
    path = mini.write("interventies/werkdrukscan-voor-teams.yaml", example)
    problems = [p.format(mini.root) for p in validation.load(mini.root)[1]]
    assert problems == []
    assert set(yaml.safe_load(path.read_text())) >= {f.name for f in schema.RECORD_FIELDS if f.required}


def test_issue_form_offers_every_source():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/nieuwe-interventie.yml").read_text(encoding="utf-8"))
    [dropdown] = [b for b in form["body"] if b.get("id") == "bron"]
    options = dropdown["attributes"]["options"]
    for source in validation.load(REAL_CATALOGUE)[0].vocab.by_name["sources"]:
        assert any(o.startswith(source.label) for o in options), source.label


@pytest.mark.parametrize("name", ["nieuwe-interventie.yml", "fout-melden.yml"])
def test_issue_forms_are_well_formed(name):
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert form["name"] and form["description"] and form["body"]
    ids = [b["id"] for b in form["body"] if "id" in b]
    assert len(ids) == len(set(ids))
    for block in form["body"]:
        assert block["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        assert "label" in block["attributes"] or block["type"] == "markdown"


def test_workflow_runs_the_checks():
    wf = yaml.safe_load((ROOT / ".github/workflows/catalogus.yml").read_text(encoding="utf-8"))
    assert "pull_request" in wf[True]  # PyYAML reads the key 'on' as True
    steps = wf["jobs"]["controleren"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    order = [runs.index(cmd) for cmd in ("make install", ".venv/bin/python -m kb.prsummary",
                                         ".venv/bin/python -m kb validate",
                                         ".venv/bin/python -m pytest")]
    assert order == sorted(order)
    tests = [s for s in steps if ".venv/bin/python -m pytest" in s.get("run", "")][0]
    assert tests["env"]["KB_REQUIRE_BROWSER"] == "1" and "--ignore" not in tests["run"]
    assert '"origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"' in runs


def test_pre_commit_hook_validates_the_catalogue():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = [r for r in config["repos"] if r["repo"] == "local"]
    hooks = {h["id"]: h for h in local["hooks"]}
    hook = hooks["kb-validate"]
    assert hook["entry"] == ".venv/bin/python -m kb validate"
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "catalogue/interventies/x.yaml")
    assert not re.search(hook["files"], "kb/cli.py")


def test_pull_request_template_has_a_checklist():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 8
    assert "kb copycheck" in text and "effectief" in text and "sources" in text


def test_vscode_settings_point_at_the_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    [(schema_path, pattern)] = settings["yaml.schemas"].items()
    assert (ROOT / schema_path).is_file()
    assert pattern == "catalogue/interventies/*.yaml"


def test_a_broken_record_fails_the_workflow_with_annotations(mini):
    """The workflow's own validate and annotate steps, run on a pull request with a broken record."""
    import subprocess
    import sys

    wf = yaml.safe_load((ROOT / ".github/workflows/catalogus.yml").read_text(encoding="utf-8"))
    steps = {s.get("name"): s for s in wf["jobs"]["controleren"]["steps"]}
    validate = steps["Catalogus controleren (kb validate)"]["run"]
    annotate = steps["Fouten bij de regels in de pull request tonen"]["run"]
    mini.record("kapot", VALID_RECORD.format(id="kapot", title="Kapot").replace("chain_category: B", "chain_category: E"))
    repo = mini.root.parent  # the mini catalogue sits in <repo>/catalogue, as in a checkout
    env = {"PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(repo / "summary.md")}
    (repo / ".venv" / "bin").mkdir(parents=True)
    wrapper = repo / ".venv" / "bin" / "python"  # a symlink would lose the virtual environment
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    script = validate.replace("-m kb validate", "-m kb --catalogue catalogue validate")
    run = subprocess.run(["bash", "-c", script], cwd=repo, env={**env, "PYTHONPATH": str(ROOT)},
                         capture_output=True, text=True)
    assert run.returncode != 0  # the step fails, so the pull request shows a red cross
    assert "catalogue/interventies/kapot.yaml:" in run.stdout
    out = subprocess.run(["bash", "-c", annotate], cwd=repo, env=env, capture_output=True, text=True).stdout
    assert re.search(r"^::error file=catalogue/interventies/kapot\.yaml,line=\d+::.*'E'", out, re.M), out
    summary = (repo / "summary.md").read_text(encoding="utf-8")
    assert "De catalogus bevat fouten" in summary and "kapot.yaml" in summary
