"""What the reader sees, tested as it is seen (issue 24): every list, table and card of the
plan arrives in the built HTML as its own element.

A template that glues two items together (an inline `{% endif %}` at a line's end eats the
newline with `trim_blocks`, and Markdown then reads eleven list items as one paragraph) passes
every check of the Markdown it writes but shows a run-on paragraph; here each element of the
plan is looked for in the built page and must sit in a container (list item, table row, card)
that holds no other element of the same list."""

from __future__ import annotations

import html.parser
import pytest


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.text: list[str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def all_text(self) -> str:
        return "".join(self.text) + "".join(c.all_text() for c in self.children)


class Tree(html.parser.HTMLParser):
    """The built page as a tree of elements (the standard library's parser, tolerant like a browser
    of unclosed <p> and <li>: an end tag closes up to its element)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)

    def by_id(self) -> dict[str, Node]:
        return {n.attrs["id"]: n for n in self.root.walk() if "id" in n.attrs}


CONTAINERS = {"li", "tr"}


CARD_CLASSES = {"fact", "actor-card", "deadline-card", "term", "disagreement", "question", "deal", "side"}


def container(node: Node) -> Node | None:
    for n in [node, *node.ancestors()]:
        if n.tag in CONTAINERS or n.classes & CARD_CLASSES:
            return n
    return None


@pytest.mark.parametrize("kind", ["li", "tr"])
def test_the_finder_sees_a_glued_list(kind):
    """The check itself: two items in one container are found, two containers are not."""
    one = "<ul><li><span id='a'></span>A - <span id='b'></span>B</li></ul>" if kind == "li" else (
        "<table><tr><td id='a'>A</td><td id='b'>B</td></tr></table>")
    two = "<ul><li id='a'>A</li><li id='b'>B</li></ul>" if kind == "li" else (
        "<table><tr><td id='a'>A</td></tr><tr><td id='b'>B</td></tr></table>")
    for text, expected in ((one, True), (two, False)):
        found = Tree(text).by_id()
        assert (container(found["a"]) is container(found["b"])) is expected

