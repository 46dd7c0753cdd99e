"""What the reader sees, tested as it is seen (issue 24): every list, table and card of the: this story's acceptance tests (the engine's are in tests/engine/test_seen.py)."""

from __future__ import annotations

import re

from explainer.load import load
from explainer.problems import Problems
from explainer.site import Settings, plan
from test_seen import Tree, container  # the engine's tests' helpers (tests/engine/test_seen.py)


def site_plan(project):
    loaded = load(project.root, Problems())
    return plan(loaded, Settings())


def page_tree(project, page) -> Tree:
    url = page.address.url.strip("/")
    path = project.path("site") / url / "index.html" if url else project.path("site") / "index.html"
    return Tree(path.read_text(encoding="utf-8"))


def plan_lists(site) -> dict[str, list[str]]:
    return {
        "chronologie (événements datés)": [e.id for e in site.chronology() if not site.is_deadline(e)],
        "sans date": [e.id for e in site.undated()],
        "échéances": [d.id for d in site.sheet.deadlines],
        "acteurs": [a.id for a in site.sheet.actors],
        "faits": [f.id for f in site.sheet.facts],
        "divergences": [d.id for d in site.sheet.disagreements],
        "questions": [q.id for q in site.sheet.questions],
        "glossaire": [t.id for t in site.glossary],
    }


def glued(project, site) -> dict[str, list[list[str]]]:
    """For each list of the plan, the groups of its items that share one container, and the
    items found in no container at all (both are run-on text)."""
    trees: dict[str, Tree] = {}
    out: dict[str, list[list[str]]] = {}
    for name, ids in plan_lists(site).items():
        seen: dict[int, list[str]] = {}
        for ident in ids:
            page = site.page_of(ident)
            tree = trees.setdefault(page.path, page_tree(project, page))
            node = tree.by_id().get(ident)
            box = container(node) if node is not None else None
            if box is None:
                out.setdefault(name, []).append([ident, "(introuvable ou hors de tout élément)"])
                continue
            seen.setdefault(id(box), []).append(ident)
        for group in seen.values():
            if len(group) > 1:
                out.setdefault(name, []).append(group)
    return out


def test_every_list_table_and_card_of_the_plan_is_its_own_element(real_copy):
    site = site_plan(real_copy)
    assert sum(len(v) for v in plan_lists(site).values()) > 100  # the plan is read, not empty
    assert glued(real_copy, site) == {}


def test_search_excerpts_print_no_screen_reader_words(real_copy):
    """The words written for screen readers beside a sign (« (fait contesté) ») and the signs
    themselves are not in the search index, whose excerpts would print them (issue 24)."""
    import json

    index = json.loads((real_copy.path("site") / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    assert len(texts) > 50
    # a sign followed by its word is prose (the Méthode page explains them so); a bare one is not
    words = r"\((?:fait|divergence entre|échéance|événement|(?:deux|trois|quatre|cinq|six) sources)[^)]*\)"
    bare = r"[✓≈≠](?![\s\u00a0](?:confirmé|rapporté|contesté))"
    leaks = [t[max(0, m.start() - 40):m.end()] for t in texts for m in re.finditer(f"{words}|{bare}", t)]
    assert leaks == []


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text) if len(w) > 2}


def test_theme_openings_do_not_repeat_their_first_fact(real_copy):
    """A theme page's opening tells the story; it does not print, a few lines up, the sentence
    its first fact card prints (issue 24: Règles chinoises and Audience did)."""
    from explainer import narrative

    loaded = load(real_copy.root, Problems())
    site = plan(loaded, Settings())
    checked, repeated = 0, {}
    for theme in site.sheet.themes:
        paragraphs = site.sheet.narrative.get(theme.id)
        own = site.home_facts(theme.id)
        if not paragraphs or not own:
            continue
        checked += 1
        first = _words(own[0].text)
        for sentence in narrative.sentences(paragraphs[0]):
            said = _words(sentence.plain)
            if len(first & said) >= 0.8 * len(first):
                repeated[theme.id] = sentence.plain
    assert checked >= 5
    assert repeated == {}



def test_no_status_sign_stands_alone(real_copy):
    """A status sign stands beside a claim, never alone (issue 24, point 2; visual review 3, M6):
    in the prose of every page, each sign follows the words of its claim, or is followed by
    its own word where the signs are explained (« ✓ confirmé »). The Journal's « (≠) » and
    « (Safra Catz ; … ; ≈) », links whose only text was a sign, failed it."""
    from explainer import prose

    pages = prose.site_pages(real_copy.path("site"))
    signs = f"[{prose.SIGNS}]"
    explained = f"{signs}[\\s\\u00a0]+(?:confirmé|rapporté|contesté)"
    alone = []
    for page in pages:
        for m in re.finditer(signs, page.text):
            if re.match(explained, page.text[m.start():]):
                continue
            before = page.text[max(0, m.start() - 30):m.start()].rstrip(" \t\u00a0\u202f")
            if not before or before[-1] in "(;,·:\n" or not re.search(r"[\w»”’\".?!…]$", before):
                alone.append(f"{page.url} « …{page.text[max(0, m.start() - 30):m.end() + 1].strip()} »")
    assert sum(prose.signs(p.text) for p in pages) > 20  # the pages' signs are read
    assert alone == []


def test_no_full_stop_after_a_question_mark(real_copy):
    """A list of titles ending in a question ends there: no « ?. » (visual review 3, minor 12:
    « Nuance, pas divergence : … Microsoft ?. » on four theme pages)."""
    from explainer import prose

    pages = prose.site_pages(real_copy.path("site"))
    assert sum(p.text.count("?") for p in pages) > 5  # the questions are read
    doubled = [f"{p.url} « …{m.group(0)} »" for p in pages for m in re.finditer(r".{0,30}[?!][\s\u00a0\u202f]*\.(?!\.)", p.text)]
    assert doubled == []
