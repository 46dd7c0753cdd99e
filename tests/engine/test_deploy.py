"""Publishing: the GitHub Pages workflow uses current majors of GitHub's actions with least
privilege per job, and the built site/ has the modes MkDocs would give it (the umask), so a
web server running as another user serves it (200, not 403)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen
import pytest
import yaml

#: Oldest accepted major of each action (Node-24 era; the Node-20 ones are deprecated).


MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 4,
    "actions/deploy-pages": 5,
}
PAGES_SCOPES = {"pages", "id-token"}


def workflow(real_root: Path) -> dict:
    return yaml.safe_load((real_root / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))


def test_actions_are_current_majors(real_root):
    import re

    used = {}  # pinned by commit, the version in a comment (tests/engine/test_workflow.py)
    text = (real_root / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    for name, version in re.findall(r"uses:\s*([\w./-]+)@\S+\s*#\s*v(\d+)", text):
        used[name] = int(version)
    assert set(used) == set(MAJORS)
    assert {name: major for name, major in used.items() if major < MAJORS[name]} == {}


def test_least_privilege_per_job(real_root):
    flow = workflow(real_root)
    assert flow.get("permissions") == {}  # nothing granted by default
    jobs = flow["jobs"]
    for name, job in jobs.items():
        runs_code = any("run" in step for step in job["steps"])
        granted = set(job.get("permissions", {}))
        if runs_code:  # the job that runs the project (and pip-installed code) can't publish
            assert job["permissions"] == {"contents": "read"}, name
        else:
            assert "contents" not in granted, name
    deploy = next(job for job in jobs.values() if any("deploy-pages" in s.get("uses", "") for s in job["steps"]))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    address = next(job for job in jobs.values() if any("configure-pages" in s.get("uses", "") for s in job["steps"]))
    assert address["permissions"] == {"pages": "read"}


def test_pip_cache_and_the_readme_command(real_root):
    build = next(job for job in workflow(real_root)["jobs"].values() if any("run" in s for s in job["steps"]))
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.txt"
    assert [s["run"] for s in build["steps"] if "run" in s] == ["make site"]
    readme = (real_root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publier sur GitHub Pages", 1)[1].split("\n## ", 1)[0]
    assert "GitHub Actions" in section and "1." in section and "2." in section and "3." in section


def expected_modes() -> tuple[int, int]:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask, 0o666 & ~mask


def test_site_modes_follow_the_umask(real_copy):
    """What MkDocs itself gives site/ when it creates it: folders 0777 & ~umask, files
    0666 & ~umask (not the 0700 of the temporary folder it is built in)."""
    dirs, files = expected_modes()
    site = real_copy.path("site")
    wrong = []
    for path in [site, *site.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        want = dirs if path.is_dir() else files
        if mode != want:
            wrong.append((str(path.relative_to(site)), oct(mode), oct(want)))
    assert wrong == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to run a server as another user")
def test_served_by_another_user(tmp_path_factory):
    """Built under the usual umask (022) in a folder others may enter, site/ is served by a web
    server running as `nobody`: every page answers 200."""
    from helpers import make_project

    from explainer.pipeline import run_build

    base = Path(tempfile.mkdtemp(prefix="explainer-served-"))  # /tmp: 1777, so nobody may enter
    try:
        os.chmod(base, 0o755)
        old = os.umask(0o022)
        try:
            project = make_project(base / "project")
            assert run_build(project).ok
        finally:
            os.umask(old)
        site = project.path("site")
        os.chmod(project.root, 0o755)  # the project folder itself comes from a copy; site/ is what we check
        port = _free_port()
        server = subprocess.Popen(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", os.path.realpath(sys.executable), "-I", "-m", "http.server",
             "--bind", "127.0.0.1", "--directory", str(site), str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            pages = sorted(p.relative_to(site) for p in site.rglob("index.html"))
            assert len(pages) > 5
            statuses = {}
            deadline = time.monotonic() + 30
            for page in pages:
                url = f"http://127.0.0.1:{port}/{page.parent.as_posix()}/".replace("/./", "/")
                while True:
                    try:
                        with urlopen(url, timeout=5) as r:
                            statuses[str(page)] = r.status
                        break
                    except HTTPError as e:
                        statuses[str(page)] = e.code
                        break
                    except OSError:
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise
                        time.sleep(0.2)
            assert set(statuses.values()) == {200}, statuses
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(base, ignore_errors=True)
