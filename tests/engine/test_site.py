"""The site plan (explainer/site.py): one address type, right from every page at any depth."""

from __future__ import annotations

from urllib.parse import urljoin
import pytest
from test_diagrams import loaded_of, project_with
from explainer.model import ELEMENTS
from explainer.site import Address, page_url


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.md", "/"),
        ("acteurs.md", "/acteurs/"),
        ("sources/a001.md", "/sources/a001/"),
        ("sources/index.md", "/sources/"),
        ("facts.json", "/facts.json"),
    ],
)
def test_page_urls(path, url):
    assert page_url(path) == url


#: (target, from page, Markdown link, raw HTML/SVG link)
LINKS = [
    (Address("acteurs.md", "oracle"), "acteurs.md", "#oracle", "#oracle"),
    (Address("acteurs.md"), "acteurs.md", "#", "#"),
    (Address("acteurs.md", "oracle"), "index.md", "acteurs.md#oracle", "acteurs/#oracle"),
    (Address("acteurs.md", "oracle"), "role-du-port.md", "acteurs.md#oracle", "../acteurs/#oracle"),
    (Address("acteurs.md", "oracle"), "sources/a001.md", "../acteurs.md#oracle", "../../acteurs/#oracle"),
    (Address("index.md"), "role-du-port.md", "index.md", "../"),
    (Address("index.md", "essentiel"), "sources/a001.md", "../index.md#essentiel", "../../#essentiel"),
    (Address("sources/a001.md"), "index.md", "sources/a001.md", "sources/a001/"),
    (Address("sources/a001.md"), "sources/a002.md", "a001.md", "../a001/"),
    (Address("sources.md", "a001"), "sources/a002.md", "../sources.md#a001", "../#a001"),
    (Address("sources/a001.md"), "sources.md", "sources/a001.md", "a001/"),
    (Address("facts.json"), "citer.md", "facts.json", "../facts.json"),
    (Address("facts.json"), "index.md", "facts.json", "facts.json"),
]


@pytest.mark.parametrize(("target", "page", "md", "href"), LINKS)
def test_links_from_any_page(target, page, md, href):
    assert target.md_from(page) == md
    assert target.href_from(page) == href


@pytest.mark.parametrize(("target", "page", "md", "href"), LINKS)
def test_raw_links_land_where_the_site_serves_the_target(target, page, md, href):
    """Resolving the raw link against the page's own URL gives the target's URL (the depth bug
    of the old `diagrams.href`, which assumed every page one level deep, would fail here)."""
    origin = "https://example.org"
    assert urljoin(origin + page_url(page), href).removesuffix("#") == origin + target.url


def test_url_and_permalink():
    address = Address("acteurs.md", "oracle")
    assert address.url == "/acteurs/#oracle"
    assert address.absolute("https://example.org/story/") == "https://example.org/story/acteurs/#oracle"
    assert address.absolute("/") == "/acteurs/#oracle"
    assert Address("index.md").absolute("https://example.org/story") == "https://example.org/story/"
    assert address.at("faits").url == "/acteurs/#faits"


def test_every_element_has_one_address_on_a_page_of_the_site(tmp_path):
    from explainer.site import plan

    site = plan(loaded_of(project_with(tmp_path)))
    paths = {p.path for p in site.pages}
    sheet = site.sheet
    for section, _, item in sheet.elements():
        address = site.address(item.id)
        assert address.path in paths, (section, item.id)
        assert address.anchor == (None if section == "themes" else item.id)
        assert site.title_of(item.id) == getattr(item, ELEMENTS[section][1])
    for fact in sheet.facts:
        assert site.page_of(fact.id).theme.id == fact.themes[0]
    for aid in site.articles:
        assert site.page_of(aid).article == aid and site.address(aid).anchor is None


def test_a_text_on_disputed_facts_carries_their_disagreement_and_a_nuance_is_not_one(tmp_path):
    """A question (or any text) resting on a fact that a disagreement holds on a side, or is
    about, carries that disagreement (its status follows it); a nuance is not a disagreement:
    it is never shown « contesté » and no text has to carry it."""
    from explainer.site import plan

    project = project_with(tmp_path)
    site = plan(loaded_of(project))
    assert site.disputes(["fermeture-quais"]) == ["date-fermeture"]  # on a side
    assert site.disputes(["delai-pecheurs"]) == []
    assert site.status("date-fermeture") == "contesté"
    facts = project.root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("    themes: [echeances]\n    sides:", "    themes: [echeances]\n    nuance: true\n    sides:", 1), encoding="utf-8")
    site = plan(loaded_of(project))
    assert site.disputes(["fermeture-quais"]) == [] and site.status("date-fermeture") == "rapporté"
    assert site.nuances == {"date-fermeture"}


def test_a_fact_in_a_disagreement_names_it_on_its_card(tmp_path):
    """Reading I (F2): a fact a disagreement is about, or holds on a side, names that
    disagreement on its card (the Méthode: « lui comme ce qui s'appuie sur lui la nomment »),
    whatever its own status; a fact in no disagreement, or only in a nuance, names none."""
    from test_diagrams import site_and_pages

    project = project_with(tmp_path)

    def card(ident: str) -> str:
        text = "\n".join(site_and_pages(loaded_of(project), project.path("templates"))[1].values())
        start = text.index(f'id="{ident}"')
        return text[start:text.index("</div>", start)]

    assert "divergences.md#date-fermeture" in card("fermeture-quais")  # on a side, rapporté
    # in a word: the « contesté » sign beside a « rapporté » badge said two statuses (visual review 2)
    assert "≠" not in card("fermeture-quais") and "[divergence](divergences.md#date-fermeture" in card("fermeture-quais")
    assert "divergences.md#" not in card("delai-pecheurs")
    facts = project.root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("    themes: [echeances]\n    sides:", "    themes: [echeances]\n    nuance: true\n    sides:", 1), encoding="utf-8")
    assert "divergences.md#" not in card("fermeture-quais")


def test_a_theme_page_lists_only_the_divergences_nothing_above_reaches(tmp_path):
    """Issue 24 (told once): a theme page's facts name their divergences (« divergence » link)
    and its opening carries them; the list of titles at the page's bottom keeps only the
    divergences of the theme that neither reaches, so none is lost and none is told twice."""
    from test_diagrams import site_and_pages

    project = project_with(tmp_path)
    facts = project.root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("    title: Quand les quais ferment-ils ?\n    themes: [echeances]",
                                  "    title: Quand les quais ferment-ils ?\n    themes: [echeances, reglement, role-du-port]", 1),
                     encoding="utf-8")
    site, pages = site_and_pages(loaded_of(project), project.path("templates"))
    # role-du-port prints prefecture-lundi, on a side: its card links the divergence
    assert [d.id for d in site.unreached_disagreements("role-du-port")] == []
    assert "divergences.md#date-fermeture" in pages["role-du-port.md"]
    assert "{ #divergences }" not in pages["role-du-port.md"]
    # nothing on reglement reaches it: the page still lists it
    assert [d.id for d in site.unreached_disagreements("reglement")] == ["date-fermeture"]
    assert "{ #divergences }" in pages["reglement.md"] and "divergences.md#date-fermeture" in pages["reglement.md"]
