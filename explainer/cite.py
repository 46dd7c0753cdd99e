"""The ready-made citations of an element (the « citer » control beside each fact, actor,
event, deadline, divergence, question, term and deal): its permanent address under the site's
configured address (never the address the reader happens to be on), and the same reference
as MediaWiki `{{Lien web}}`, Markdown and Confluence wiki markup.

Only strings: the templates put them in the control's attributes, the script copies them.
Each format escapes the element's own words so that the citation pastes unchanged: a title
holding `|`, `}}`, `=` or `]` cannot end a template parameter or a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from .language import gettext

#: In a MediaWiki template parameter, the characters that would end or split it (`|`, `}}`),
#: open markup (`{{`, `[[`, `<`, `''`, `~~~`), or turn a value into a parameter name (`=`),
#: written as character references, which MediaWiki prints as the characters themselves.
_WIKI = str.maketrans({
    "|": "&#124;", "{": "&#123;", "}": "&#125;", "=": "&#61;", "[": "&#91;", "]": "&#93;",
    "<": "&lt;", ">": "&gt;", "'": "&#39;", "~": "&#126;", "&": "&amp;", "\n": " ", "\r": " ", "\t": " ",
})
#: Markdown link text: brackets and the characters that start emphasis or code, backslashed;
#: HTML's `<` as an entity (no Markdown engine lets a backslash escape it).
_MD = str.maketrans({ch: "\\" + ch for ch in "\\[]*_`"} | {"<": "&lt;", "\n": " ", "\r": " "})
#: Confluence wiki markup link text `[text|url]`: the separator and the brackets, backslashed.
_CONFLUENCE = str.maketrans({ch: "\\" + ch for ch in "\\[]|{}*_"} | {"\n": " ", "\r": " "})


def wiki_param(value: str) -> str:
    """A value for a named parameter of a MediaWiki template, pasted unchanged."""
    return " ".join(value.translate(_WIKI).split())


def md_text(value: str) -> str:
    return " ".join(value.translate(_MD).split())


def confluence_text(value: str) -> str:
    return " ".join(value.translate(_CONFLUENCE).split())


def url_safe(url: str) -> str:
    """An address as the three formats need it: no space, no `|`, `[`, `]`, `(`, `)` or `}`."""
    return url.translate(_URL_UNSAFE)


_URL_UNSAFE = str.maketrans({ch: f"%{ord(ch):02X}" for ch in " |[](){}"})


@dataclass(frozen=True)
class Citation:
    url: str  # the permanent address, under the site's configured address
    title: str  # the element's own words
    site: str  # the site's name (the story's title)
    publisher: str | None  # the newsroom (story.newsroom.name), if the story names one
    date: str  # ISO date of the element's last change (or of the site's)
    accessed: str  # ISO date written as « consulté le » (the script puts the day of the copy)

    @property
    def mediawiki(self) -> str:
        params = [
            ("titre", self.title), ("url", url_safe(self.url)), ("site", self.site),
            ("éditeur", self.publisher), ("date", self.date), ("consulté le", self.accessed),
        ]
        inner = " ".join(f"|{name}={wiki_param(value) if name != 'url' else value}" for name, value in params if value)
        return "{{Lien web " + inner + "}}"

    @property
    def markdown(self) -> str:
        who = f"{self.site}, {self.publisher}" if self.publisher else self.site
        return f"[{md_text(self.title)}]({url_safe(self.url)}) — {md_text(who)}" + gettext(", accessed on {date}").format(date=self.accessed)

    @property
    def confluence(self) -> str:
        who = f"{self.site}, {self.publisher}" if self.publisher else self.site
        return (f"[{confluence_text(self.title)}|{url_safe(self.url)}] — {confluence_text(who)}"
                + gettext(", accessed on {date}").format(date=self.accessed))


#: Characters Markdown would read inside a raw HTML attribute (a `[text](url)` there becomes
#: a link), written as character references: the browser reads the characters themselves.
_MARKDOWN_IN_ATTRIBUTE = str.maketrans({ch: f"&#{ord(ch)};" for ch in "[]()*_\\`{}|~:!#"})
#: The same replacements one character at a time (`str.replace` is much faster than
#: `translate` with a table of strings), « # » first: the references written contain « # »
#: and must not be replaced again; nothing else they contain is in the table.
_ATTRIBUTE_STEPS = sorted(((chr(code), ref) for code, ref in _MARKDOWN_IN_ATTRIBUTE.items()), key=lambda step: step[0] != "#")


def attribute(value: str) -> str:
    """A citation string for an HTML attribute of a Markdown page: HTML-escaped, and every
    character Markdown or its extensions could read as markup written as a reference."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    for ch, ref in _ATTRIBUTE_STEPS:
        if ch in escaped:
            escaped = escaped.replace(ch, ref)
    return escaped
