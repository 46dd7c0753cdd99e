"""Round 3 of the adversarial review (issue 27): each defect found on main at 3323803, as a
case that failed there. Rows of the table are rows of BAD_INPUT.md (« Round 3 »)."""

from __future__ import annotations

import difflib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
import pytest

from explainer.cli import main
from explainer.pipeline import Project, run_check
from helpers import ROOT, tree_digest


ONE = "1 problème : le site n'a pas été modifié."
A = "seeds/articles.yml"
ALPHA_URL = "url: https://example.org/alpha"
COPY = "recopiez l'adresse depuis la barre du navigateur (les caractères spéciaux y sont codés en %XX)"
FROM_ENV = (" ; la valeur vient de la variable d'environnement SITE_URL : corrigez-la là où elle est définie "
            "(le workflow de publication la prend des réglages Pages du dépôt)")


def _url(value: str) -> list[tuple[str, str, str]]:
    return [(A, ALPHA_URL, f"url: {value}")]


def _rename_article(new: str) -> list[tuple[str, str, str]]:
    return [(A, "id: beta", f"id: {new}"), ("facts.yml", "article: beta", f"article: {new}")]


# (name, edits [(file, old, new): every occurrence], environment, expected lines)
CASES = [
    # an address lands in attributes (<q cite>, <a href>, canonical links): refused unless plain
    ("url-quote", _url("'https://a.example/x\" onmouseover=\"alert(1)'"), {},
     ["seeds/articles.yml:9:10: url : « https://a.example/x\" onmouseover=\"alert(1) » : contient « \" », interdit "
      f"dans une adresse publiée ; {COPY}"]),
    ("url-angle-bracket", _url('"https://a.example/<b>x"'), {},
     [f"seeds/articles.yml:9:10: url : « https://a.example/<b>x » : contient « < », interdit dans une adresse publiée ; {COPY}"]),
    ("url-backtick", _url('"https://a.example/`c`"'), {},
     [f"seeds/articles.yml:9:10: url : « https://a.example/`c` » : contient « ` », interdit dans une adresse publiée ; {COPY}"]),
    ("url-space", _url('"https://a.example/a b/"'), {},
     [f"seeds/articles.yml:9:10: url : « https://a.example/a b/ » : contient une espace, interdit dans une adresse publiée ; {COPY}"]),
    ("url-newline", _url('"https://a.example/x\\ny/"'), {},
     ["seeds/articles.yml:9:10: url : « https://a.example/x\\ny/ » : contient un retour à la ligne, interdit dans une "
      f"adresse publiée ; {COPY}"]),
    ("url-credentials", _url('"https://user:secret@a.example/x/"'), {},
     ["seeds/articles.yml:9:10: url : « https://user:secret@a.example/x/ » : contient un identifiant ou un mot de passe "
      "(avant « @ »), qui serait publié sur chaque page ; retirez-les"]),
    ("url-query", _url('"https://a.example/x/?q=1"'), {},
     ["seeds/articles.yml:9:10: url : « https://a.example/x/?q=1 » : contient une requête (« ?… ») ; retirez-la à partir du « ? »"]),
    ("url-fragment", _url('"https://a.example/x/#frag"'), {},
     ["seeds/articles.yml:9:10: url : « https://a.example/x/#frag » : contient une ancre (« #… ») ; retirez-la à partir du « # »"]),
    ("url-dot-dot", _url('"https://a.example/../../etc/"'), {},
     ["seeds/articles.yml:9:10: url : « https://a.example/../../etc/ » : contient un segment « .. » ou « . » ; écrivez "
      "le chemin complet sans ces segments"]),
    # ids that become addresses and file names: one namespace
    ("article-id-index", _rename_article("index"), {},
     ["seeds/articles.yml:11:9: id « index » réservé par le site : la page de cet article serait publiée à l'adresse de "
      "la page Sources (/sources/) et la remplacerait ; choisissez un autre id (ex. « a005 »)"]),
    ("article-id-of-an-actor", _rename_article("mairie"), {},
     ["seeds/articles.yml:11:9: id « mairie » déjà utilisé dans facts.yml ligne 26 (actors) : un article et un élément ne "
      "peuvent pas porter le même id (leurs liens mèneraient au même endroit) ; donnez à l'article un autre id "
      "(ex. « a005 ») et reportez-le dans les « article: » des citations"]),
    ("article-id-of-a-theme", _rename_article("acteurs"), {},
     ["seeds/articles.yml:11:9: id « acteurs » déjà utilisé dans facts.yml ligne 15 (themes) : un article et un élément "
      "ne peuvent pas porter le même id (leurs liens mèneraient au même endroit) ; donnez à l'article un autre id "
      "(ex. « a005 ») et reportez-le dans les « article: » des citations"]),
    ("theme-card-named-like-an-article", [("facts.yml", "reglement", "sources-alpha")], {},
     ["facts.yml:23:10: id « sources-alpha » : ce thème aurait la même image de partage (cartes/sources-alpha.png) que "
      "la page de l'article « alpha » (/sources/alpha/) ; choisissez un id qui ne commence pas par « sources- »"]),
    # articles as pasted: an invisible character where the quote has none is named
    ("quote-zero-width-space-in-a-word", [("seeds/alpha.txt", "fermera", "fer\u200bmera")], {},
     ["facts.yml:69:16: citation introuvable dans alpha (alpha.txt) ; passage le plus proche : « Le port de Brest "
      "fer\u200bmera ses quais le 2 mars, a annoncé la mairie. » (ce passage contient un caractère invisible : espace "
      "sans chasse U+200B ; retirez-le de l'article, il vient sans doute d'un copier-coller depuis le web)",
      "facts.yml:108:43: citation introuvable dans alpha (alpha.txt) ; passage le plus proche : « fer\u200bmera ses "
      "quais le 2 mars, » (ce passage contient un caractère invisible : espace sans chasse U+200B ; retirez-le de "
      "l'article, il vient sans doute d'un copier-coller depuis le web)"]),
    # SITE_URL lands raw in every page's canonical link (Material prints it unescaped); it replaces
    # the story's address (facts.yml, story.site_url), where the problem is located
    ("site-url-quote", [], {"SITE_URL": 'https://a.example/x" onmouseover="alert(1)/'},
     ["facts.yml:12:13: site_url « https://a.example/x\" onmouseover=\"alert(1)/ » : contient « \" », interdit dans une "
      f"adresse publiée ; {COPY}{FROM_ENV}"]),
    ("site-url-angle-bracket", [], {"SITE_URL": "https://a.example/<b>x</b>/"},
     [f"facts.yml:12:13: site_url « https://a.example/<b>x</b>/ » : contient « < », interdit dans une adresse publiée ; {COPY}{FROM_ENV}"]),
    ("site-url-space", [], {"SITE_URL": "https://a.example/a b/"},
     [f"facts.yml:12:13: site_url « https://a.example/a b/ » : contient une espace, interdit dans une adresse publiée ; {COPY}{FROM_ENV}"]),
    ("site-url-newline", [], {"SITE_URL": "https://a.example/x\ny/"},
     ["facts.yml:12:13: site_url « https://a.example/x\\ny/ » : contient un retour à la ligne, interdit dans une adresse "
      f"publiée ; {COPY}{FROM_ENV}"]),
    ("site-url-query-fragment", [], {"SITE_URL": "https://a.example/x/?q=1#frag"},
     [f"facts.yml:12:13: site_url « https://a.example/x/?q=1#frag » : contient une requête (« ?… ») ; retirez-la à partir du « ? »{FROM_ENV}"]),
    ("site-url-fragment", [], {"SITE_URL": "https://a.example/x/#frag"},
     [f"facts.yml:12:13: site_url « https://a.example/x/#frag » : contient une ancre (« #… ») ; retirez-la à partir du « # »{FROM_ENV}"]),
    ("site-url-credentials", [], {"SITE_URL": "https://user:secret@a.example/x/"},
     ["facts.yml:12:13: site_url « https://user:secret@a.example/x/ » : contient un identifiant ou un mot de passe "
      f"(avant « @ »), qui serait publié sur chaque page ; retirez-les{FROM_ENV}"]),
    ("site-url-dot-dot", [], {"SITE_URL": "https://a.example/../../etc/"},
     ["facts.yml:12:13: site_url « https://a.example/../../etc/ » : contient un segment « .. » ou « . » ; écrivez le "
      f"chemin complet sans ces segments{FROM_ENV}"]),
    # mkdocs.yml: the right reason for a tag, nothing taken from outside the project
    ("mkdocs-yml-python-tag", [("mkdocs.yml", 'copyright: "', 'copyright: !!python/object/apply:os.system ["touch PWNED"]\nx: "')], {},
     ["mkdocs.yml:6:12: étiquette YAML « !!python/object/apply:os.system » non permise : elle ferait exécuter du code à "
      "la lecture de la configuration ; écrivez une valeur simple (un texte entre guillemets)"]),
    ("mkdocs-yml-docs-dir-outside", [("mkdocs.yml", "docs_dir: docs", "docs_dir: ../outside")], {},
     ["mkdocs.yml:7:1: docs_dir « ../outside » : le site se construit à partir du dossier docs du projet (le build y "
      "écrit les pages, et rien n'est publié d'ailleurs) ; écrivez « docs_dir: docs »"]),
    ("mkdocs-yml-custom-dir-outside", [("mkdocs.yml", "custom_dir: overrides", "custom_dir: ../outside")], {},
     ["mkdocs.yml:14:1: custom_dir « OUTSIDE » : hors du projet ; le build ne publie rien d'extérieur au projet : "
      "gardez « custom_dir: overrides »"]),
]


