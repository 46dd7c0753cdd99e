"""Link cards: the picture a wiki, a chat or a social network shows for a link to a page.

One 1200×630 PNG per page, drawn at build time with Pillow, offline: the site's name, the
page's title and the story's dates, in Atkinson Hyperlegible (a font installed by pip with
the pinned requirements: `fontpkg-atkinson-hyperlegible`; nothing is downloaded at build
time). Published under `cartes/` and named by `og:image` / `twitter:image` with their size
and alt text (overrides/main.html reads them from the page's front matter).

Drawing a card costs tens of milliseconds: cards are cached by a hash of what they show,
the font and this module's drawing version (`.cache/cards/`), so a rebuild whose titles did
not change draws nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import posixpath
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from . import dates
from .files import replace_atomically
from .language import gettext
from .site import CARDS, Address, Page, Site, card_address
from .text import elided, typography

WIDTH, HEIGHT = 1200, 630
FOLDER = CARDS  # under docs/ and the built site (the plan says where cards are published)
VERSION = "2"  # bump when the drawing changes: cached cards are then redrawn

INDIGO = (63, 81, 181)  # the theme's primary colour (mkdocs.yml palette: indigo)
INK = (26, 26, 26)
MUTED = (84, 84, 84)
PAPER = (255, 255, 255)
MARGIN = 72
COMPRESSION = 6  # zlib level of the PNGs


@dataclass(frozen=True)
class Card:
    """What one page's card shows, and where it is published."""

    page: str  # docs/ path of the page
    name: str  # file name under cartes/
    band: str  # the kicker, on the theme's colour: the site's name (on the home page, the newsroom and its desk)
    title: str
    dates: str

    @property
    def address(self) -> Address:
        return card_address(self.name)

    @property
    def alt(self) -> str:
        """The card's text, for whoever cannot see it."""
        return f"{self.band} — {self.title}. {self.dates}."

    def key(self) -> str:
        content = json.dumps([VERSION, WIDTH, HEIGHT, self.band, self.title, self.dates, _font_digest()])
        return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def story_dates(site: Site) -> str:
    """The story's period, worded as everywhere else (`dates.span`), capitalised: « Du 4 au 8 mars 2021 »."""
    text = typography(dates.span(site.story.period.start, site.story.period.end))
    return text[:1].upper() + text[1:]


def kicker(site: Site) -> str:
    """The home card's kicker: who publishes (the story's newsroom and desk), else « Dossier »."""
    newsroom = site.story.newsroom
    if newsroom is None:
        return gettext("Story")
    return typography(" · ".join(x for x in (newsroom.name, newsroom.desk) if x))


def page_dates(site: Site, page: Page) -> str:
    """The date line of a page's card: an article's own date on its page, the last change on the
    journal, the story's period elsewhere; followed by the newsroom's name when the story has one."""
    if page.article:
        published = site.articles[page.article].published
        day = dates.french(published) if published else ""
        # « du 14 septembre 2020 », but « de septembre 2020 » for an article dated by its month
        when = ((gettext("Article of {day}").format(day=day) if day[:1].isdigit() else elided(gettext("Article of"), day))
                if published else gettext("Undated article"))
    elif page.path == "journal.md" and site.journal:
        when = gettext("Updated on {date}").format(date=dates.french(site.journal[0].date))
    else:
        when = story_dates(site)
    newsroom = site.story.newsroom
    return typography(f"{when} · {newsroom.name}") if newsroom else when


def card(site: Site, page: Page) -> Card:
    """The card of a page: the site's name above the page's title; on the home page, whose
    title is the site's name, the newsroom and its desk above it (never « Accueil »)."""
    name = typography(site.settings.site_name or site.story.title)
    slug = posixpath.splitext(page.path)[0].replace("/", "-")  # a file name, not an address
    if page.path == "index.md":
        return Card(page.path, f"{slug}.png", kicker(site), name, page_dates(site, page))
    return Card(page.path, f"{slug}.png", name, typography(page.title), page_dates(site, page))


# --- drawing ---------------------------------------------------------------------------


def _font_file(weight: str) -> Path:
    return Path(str(resources.files("fontpkg_atkinson_hyperlegible") / "files" / f"AtkinsonHyperlegible-{weight}.ttf"))


@cache
def _font_digest() -> str:
    h = hashlib.sha256()
    for weight in ("Regular", "Bold"):
        h.update(_font_file(weight).read_bytes())
    return h.hexdigest()[:16]


