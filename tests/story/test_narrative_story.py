"""The narrative (`narrative:` in facts.yml, explainer/narrative.py): every sentence rests on: this story's acceptance tests (the engine's are in tests/engine/test_narrative.py)."""

from __future__ import annotations

import re

from explainer import narrative


HOME = "  accueil:\n"


def test_every_theme_page_opens_with_its_narrative(real_copy):
    """Issue 15: 1–3 paragraphs written by the editor open each theme page (and the home page),
    before anything else on the page; each paragraph cites (a status sign per reference)."""
    from explainer.load import load
    from explainer.problems import Problems

    sheet = load(real_copy.root, Problems()).sheet
    assert sheet.narrative.get(narrative.HOME)
    missing = [t.id for t in sheet.themes if not sheet.narrative.get(t.id)]
    assert missing == []
    site = real_copy.path("site")
    for t in sheet.themes:
        html = (site / t.id / "index.html").read_text(encoding="utf-8")
        content = html[html.index('<article class="md-content__inner'):]
        after_title = content[content.index("</h1>"):]
        # the page's front matter (byline, dateline) sits between the title and the opening
        after_title = re.sub(r'<div class="front-matter".*?</div>\s*', "", after_title, count=1, flags=re.S)
        first = after_title.index('<div class="narrative">')
        assert after_title[:first].count("<p") == 0 and "<figure" not in after_title[:first], t.id
        opening = after_title[first:after_title.index("</div>", first)]
        assert 1 <= opening.count("<p>") <= sheet.vocabulary.paragraphs.theme.max, t.id
        assert opening.count('class="ref ref--') >= opening.count("<p>"), t.id


def test_the_front_page_opens_with_the_storys_title_and_its_narrative(real_copy):
    """Issue 15: the home page's first heading is the story's title (not « Accueil »), and the
    first thing under it is « Ce qu'il faut savoir », the home narrative (issue 24: after the
    front matter and « En bref »)."""
    import html as html_module

    from explainer.load import load
    from explainer.problems import Problems
    from explainer.text import typography

    sheet = load(real_copy.root, Problems()).sheet
    page = (real_copy.path("site") / "index.html").read_text(encoding="utf-8")
    content = page[page.index('<article class="md-content__inner'):]
    h1 = content[content.index("<h1"):content.index("</h1>")]
    title = html_module.unescape(h1[h1.index(">") + 1:]).split("<")[0].strip()
    assert title == html_module.unescape(typography(sheet.story.title)).strip()
    after = content[content.index("</h1>"):]
    # issue 24: under the title, the page's front matter (byline, dateline), then « En bref »
    after = re.sub(r'<div class="front-matter".*?</div>\s*', "", after, count=1, flags=re.S)
    if sheet.narrative.get("en-bref"):
        assert after.index('<div class="en-bref">') < after.index("<p") and "En bref" in after[:after.index("</h2>")]
        after = after[after.index("</div>", after.index('<div class="en-bref">')):]
        after = after[after.index("<h2"):]
    assert after.index("<h2") < after.index("<p") and "Ce qu’il faut savoir" in after[:after.index("</h2>")]
    assert after.index('<div class="narrative">') < after.index("<figure")