@pytest.fixture(scope="module")
def built(built_fixture):
    return built_fixture


def _copy(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "project", tmp_path / "outside"
    shutil.copytree(built, root)
    outside.mkdir()
    (outside / "assets").mkdir()
    (outside / "assets" / "secret.txt").write_text("OUTSIDE-SECRET", encoding="utf-8")
    return root, outside


@pytest.mark.parametrize("name, edits, env, expected", CASES, ids=[c[0] for c in CASES])
def test_round3_case(built, tmp_path, capsys, monkeypatch, name, edits, env, expected):
    root, outside = _copy(built, tmp_path)
    before = tree_digest(root / "site")
    for file, old, new in edits:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--root", str(root)]) == 1
    expected = [line.replace("OUTSIDE", str(outside)) for line in expected]
    assert capsys.readouterr().err.splitlines() == expected + [ONE if len(expected) == 1 else
                                                              f"{len(expected)} problèmes : le site n'a pas été modifié."]
    assert tree_digest(root / "site") == before
    assert not (tmp_path / "PWNED").exists() and not (root / "PWNED").exists()  # the tag was refused before it ran
    assert "OUTSIDE-SECRET" not in "".join(p.read_text(errors="replace") for p in (root / "site").rglob("*.txt"))


def test_every_round3_case_is_documented(real_root):
    doc = (real_root / "BAD_INPUT.md").read_text(encoding="utf-8")
    for name, *_ in CASES:
        assert f"| `{name}` |" in doc, name


# --- invisible characters: ignored where they are invisible --------------------------------


def test_soft_hyphen_and_zero_width_characters_do_not_hide_a_quote(built, tmp_path, capsys):
    """The review's case: « diri\\u00adgée par Larry\\u200bEllison » is quoted as the reader sees it."""
    root, _ = _copy(built, tmp_path)
    article = root / "seeds" / "alpha.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("fermera ses quais", "fer\u00adme\u200dra\u2060 ses\u200bquais\ufeff", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 0, capsys.readouterr().err


# --- the link manifest ------------------------------------------------------------------------


def _add_actor(root: Path, ident: str) -> None:
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "actors:\n", f"actors:\n  - id: {ident}\n    name: Acteur {ident}\n    kind: autre\n    country: FR\n    role: Un rôle.\n    wants: null\n", 1),
        encoding="utf-8")


