"""The domain glossary (corpus/glossary.yaml) and how a direction of any notice is linked to it.

The glossary is a tree of public classifications (战略性新兴产业分类, 数字经济及其核心产业统计分类,
GB/T 13745, 文化及相关产业分类, national strategies): each node has a term, synonyms and the words
(sub-industries, key products and techniques) that indicate it.

A direction is linked to nodes by the words of its name:
- **exact**: it names the node (新型储能; 中药现代化 = 中药 with a generic modifier; 文化创意 =
  文化创意产业 without its generic tail);
- **broad**: the direction lies inside the node: it contains a node name behind a decisive head
  (水环境治理 contains 环境治理, but 水 decides), or it is or contains one of the node's words
  (智慧旅游 is a word of 旅游业).
Of a node and one of its descendants both linked, only the descendant is kept: the direction is
about the narrower thing, and its broader neighbours keep their own evidence.

Each word a direction gets carries its distance below the linked node (0: the node's own words,
1: a child's names and words ...), so a direction naming the node of a word outranks one naming
an ancestor of it (a sub-direction's evidence is inherited by the broader direction, weaker).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...config import corpus_yaml
from .directions import _PUNCT, name_parts, stopword_data, suffix_chain

# A glossary name or word shorter than this links to a direction only when equal to one of its forms.
LINK_MIN = 3
# A node word must be at least this long to link a direction that merely contains it.
TERM_LINK_MIN = 4


@dataclass
class GlossaryNode:
    term: str
    names: tuple[str, ...]  # the term and its synonyms
    terms: tuple[str, ...]  # words that indicate the node
    children: list[GlossaryNode] = field(default_factory=list)
    parent: GlossaryNode | None = field(default=None, repr=False, compare=False)

    def path(self) -> tuple[str, ...]:
        """The terms from the root down to this node (the reason shown for a glossary match)."""
        return (*self.parent.path(), self.term) if self.parent else (self.term,)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass(frozen=True)
class GlossaryWord:
    """One word a direction is known by through the glossary."""

    text: str
    distance: int  # levels below the linked node
    exact: bool  # the direction names the linked node (else it lies inside it)
    path: tuple[str, ...]  # the node holding the word, from the root


def _node(raw: Any, where: str, parent: GlossaryNode | None) -> GlossaryNode:
    if not isinstance(raw, dict) or not isinstance(raw.get("term"), str):
        raise ValueError(f"corpus/glossary.yaml: {where} 缺少 term")
    for key in ("synonyms", "terms", "children"):
        if raw.get(key) is not None and not isinstance(raw[key], list):
            raise ValueError(f"corpus/glossary.yaml: {where} › {raw['term']}: {key} 应为列表")
    names = tuple(dict.fromkeys([raw["term"], *[str(s) for s in raw.get("synonyms") or []]]))
    node = GlossaryNode(raw["term"], names, tuple(str(x) for x in raw.get("terms") or []), parent=parent)
    node.children = [_node(c, f"{where} › {raw['term']}", node) for c in raw.get("children") or []]
    return node


@lru_cache(maxsize=1)
def glossary_data() -> dict[str, Any]:
    return corpus_yaml("glossary.yaml") or {}


@lru_cache(maxsize=1)
def glossary() -> list[GlossaryNode]:
    """The glossary's root nodes."""
    return [_node(node, "nodes", None) for node in glossary_data().get("nodes") or []]


def walk(nodes: list[GlossaryNode] | None = None):
    for node in glossary() if nodes is None else nodes:
        yield node
        yield from walk(node.children)


@lru_cache(maxsize=1)
def generic_modifiers() -> tuple[str, ...]:
    """Words before or after a name that do not change what it names (先进, 现代化)."""
    return tuple(sorted((str(w) for w in glossary_data().get("generic_modifiers") or []), key=len, reverse=True))


@lru_cache(maxsize=1)
def name_tails() -> tuple[str, ...]:
    """Generic tails of node names (新能源产业 = 新能源)."""
    return tuple(sorted((str(w) for w in glossary_data().get("name_tails") or []), key=len, reverse=True))


@lru_cache(maxsize=1)
def inner_modifiers() -> tuple[str, ...]:
    """Qualifiers of practice inside a name that leave its field as it is (畜禽健康养殖 = 畜禽养殖)."""
    return tuple(sorted((str(w) for w in glossary_data().get("inner_modifiers") or []), key=len, reverse=True))


def _without_inner_modifiers(form: str) -> set[str]:
    """The form with one inner qualifier taken out, two characters at least left on each side
    (a qualifier at either end is a modifier of the whole name, _strip_modifiers' business)."""
    out = set()
    for word in inner_modifiers():
        at = form.find(word, 2)
        if at >= 2 and len(form) - at - len(word) >= 2:
            out.add(form[:at] + form[at + len(word):])
    return out


