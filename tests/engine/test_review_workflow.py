"""The pull-request workflow (.github/workflows/review.yml): review before publishing, with
nothing that could publish or leak — read-only token, no secret, actions pinned by commit,
no credentials left in the checkout — and zizmor's audits pass."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
import pytest
import yaml


ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "review.yml"


def _load():
    text = WORKFLOW.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return text, data, data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as True


def test_runs_on_pull_requests_that_touch_the_sheet_or_an_article_and_never_deploys():
    text, data, on = _load()
    assert set(on) == {"pull_request"}
    paths = on["pull_request"]["paths"]
    assert "facts.yml" in paths and "seeds/**" in paths and "journal.json" in paths
    assert data["permissions"] == {"contents": "read"}
    (job,) = data["jobs"].values()
    assert "permissions" not in job  # the workflow's read-only token, nothing more
    runs = " ".join(step.get("run", "") for step in job["steps"])
    for command in ("make check", "make review", "make site"):
        assert command in runs
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert sorted(s["with"]["path"] for s in uploads) == ["review.html", "site/"]
    assert "secrets." not in text and "deploy-pages" not in text and "pages: write" not in text


def test_actions_are_pinned_by_commit_with_their_version_and_checkout_keeps_no_credentials():
    text, data, _ = _load()
    (job,) = data["jobs"].values()
    for step in job["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        pytest.skip("zizmor n'est pas installé (pip install zizmor, requirements-test.txt)")
    done = subprocess.run([zizmor, "--offline", "--persona=pedantic", "--no-progress", str(WORKFLOW)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "No findings" in done.stdout + done.stderr, done.stdout + done.stderr