def _links(root: Path, *extra: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def cap():
        if limit is not None:  # the file-size limit stands for a full disk: writes past it fail (EFBIG)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), "links", "--root", str(root), *extra],
                          capture_output=True, text=True, preexec_fn=cap, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_links_update_on_a_full_disk_keeps_the_whole_list(built, tmp_path):
    root, _ = _copy(built, tmp_path)
    assert _links(root, "--update").returncode == 0
    manifest = root / "links.txt"
    kept = manifest.read_bytes()
    assert len(kept) > 600
    for i in range(8):  # new elements: links.txt must grow
        _add_actor(root, f"capitainerie-du-port-de-brest-{i}")
    run = _links(root, "--update", limit=512)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert run.stderr.splitlines()[0].startswith("links.txt:1:1: impossible d'écrire links.txt (fichier trop gros pour ce "
                                                 "système de fichiers"), run.stderr
    assert "la liste précédente est restée en place" in run.stderr
    assert manifest.read_bytes() == kept  # never truncated in place
    assert not list(root.glob(".links.txt*"))


def test_the_manifest_is_checked_against_the_built_site(built, tmp_path):
    """A listed anchor that the built page lacks (two pages at one address: MkDocs keeps one
    silently) stops the build; the plan alone said all was well."""
    from explainer.links import check_built
    from explainer.pipeline import run_links
    from explainer.problems import Problems

    root, _ = _copy(built, tmp_path)
    assert _links(root, "--update").returncode == 0
    project = Project(root=root)
    result = run_links(project)
    assert result.ok and result.site is not None
    site = root / "site"
    problems = Problems()
    assert check_built(root, site, result.site, frozenset(), problems) and not problems
    page = site / "acteurs" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="mairie"', 'id="autre-chose"'), encoding="utf-8")
    (site / "sources" / "beta" / "index.html").unlink()
    assert not check_built(root, site, result.site, frozenset(), problems)
    listed = (root / "links.txt").read_text(encoding="utf-8").split("\n")
    line = listed.index("/acteurs/#mairie") + 1
    messages = [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems.items]
    assert (f"links.txt:{line}:1: l'adresse « /acteurs/#mairie » n'est pas publiée par le site construit (la page "
            "/acteurs/ n'a pas l'ancre « mairie ») : une autre page a sans doute pris l'adresse /acteurs/ ; le site "
            "n'a pas été modifié") in messages
    assert any(m.startswith(f"links.txt:{listed.index('/sources/beta/') + 1}:1: l'adresse « /sources/beta/ » n'est pas "
                            "publiée par le site construit (la page /sources/beta/ manque)") for m in messages), messages


# --- hand-kept files keep their mode -----------------------------------------------------------


def test_hand_kept_files_keep_their_mode_and_links(built, tmp_path):
    root, _ = _copy(built, tmp_path)
    assert _links(root, "--update").returncode == 0
    (root / "config").mkdir()
    (root / "mkdocs.yml").rename(root / "config" / "mkdocs.yml")
    (root / "mkdocs.yml").symlink_to("config/mkdocs.yml")  # a link inside the project stays a link
    os.chmod(root / "config" / "mkdocs.yml", 0o664)
    os.chmod(root / "links.txt", 0o664)
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("title: Règles", "title: Les règles"), encoding="utf-8")
    _add_actor(root, "pecheurs-du-port")
    hand_written = (root / "config" / "mkdocs.yml").read_bytes()
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    assert (root / "mkdocs.yml").is_symlink()
    assert (root / "config" / "mkdocs.yml").read_bytes() == hand_written  # never rewritten (issue 25)
    assert "Les règles" in (root / ".mkdocs.generated.yml").read_text(encoding="utf-8")  # the nav is in the generated one
    assert stat.S_IMODE((root / "config" / "mkdocs.yml").stat().st_mode) == 0o664
    assert _links(root, "--update").returncode == 0
    assert "/acteurs/#pecheurs-du-port" in (root / "links.txt").read_text(encoding="utf-8")
    assert stat.S_IMODE((root / "links.txt").stat().st_mode) == 0o664