def _strip_modifiers(form: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in generic_modifiers():
            if form.startswith(word) and len(form) - len(word) >= 2:
                form, changed = form[len(word):], True
            elif form.endswith(word) and len(form) - len(word) >= 2:
                form, changed = form[: -len(word)], True
    return form


def direction_forms(name: str) -> set[str]:
    """The direction's name, its alternatives and their shorter forms (generic tails and
    modifiers removed), at least two characters each."""
    forms: set[str] = set()
    for part in [*name_parts(name), _PUNCT.sub("", name)]:
        for form in suffix_chain(part):
            forms |= {form, _strip_modifiers(form), *_without_inner_modifiers(form)}
    return {f for f in forms if len(f) >= 2}


def _node_forms(node: GlossaryNode) -> set[str]:
    forms: set[str] = set()
    for name in node.names:
        forms.add(name)
        for tail in name_tails():
            if name.endswith(tail) and len(name) - len(tail) >= 2:
                forms.add(name[: -len(tail)])
    return forms


def _is_generic(rest: str) -> bool:
    """What is left of a name around a node name says nothing of its own (先进, 与, 和)."""
    words = set(stopword_data().get("words") or []) | set(generic_modifiers())
    rest = _PUNCT.sub("", rest)
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest.strip("与和及、")) == 0


def _link_kind(node: GlossaryNode, forms: set[str]) -> str | None:
    """exact, broad or None: how a direction with these forms is linked to the node."""
    node_forms = _node_forms(node)
    if node_forms & forms:
        return "exact"
    broad = False
    for form in forms:
        for nf in node_forms:
            if len(nf) >= LINK_MIN and nf in form:
                if _is_generic(form.replace(nf, "", 1)):
                    return "exact"
                broad = True
        if any(t == form or (len(t) >= TERM_LINK_MIN and t in form) for t in node.terms):
            broad = True
    return "broad" if broad else None


@lru_cache(maxsize=1)
def _nodes_by_form() -> dict[str, list[GlossaryNode]]:
    index: dict[str, list[GlossaryNode]] = {}
    for node in walk():
        for form in _node_forms(node):
            index.setdefault(form, []).append(node)
    return index


def _joined_names(forms: set[str]) -> list[GlossaryNode]:
    """Sibling nodes named by the two halves of a joined name: 航空航天装备 = 航空(装备) + 航天(产业).
    Halves from unrelated branches are a modifier and its head (乡村旅游 is tourism), not two
    fields, and link nothing here."""
    index = _nodes_by_form()
    stems = set(forms)
    for form in forms:
        stems |= {form[: -len(t)] for t in name_tails() if form.endswith(t) and len(form) - len(t) >= 4}
    nodes: list[GlossaryNode] = []
    for stem in stems:
        for k in range(2, len(stem) - 1):
            left, right = index.get(stem[:k]), index.get(stem[k:])
            pairs = [(a, b) for a in left or [] for b in right or [] if a.parent is not None and a.parent is b.parent]
            for a, b in pairs:
                nodes += [a, b]
    return nodes


@lru_cache(maxsize=512)
def glossary_links(name: str) -> tuple[tuple[GlossaryNode, bool], ...]:
    """The nodes a direction's name is linked to, each with whether the link is exact; a node
    with a linked descendant is left out."""
    forms = direction_forms(name)
    found = {}
    for node in walk():
        kind = _link_kind(node, forms)
        if kind:
            found[id(node)] = (node, kind == "exact")
    for node in _joined_names(forms):
        found[id(node)] = (node, True)
    covered = {id(a) for node, _ in found.values() for a in node.ancestors()}
    return tuple(v for k, v in found.items() if k not in covered)


def _words_below(node: GlossaryNode, distance: int, exact: bool):
    path = node.path()
    for text in (*node.names, *node.terms):
        yield GlossaryWord(text, distance, exact, path)
    for child in node.children:
        yield from _words_below(child, distance + 1, exact)


@lru_cache(maxsize=512)
def glossary_words(name: str) -> tuple[GlossaryWord, ...]:
    """Every word of the linked nodes and their descendants, the best link of each word kept
    (exact before broad, nearer before farther); the direction's own forms left out."""
    forms = direction_forms(name) | {name}
    best: dict[str, GlossaryWord] = {}
    for node, exact in glossary_links(name):
        for word in _words_below(node, 0, exact):
            current = best.get(word.text)
            if word.text not in forms and (current is None or (not current.exact, current.distance)
                                           > (not word.exact, word.distance)):
                best[word.text] = word
    return tuple(best.values())


def glossary_terms(name: str) -> list[str]:
    """The words of ``glossary_words`` as plain strings."""
    return [w.text for w in glossary_words(name)]
