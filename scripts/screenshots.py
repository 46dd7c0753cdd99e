"""Screenshots of every page and of the diagrams in headless Chromium, for reviewers:
`make screenshots`.

Builds the site (from `facts.yml` when the project has one, else from the fixture story
in a temporary folder), serves it on 127.0.0.1 and photographs, at 390 px and 1280 px, in
the light and the dark palette: each diagram into `screenshots/`, and every page of the
site, whole (in parts of MAX_HEIGHT px when taller), into `screenshots/pages/`. The PNGs
are reduced to a palette of PALETTE colours (Pillow) to keep the folder small. Any request
that leaves 127.0.0.1 is blocked and reported, and so is a page wider than the window.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM, CHROMIUM_ARGS, add_engine, serve_site, site_prefix  # noqa: E402

from explainer.pipeline import Project, run_build  # noqa: E402

#: (file name, the page: what it shows (`Theme.shows`) or "index", CSS selector of the figure)
SHOTS = [
    ("frise", "deadlines", "#frise"),
    ("frise-accueil", "index", "#frise"),
    ("carte-acteurs", "actors", "#carte"),
    ("accords", "deals", ".diagram--deals"),
]
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
#: A whole page is photographed at most this tall (Chromium's largest capture is 16,384 px).
MAX_HEIGHT = 16000
#: Colours kept in each PNG: text, the palette's few colours and their anti-aliasing.
PALETTE = 64


def build(tmp: Path, sheet: Path | None) -> tuple[Path, str, dict[str, str]]:
    """Build the site; returns its folder, which fact sheet it shows and where each diagram's page is.

    `sheet`: another fact sheet to show with the fixture story's articles (for previews).
    """
    if sheet is None and (ROOT / "facts.yml").exists():
        project, origin = Project(root=ROOT), "facts.yml"
    else:
        story = ROOT / "tests" / "fixtures" / "story"
        shutil.copytree(story, tmp, dirs_exist_ok=True)
        if sheet is not None:
            shutil.copy(sheet, tmp / "facts.yml")
        add_engine(tmp, templates=False)
        origin = str(sheet or "tests/fixtures/story/facts.yml")
        project = Project(root=tmp, templates=str(ROOT / "templates"))
    result = run_build(project)
    if not result.ok:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        for warning in result.mkdocs_warnings:
            print(warning, file=sys.stderr)
        raise SystemExit("la construction du site a échoué : pas de captures")
    site = result.site
    pages = {kind: site.showing(kind).address.url.lstrip("/") for kind in ("actors", "deadlines", "deals") if site.showing(kind)}
    every = [p.address.url.lstrip("/") for p in site.pages]
    return project.path("site"), origin, {"index": "", **pages}, every


def optimise(path: Path) -> None:
    """The PNG with a palette of PALETTE colours, compressed as much as Pillow can. The palette
    is an octree's: it keeps a hue few pixels have (a legend's swatch, one badge), which median
    cut merged into its neighbour (visual review 2 could not trust the diagrams' colours)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=PALETTE, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def whole_page(page, target: Path) -> list[Path]:
    """Photograph the page whole: the viewport is made as tall as the page (not `full_page`,
    which lays the page out again at a tiny viewport mid-capture). A page taller than
    MAX_HEIGHT is photographed in parts, `name-1.png`, `name-2.png`…"""
    width = page.viewport_size["width"]
    height = page.evaluate("document.documentElement.scrollHeight")
    parts = -(-height // MAX_HEIGHT)
    targets = [target] if parts == 1 else [target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, parts + 1)]
    page.set_viewport_size({"width": width, "height": min(height, MAX_HEIGHT)})
    for n, part in enumerate(targets):
        page.evaluate(f"window.scrollTo(0, {n * MAX_HEIGHT})")
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=str(part), animations="disabled", caret="hide")
        optimise(part)
    page.set_viewport_size({"width": width, "height": 900})
    return targets


def sideways(page, path: str, width: int) -> list[str]:
    """The failure to report when the page scrolls sideways at this width, if it does."""
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return [f"{path} à {width} px : la page défile horizontalement ({wide} px)"] if wide > 0 else []


def main(argv: list[str]) -> int:
    import argparse

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, help="une autre fiche de faits, avec les articles de la fixture")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="dossier des captures")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        site, origin, pages, every = build(Path(tmp) / "project", args.facts)
        (out / "pages").mkdir(exist_ok=True)
        print(f"Captures depuis {origin}")
        with serve_site(site, site.parent / "mkdocs.yml") as server, sync_playwright() as p:
            base = server + site_prefix(site.parent / "mkdocs.yml")
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in WIDTHS:
                for scheme in SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    outside: list[str] = []

                    def route(r, outside=outside):
                        if r.request.url.startswith(base):
                            return r.continue_()
                        outside.append(r.request.url)
                        return r.abort()

                    context.route("**/*", route)
                    page = context.new_page()
                    for name, shows, selector in SHOTS:
                        if shows not in pages:
                            continue  # no theme shows them in this story
                        path = pages[shows]
                        page.goto(base + path)
                        # the theme's sticky header would cover the top of a figure scrolled into view
                        page.add_style_tag(content=".md-header { position: static !important; }")
                        figure = page.locator(selector)
                        if figure.count() == 0:
                            failures.append(f"{path}: pas de schéma {selector}")
                            continue
                        target = out / f"{name}-{width}-{scheme}.png"
                        figure.first.screenshot(path=str(target))
                        optimise(target)
                        failures += sideways(page, path, width)
                        print(target)
                    for path in every:
                        page.goto(base + path)
                        page.add_style_tag(content=".md-header { position: static !important; }")
                        target = out / "pages" / f"{path.strip('/').replace('/', '-') or 'accueil'}-{width}-{scheme}.png"
                        for part in whole_page(page, target):
                            print(part)
                        failures += sideways(page, path, width)
                    if outside:
                        failures.append(f"requêtes hors du site bloquées : {sorted(set(outside))}")
                    context.close()
            browser.close()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main(sys.argv[1:]))