# --- review reads nothing outside -------------------------------------------------------------


def test_review_reads_no_file_outside_the_project(built, tmp_path):
    from explainer.review import fingerprint

    root, outside = _copy(built, tmp_path)
    (outside / "secret.txt").write_text("one secret", encoding="utf-8")
    (root / "seeds" / "zz").symlink_to(outside / "secret.txt")
    big = root / "seeds" / "zz-video.bin"  # over the build's size bound (sparse: nothing on disk)
    with open(big, "wb") as handle:
        handle.truncate(6_000_000)
    project = Project(root=root)
    first = fingerprint(project)
    (outside / "secret.txt").write_text("another secret", encoding="utf-8")
    with open(big, "r+b") as handle:
        handle.write(b"changed")
    assert fingerprint(project) == first  # neither was read


# --- bounded suggestions ----------------------------------------------------------------------


def _bad_references(root: Path, n: int) -> None:
    """n actors `acteur-synthetique-i` and one fact naming each of them one letter off."""
    facts = root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    actors = "".join(f"  - id: acteur-synthetique-{i}\n    name: Acteur {i}\n    kind: autre\n    country: FR\n    role: Un rôle.\n"
                     "    wants: null\n" for i in range(n))
    text = text.replace("actors:\n", "actors:\n" + actors, 1)
    text = text.replace("    actors: [mairie]\n", "    actors: [mairie, " + ", ".join(f"acteur-synthetiqe-{i}" for i in range(n)) + "]\n", 1)
    facts.write_text(text, encoding="utf-8")