@cache
def _font(weight: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(_font_file(weight)), size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Words into lines no wider than `width`; a word wider than a line is cut."""
    lines: list[str] = []
    for word in text.split():
        while draw.textlength(word, font=font) > width:  # cut where it still fits
            cut = len(word) - 1
            while cut > 1 and draw.textlength(word[:cut] + "-", font=font) > width:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and not lines[-1].endswith("-") and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def _fit(draw, text: str, weight: str, sizes: tuple[int, ...], width: int, height: float, leading: float):
    """The largest size at which `text` fits the box (the last line shortened if none does)."""
    for size in sizes:
        font = _font(weight, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) * size * leading <= height:
            return font, lines
    lines = lines[: max(1, int(height // (size * leading)))]
    last = lines[-1].rstrip("-")
    while draw.textlength(last + "…", font=font) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + "…"
    return font, lines


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> list[int]:
    return [round(x + (y - x) * t) for x, y in zip(a, b)]


#: The card is drawn on one 8-bit channel and saved as a palette PNG (a third of the bytes
#: to compress of an RGB one, three times faster to save): values 0-127 blend the theme's
#: indigo into white (the band and its text), 128-255 the ink into white (the page).
PALETTE = [c for i in range(128) for c in _blend(INDIGO, PAPER, i / 127)] + [
    c for i in range(128) for c in _blend(INK, PAPER, i / 127)
]
ON_BAND, TEXT, BACKGROUND = 127, 128, 255
DATES = 128 + round(127 * (MUTED[0] - INK[0]) / (PAPER[0] - INK[0]))


def draw(card: Card) -> bytes:
    """The card as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    # the site's name on the theme's colour
    band = 150
    pen.rectangle((0, 0, WIDTH, band), fill=0)
    font, lines = _fit(pen, card.band, "Bold", (44, 40, 36, 32), inner, band - 30, 1.2)
    line_height = font.size * 1.2
    y = (band - line_height * len(lines)) / 2
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=ON_BAND)
        y += line_height
    # the page's title, as large as it fits between the band and the dates
    top, bottom = band + 44, HEIGHT - 140
    font, lines = _fit(pen, card.title, "Bold", (76, 68, 60, 54, 48, 42), inner, bottom - top, 1.18)
    line_height = font.size * 1.18
    y = top + (bottom - top - line_height * len(lines)) / 2
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=TEXT)
        y += line_height
    # the story's dates, at the bottom, under a short rule
    pen.rectangle((MARGIN, HEIGHT - 110, MARGIN + 96, HEIGHT - 104), fill=0)
    pen.text((MARGIN, HEIGHT - 86), card.dates, font=_font("Regular", 36), fill=DATES)
    indexed = Image.frombytes("P", image.size, image.tobytes())
    indexed.putpalette(PALETTE)
    out = io.BytesIO()
    indexed.save(out, format="PNG", compress_level=COMPRESSION)
    return out.getvalue()


#: Past this many cards to draw, they are drawn on every core (a process each): below it,
#: starting the processes costs more than it saves.
PARALLEL_AT = 48


def draw_many(todo: list[Card]) -> dict[str, bytes]:
    """Cards drawn, {file name: PNG bytes}: on every core when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_AT or workers < 2:
        return {c.name: draw(c) for c in todo}
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(zip((c.name for c in todo), pool.map(draw, todo, chunksize=max(1, len(todo) // (4 * workers)))))


def draw_all(site: Site, cache_dir: Path | None) -> dict[str, bytes]:
    """Every page's card, {file name: PNG bytes}; cached ones are read, not drawn (a card is
    drawn only when what it shows changed), the others drawn on every core (`draw_many`)."""
    out: dict[str, bytes] = {}
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:  # a cache that cannot be made costs time, never the build
            cache_dir = None
    every = [card(site, page) for page in site.pages]
    cached_data: dict[str, bytes] = {}
    for c in every:
        cached = cache_dir / f"{c.key()}.png" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            with contextlib.suppress(OSError):  # unreadable: drawn again
                cached_data[c.name] = cached.read_bytes()
    drawn = draw_many([c for c in every if c.name not in cached_data])
    for c in every:
        if c.name in cached_data:
            out[c.name] = cached_data[c.name]
            continue
        cached = cache_dir / f"{c.key()}.png" if cache_dir is not None else None
        data = drawn[c.name]
        if cached is not None:
            with contextlib.suppress(OSError):  # disk full, protected .cache: drawn again next time
                replace_atomically(cached, data)
        out[c.name] = data
    return out
