"""The Pages workflow, audited: zizmor (offline) finds nothing, every action is pinned by
full commit with its version in a comment, and the checkout keeps no credentials."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
import pytest
import yaml

from helpers import ROOT


WORKFLOWS = ROOT / ".github" / "workflows"


def steps():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in data["jobs"].items():
            for step in job.get("steps", []):
                yield path.name, name, step


def test_every_action_is_pinned_by_commit_with_its_version():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(WORKFLOWS.glob("*.yml")))
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses, "no action found: the test checks nothing"
    for ref, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{ref}: pin the action by its full commit"
        assert re.search(r"#\s*v\d+(\.\d+)*", rest), f"{ref}: say its version in a comment (# v1.2.3)"


def test_checkout_keeps_no_credentials():
    checkouts = [(f, j, s) for f, j, s in steps() if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for file, job, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, f"{file} {job}: persist-credentials: false"


def _zizmor() -> str | None:
    beside = Path(sys.executable).with_name("zizmor")
    return str(beside) if beside.exists() else shutil.which("zizmor")


def test_zizmor_finds_nothing():
    tool = _zizmor()
    if tool is None:
        pytest.skip("zizmor is not installed (requirements-test.txt installs it)")
    run = subprocess.run([tool, "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout + run.stderr, run.stdout + run.stderr