def _comparisons(built: Path, tmp_path: Path, n: int, monkeypatch) -> tuple[int, list]:
    counted = [0]
    real = difflib.SequenceMatcher.set_seq1

    def counting(self, a):  # every name compared with an unknown one, old code or new
        counted[0] += 1
        return real(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    root = tmp_path / f"n{n}"
    shutil.copytree(built, root)
    _bad_references(root, n)
    result = run_check(Project(root=root))
    monkeypatch.undo()
    unknown = [p for p in result.problems.items if "acteur « acteur-synthetiqe-" in p.message]
    assert len(unknown) == n  # every bad reference is still reported
    return counted[0], unknown


def test_suggestions_for_thousands_of_bad_references_grow_linearly(built, tmp_path, monkeypatch):
    """Counts comparisons (no clock): 4,000 mistyped ids took 428 s, a search over every id for
    each. Doubling the bad references must not much more than double the work."""
    small, _ = _comparisons(built, tmp_path, 300, monkeypatch)
    large, unknown = _comparisons(built, tmp_path, 600, monkeypatch)
    assert small > 0
    assert large <= 2.5 * small, (small, large)
    hinted = [p for p in unknown if "vouliez-vous dire" in p.message]
    from explainer.suggest import BUDGET

    assert 0 < len(hinted) <= BUDGET


def test_a_listing_is_cut_with_the_count_of_the_rest():
    from explainer.suggest import listing

    assert listing([f"f{i:02}.txt" for i in range(25)], 3) == "f00.txt, f01.txt, f02.txt … et 22 autres"
    assert listing(["b", "a"], 3) == "a, b"


def test_missing_article_files_list_the_folder_once(built, tmp_path, monkeypatch):
    """1,000 renamed article files re-globbed seeds/ once each (25 s)."""
    root = tmp_path / "project"
    shutil.copytree(built, root)
    articles = root / "seeds" / "articles.yml"
    entry = articles.read_text(encoding="utf-8").split("  - id: beta")[1]
    extra = "".join(f"  - id: x{i}" + entry.replace("file: beta.txt", f"file: synth-{i:05}.txt") for i in range(200))
    articles.write_text(articles.read_text(encoding="utf-8") + extra, encoding="utf-8")
    for i in range(200):
        (root / "seeds" / f"synth-{i:05}-renamed.txt").write_text("x\n", encoding="utf-8")
    globs = [0]
    real = Path.glob

    def counting(self, pattern, *args, **kwargs):
        globs[0] += 1
        return real(self, pattern, *args, **kwargs)

    monkeypatch.setattr(Path, "glob", counting)
    result = run_check(Project(root=root))
    monkeypatch.undo()
    missing = [p.message for p in result.problems.items if "introuvable dans seeds/" in p.message]
    assert len(missing) == 200
    assert globs[0] <= 2, globs[0]
    assert all(len(m) < 400 for m in missing), max(missing, key=len)  # no listing of every file in every message


# --- caches never end a build -----------------------------------------------------------------


def test_a_cache_that_cannot_be_made_costs_time_not_the_build(built, tmp_path, capsys):
    root, _ = _copy(built, tmp_path)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    (root / ".cache").write_text("not a folder", encoding="utf-8")
    facts = root / "facts.yml"  # cards to draw again
    facts.write_text(facts.read_text(encoding="utf-8").replace("title: Les quais de Brest", "title: Les quais de Brest, encore"), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--quiet"]) == 0, capsys.readouterr().err
    assert "encore" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_a_full_disk_under_the_caches_costs_time_not_the_build(built, tmp_path, capsys, monkeypatch):
    """ENOSPC on every write under .cache/ (Jinja's bytecode, the link cards): the site is built."""
    import builtins
    import errno
    import io
    import tempfile

    root, _ = _copy(built, tmp_path)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    (root / ".cache").mkdir()
    cache = str(root / ".cache")
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("title: Les quais de Brest", "title: Les quais, plein"), encoding="utf-8")

    def full(path) -> bool:
        return str(path).startswith(cache + os.sep) and not os.path.isdir(path)

    real_os_open, real_io_open, real_mkstemp = os.open, io.open, tempfile.mkstemp

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR) and full(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_os_open(path, flags, *args, **kwargs)

    def io_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and full(file):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_io_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(builtins, "open", io_open)
    capsys.readouterr()
    code = main(["build", "--root", str(root), "--quiet"])
    monkeypatch.undo()
    assert code == 0, capsys.readouterr().err
    assert "plein" in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert not [p for p in (root / ".cache").rglob("*") if p.is_file()], "a cache file was written, or a .tmp left"
    assert real_mkstemp is tempfile.mkstemp


# --- the command line -------------------------------------------------------------------------


def test_ctrl_c_is_one_french_line_and_code_130(built, tmp_path, capsys, monkeypatch):
    import explainer.cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(explainer.cli, "run_build", interrupted)
    capsys.readouterr()
    try:
        code = main(["build", "--root", str(built), "--quiet"])
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C ended the command with a traceback")
    assert code == 130
    assert capsys.readouterr().err.splitlines() == [explainer.cli.INTERRUPTED]


ASCII = {"PATH": "/usr/bin:/bin", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0", "LC_ALL": "C", "PYTHONDONTWRITEBYTECODE": "1"}


def test_an_ascii_only_terminal_never_turns_success_into_failure(built, tmp_path):
    root = tmp_path / "projet «é» ü"  # and an accented project path (Jinja's cache keys)
    shutil.copytree(built, root)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    for command in (["review"], ["links", "--update"], ["build"]):
        run = subprocess.run([sys.executable, str(ROOT / "build_site.py"), *command, "--root", os.fsencode(root)],
                             capture_output=True, env=ASCII, cwd=tmp_path)
        assert run.returncode == 0, (command, run.stdout, run.stderr)
        assert b"Traceback" not in run.stderr


# --- diagrams: a long word stays in its box ----------------------------------------------------


def test_a_word_longer_than_its_box_is_cut():
    from explainer.diagrams.layout import text_width, wrap

    word = "Oracleanticonstitutionnellementinfrastructuresnuagiquesamericaines"
    lines = wrap(f"Groupe {word} et Oracle", 12, 126, bold=True)
    assert all(text_width(line, 12, bold=True) <= 126 for line in lines), lines
    assert "".join(line.removesuffix("-") for line in lines[1:-1]) == word
    assert wrap("Mairie de Brest", 12, 126) == ["Mairie de Brest"]


def test_closest_passages_are_searched_within_a_budget(built, tmp_path, monkeypatch):
    """Each misquote's closest passage reads the whole article (0.15 s on 4.9 MB): past the
    budget, a misquote is still reported, without the search."""
    from explainer.quotes import ArticleText
    from explainer.suggest import BUDGET

    root = tmp_path / "project"
    shutil.copytree(built, root)
    facts = root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    fact = text[text.index("  - id: fermeture-quais\n"):text.index("  - id: delai-pecheurs\n")]
    copies = "".join(fact.replace("id: fermeture-quais", f"id: faux-{i}").replace("fermera ses quais", f"fermera {i} quais")
                     for i in range(3 * BUDGET))
    facts.write_text(text.replace("  - id: delai-pecheurs\n", copies + "  - id: delai-pecheurs\n", 1), encoding="utf-8")
    searched = [0]
    real = ArticleText.closest

    def counting(self, *args, **kwargs):
        searched[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ArticleText, "closest", counting)
    result = run_check(Project(root=root))
    monkeypatch.undo()
    misquotes = [p for p in result.problems.items if p.message.startswith("citation introuvable")]
    assert len(misquotes) >= 3 * BUDGET
    assert searched[0] <= BUDGET, searched[0]
