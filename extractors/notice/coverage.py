"""What the notice says that the rule set does not: normative sentences nothing was read from.

A sentence that states a rule (a normative word of corpus/coverage.yaml) about a quantity,
and that no requirement or deadline rests on, is listed as ``unparsed`` with its evidence.
A silent miss thereby becomes a visible one: the reviewer sees the sentence and can add the
requirement by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...config import corpus_yaml
from ...models import Deadline, Document, Evidence, Requirement
from .requirements import SentenceContext


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, re.Pattern]:
    data = corpus_yaml("coverage.yaml")
    words = sorted(data["normative_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), re.compile(data["quantity"])


def is_normative(text: str) -> bool:
    normative, quantity = _rules()
    return bool(normative.search(text) and quantity.search(text))


def unparsed_sentences(doc: Document, contexts: list[SentenceContext], requirements: list[Requirement],
                       deadlines: list[Deadline]) -> list[Evidence]:
    """Normative sentences with a quantity that no requirement's or deadline's evidence overlaps."""
    spans = [(e.start, e.end) for e in [r.evidence for r in requirements] + [d.evidence for d in deadlines]
             if e is not None]
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for ctx in contexts:
        start = ctx.unit.start + ctx.sentence.start
        end = ctx.unit.start + ctx.sentence.end
        if (start, end) in seen or not is_normative(ctx.sentence.text):
            continue
        seen.add((start, end))
        if not any(s < end and start < e for s, e in spans):
            out.append(doc.evidence(start, end))
    return out
