"""WCAG AA contrast of the site's palette (docs/assets/explainer.css), light and dark, measured
in Chromium on the built site: for each kind of text a reader meets (body text, links, the
status signs ✓ ≈ ≠, the header, captions, small labels, the footer), the colour the browser
computes against the background it actually sits on (the nearest opaque background among its
ancestors, translucent ones blended in). Every kind must be found, and reach 4.5:1."""

from __future__ import annotations

import pytest

from conftest import PREFIX


pytestmark = pytest.mark.browser

#: Pages that together show every kind of text below.
PAGES = ["", "acteurs/", "echeances/", "role-oracle/", "divergences/", "glossaire/"]
#: kind of text -> CSS selector (only elements with text of their own are measured)
KINDS = {
    "texte courant": "article.md-content__inner p",
    "récit": ".narrative p",
    "lien": "article.md-content__inner a:not(.ref):not(.headerlink):not(.md-content__button)",
    "signe confirmé": "a.ref--confirmé",
    "signe rapporté": "a.ref--rapporté",
    "signe contesté": "a.ref--contesté",
    "légende des signes": ".ref-legend",
    "titre de l'en-tête": ".md-header__topic .md-ellipsis",
    "légende de figure": "figcaption",
    "pays d'un acteur": ".actor-kind",
    "titre": "article.md-content__inner h1, article.md-content__inner h2",
    "pied de page": ".md-copyright__highlight, .md-footer__direction, .md-footer__title .md-ellipsis",
}
#: WCAG 2.1 AA, normal-size text (1.4.3)
AA = 4.5

MEASURE = """(selector) => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) || el.querySelector('[aria-hidden="true"]');
    const style = getComputedStyle(el);
    if (!own || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const bg = background(el);
    const fg = over(rgba(style.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({ratio: (a + 0.05) / (b + 0.05), text: el.textContent.trim().slice(0, 40), color: style.color});
  }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_text_meets_wcag_aa_contrast(site_server, new_page, scheme):
    page = new_page(color_scheme=scheme)
    lowest: dict[str, tuple[float, str, str, str]] = {}
    for path in PAGES:
        page.goto(site_server + PREFIX + path)
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') === s",
            arg="slate" if scheme == "dark" else "default")
        for kind, selector in KINDS.items():
            for m in page.evaluate(MEASURE, selector):
                if kind not in lowest or m["ratio"] < lowest[kind][0]:
                    lowest[kind] = (round(m["ratio"], 2), path, m["text"], m["color"])
    assert set(lowest) == set(KINDS), f"not found: {set(KINDS) - set(lowest)}"
    failing = {kind: low for kind, low in lowest.items() if low[0] < AA}
    assert failing == {}, failing
    print(scheme, {kind: low[0] for kind, low in lowest.items()})
