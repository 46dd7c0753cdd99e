"""The « citer » control (issues 24 and 26): one per element, an inline SVG icon, the permanent: this story's acceptance tests (the engine's are in tests/engine/test_citer.py)."""

from __future__ import annotations

import datetime as dt
import html
import re
import pytest

from conftest import PREFIX
from helpers import ROOT
from explainer.siteconfig import read_site_config
from test_citer import mediawiki_params  # the engine's tests' helpers (tests/engine/test_citer.py)


SITE_URL = read_site_config(ROOT / "mkdocs.yml").site_url


def test_the_built_control_carries_the_citations_of_its_element(real_copy):
    page = (real_copy.path("site") / "offre-microsoft-walmart" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<a class="citer" href="#refus-offre-microsoft"[^>]*>', page)
    assert m, "no « citer » control on the fact"
    attrs = {k: html.unescape(v) for k, v in re.findall(r'([a-z-]+)="([^"]*)"', m.group(0))}
    assert attrs["data-cite-url"] == SITE_URL + "offre-microsoft-walmart/#refus-offre-microsoft"
    params = mediawiki_params(attrs["data-cite-wiki"])
    assert params["url"] == attrs["data-cite-url"]
    assert params["titre"].startswith("ByteDance") and "refus-offre-microsoft" not in params["titre"]
    assert params["éditeur"] and params["site"] and params["date"] and params["consulté le"]


def test_citer_copies_the_canonical_address_and_offers_the_citations(site_server, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_server + PREFIX + "offre-microsoft-walmart/")
    control = page.locator('a.citer[data-anchor="refus-offre-microsoft"]')
    control.click()
    page.wait_for_selector(".citer-panel")
    page.wait_for_function("(document.getElementById('copy-link-status') || {}).textContent")
    expected = SITE_URL + "offre-microsoft-walmart/#refus-offre-microsoft"
    assert not expected.startswith(site_server)  # the configured address, not the one serving the page
    assert page.evaluate("navigator.clipboard.readText()") == expected
    # the MediaWiki citation, with « consulté le » the day of the copy, copied by its own button
    page.click('.citer-panel__copy[data-format="wiki"]')
    page.wait_for_function("document.getElementById('copy-link-status').textContent.includes('MediaWiki')")
    copied = page.evaluate("navigator.clipboard.readText()")
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    params = mediawiki_params(copied)
    assert params["url"] == expected
    assert params["consulté le"] == dt.date(*today).isoformat()
    assert copied == page.input_value(".citer-panel textarea >> nth=0")
    # Escape closes the panel and gives the focus back to the control
    page.keyboard.press("Escape")
    assert page.locator(".citer-panel").count() == 0
    assert page.evaluate("document.activeElement.dataset.anchor") == "refus-offre-microsoft"
    assert page.url.endswith("offre-microsoft-walmart/")  # the click copied, it did not navigate


def test_the_control_is_an_icon_that_renders_without_an_emoji_font(real_copy):
    for path in real_copy.path("site").rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<a class="citer"[^>]*>(.*?)</a>', text):
            assert m.group(1).startswith("<svg") and not re.search(r"[\U0001F300-\U0001FAFF]", m.group(1))


KINDS = {
    "fait": "offre-microsoft-walmart/#refus-offre-microsoft",
    "acteur": "acteurs/#larry-ellison",
    "événement daté": "echeances/#candidature-microsoft",
    "événement sans date": "echeances/#mnuchin-lundi",
    "échéance": "echeances/#ultimatum-septembre",
    "divergence": "divergences/#accord-oracle-conclu",
    "question": "questions/#approbation-pekin",
    "terme": "glossaire/#glossaire-cfius",
}


HIGHLIGHTED = """(id) => {
  const mark = getComputedStyle(document.body).getPropertyValue('--ex-mark').trim();
  if (!mark) throw new Error('no --ex-mark colour');
  const probe = document.createElement('div'); probe.style.background = mark; document.body.appendChild(probe);
  const want = getComputedStyle(probe).backgroundColor; probe.remove();
  let el = document.getElementById(id);
  const next = el.nextElementSibling;
  for (const node of [el, next]) {
    for (let e = node; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).backgroundColor === want) return true;
    }
  }
  return false;
}"""


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_element_lands_highlighted(site_server, new_page, kind):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_server + PREFIX + KINDS[kind])
    ident = KINDS[kind].split("#")[1]
    page.wait_for_function(f"location.hash === '#{ident}'")
    assert page.evaluate(HIGHLIGHTED, ident), kind
    # and nothing is highlighted without a target
    page.goto(site_server + PREFIX + KINDS[kind].split("#")[0])
    assert not page.evaluate(HIGHLIGHTED, ident), kind

