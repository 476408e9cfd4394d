"""Evaluation of topic classification: ``python -m shenbao.eval topics [--file F] [--rules R]``.

Prints top-1 accuracy (the first match is an acceptable label; for an out-of-scope
row, correct when the answer is empty), top-3 recall of the primary label, precision
and recall of "none", a per-difficulty breakdown, the misses, and the same figures
for a simple baseline (TF-IDF over character 1-3-grams of direction names + aliases,
nearest direction, its own abstention threshold). Every figure is also given on the
two halves of the file (odd / even row numbers), so that a threshold tuned on one half
can be checked on the other: ``--calibrate`` does exactly that for the classifier.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import shared_dir
from ..extractors.topics.directions import Direction, aliases_for, default_taxonomy, same_direction
from ..extractors.topics.matcher import Classifier

BARS = {"top1": 0.85, "top3": 0.95, "none_precision": 0.80, "none_recall": 0.80}


@dataclass
class Row:
    id: str
    title: str
    description: str
    acceptable: list[tuple[str, str]]
    difficulty: str

    @property
    def is_none(self) -> bool:
        return not self.acceptable


def load_rows(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append(Row(str(r["id"]), r["title"], r.get("description") or "",
                            [tuple(p) for p in r.get("acceptable") or []], r.get("difficulty") or "?"))
    return rows


# --------------------------------------------------------------------------- label comparison


def _category_groups() -> list[set[str]]:
    return [{c["name"], *c.get("aliases", [])} for c in default_taxonomy()["categories"]]


def same_category(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _category_groups())


def is_label(category: str, direction: str, pair: tuple[str, str]) -> bool:
    return same_direction(direction, pair[1]) and same_category(category, pair[0])


# --------------------------------------------------------------------------- metrics

# A predictor maps a row to its ranked (category, direction) list; empty means "none".
Predictor = Callable[[Row], list[tuple[str, str]]]


def metrics(rows: list[Row], predictions: dict[str, list[tuple[str, str]]]) -> dict:
    top1 = top3_hits = top3_total = 0
    none_tp = none_pred = none_true = 0
    by_difficulty: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses, top3_misses = [], []
    for row in rows:
        ranked = predictions[row.id]
        if row.is_none:
            correct = not ranked
            none_true += 1
        else:
            correct = bool(ranked) and any(is_label(*ranked[0], p) for p in row.acceptable)
            top3_total += 1
            in_top3 = any(is_label(*m, row.acceptable[0]) for m in ranked[:3])
            top3_hits += in_top3
            if not in_top3:
                top3_misses.append((row, ranked))
        none_pred += not ranked
        none_tp += row.is_none and not ranked
        top1 += correct
        by_difficulty[row.difficulty][0] += correct
        by_difficulty[row.difficulty][1] += 1
        if not correct:
            misses.append((row, ranked))
    return {
        "n": len(rows),
        "top1": top1 / len(rows) if rows else 0.0,
        "top3": top3_hits / top3_total if top3_total else 0.0,
        "none_precision": none_tp / none_pred if none_pred else 1.0,
        "none_recall": none_tp / none_true if none_true else 1.0,
        "by_difficulty": {d: (c, t) for d, (c, t) in sorted(by_difficulty.items())},
        "misses": misses,
        "top3_misses": top3_misses,
    }


def restrict_to(rows: list[Row], directions: list[Direction]) -> tuple[list[Row], int]:
    """Under a notice's own rule set, a label the notice does not list cannot be given:
    keep the acceptable labels it lists; a row with none left is out of scope for it."""
    out, changed = [], 0
    for row in rows:
        kept = [p for p in row.acceptable if any(is_label(d.category, d.name, p) for d in directions)]
        if len(kept) != len(row.acceptable):
            changed += 1
            row = Row(row.id, row.title, row.description, kept, row.difficulty if kept else "none")
        out.append(row)
    return out, changed


def halves(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Odd and even row numbers (1-based): a fixed split, independent of the labels."""
    return rows[0::2], rows[1::2]


def fmt(m: dict) -> str:
    return (f"top-1 {m['top1']:.3f}  top-3 {m['top3']:.3f}  none P {m['none_precision']:.3f}"
            f"  none R {m['none_recall']:.3f}  (n={m['n']})")


# --------------------------------------------------------------------------- classifier


def classifier_scores(classifier: Classifier, rows: list[Row]) -> dict[str, list]:
    return {r.id: classifier.score(r.title, r.description) for r in rows}


def shipped_metrics(classifier: Classifier, rows: list[Row]) -> dict:
    """The metrics of ``rows`` as the classifier answers them, at its own threshold."""
    scored = classifier_scores(classifier, rows)
    return metrics(rows, predict_at(scored, classifier.threshold, classifier.secondary_min))


def predict_at(scored: dict[str, list], threshold: float, secondary_min: float, top: int = 3):
    out = {}
    for rid, ranked in scored.items():
        if not ranked or ranked[0].score < threshold:
            out[rid] = []
        else:
            out[rid] = [(m.category, m.direction) for m in ranked[:top]
                        if m is ranked[0] or m.score >= secondary_min]
    return out


def tune_threshold(rows: list[Row], scored: dict[str, list], secondary_min: float,
                   grid: list[float] | None = None) -> float:
    """The threshold with the best top-1 accuracy on ``rows``; ties → the middle of the best run."""
    grid = grid or [round(0.2 + 0.01 * k, 2) for k in range(71)]
    subset = {r.id: scored[r.id] for r in rows}
    results = [(metrics(rows, predict_at(subset, t, secondary_min))["top1"], t) for t in grid]
    best = max(acc for acc, _ in results)
    best_ts = [t for acc, t in results if acc == best]
    return best_ts[len(best_ts) // 2]


# --------------------------------------------------------------------------- baseline


class TfidfBaseline:
    """Cosine similarity of character 1-3-gram TF-IDF vectors: proposal vs each direction's
    name + strong aliases. Pure Python."""

    def __init__(self, directions: list[Direction], use_aliases: bool = True) -> None:
        self.directions = directions
        docs = [self._grams(" ".join([d.name, *(aliases_for(d.name)["strong"] if use_aliases else [])]))
                for d in directions]
        df = Counter(g for doc in docs for g in set(doc))
        self.idf = {g: math.log((len(docs) + 1) / (c + 1)) + 1 for g, c in df.items()}
        self.vectors = [self._vector(doc) for doc in docs]

    @staticmethod
    def _grams(text: str) -> Counter:
        text = text.lower()
        return Counter(text[i : i + n] for n in (1, 2, 3) for i in range(len(text) - n + 1) if text[i : i + n].strip())

    def _vector(self, grams: Counter) -> dict[str, float]:
        vec = {g: (1 + math.log(c)) * self.idf[g] for g, c in grams.items() if g in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def ranked(self, text: str) -> list[tuple[float, Direction]]:
        query = self._vector(self._grams(text))
        sims = [(sum(w * vec.get(g, 0.0) for g, w in query.items()), d) for d, vec in zip(self.directions, self.vectors, strict=True)]
        return sorted(sims, key=lambda x: -x[0])


def baseline_scores(baseline: TfidfBaseline, rows: list[Row]) -> dict[str, list]:
    return {r.id: baseline.ranked(f"{r.title} {r.title} {r.description}") for r in rows}


def baseline_predict(scored: dict[str, list], threshold: float, top: int = 3):
    return {rid: [] if not ranked or ranked[0][0] < threshold else
            [(d.category, d.name) for _, d in ranked[:top]]
            for rid, ranked in scored.items()}


def baseline_tune(rows: list[Row], scored: dict[str, list]) -> float:
    grid = [round(0.01 * k, 2) for k in range(1, 61)]
    subset = {r.id: scored[r.id] for r in rows}
    results = [(metrics(rows, baseline_predict(subset, t))["top1"], t) for t in grid]
    best = max(a for a, _ in results)
    ts = [t for a, t in results if a == best]
    return ts[len(ts) // 2]


# --------------------------------------------------------------------------- report


def print_report(name: str, rows: list[Row], predictions: dict, show_misses: bool) -> dict:
    m = metrics(rows, predictions)
    odd, even = halves(rows)
    print(f"== {name}")
    print(f"  all : {fmt(m)}")
    print(f"  odd : {fmt(metrics(odd, predictions))}")
    print(f"  even: {fmt(metrics(even, predictions))}")
    print("  by difficulty: " + "  ".join(f"{d} {c}/{t} ({c / t:.2f})" for d, (c, t) in m["by_difficulty"].items()))
    if show_misses and m["misses"]:
        print(f"  misses ({len(m['misses'])}):")
        for row, ranked in m["misses"]:
            got = " | ".join(f"{c}/{d}" for c, d in ranked[:3]) or "none"
            want = f"{row.acceptable[0][0]}/{row.acceptable[0][1]}" if row.acceptable else "none"
            print(f"    {row.id} [{row.difficulty}] {row.title}\n        want {want}   got {got}")
    extra = [(r, k) for r, k in m["top3_misses"] if all(r is not x for x, _ in m["misses"])]
    if show_misses and extra:
        print(f"  primary label not in the top 3 (top-1 acceptable) ({len(extra)}):")
        for row, ranked in extra:
            got = " | ".join(f"{c}/{d}" for c, d in ranked[:3])
            print(f"    {row.id} [{row.difficulty}] {row.title}\n        want {row.acceptable[0][1]}   got {got}")
    return m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shenbao.eval topics", description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=shared_dir() / "samples" / "topics" / "dev.jsonl")
    parser.add_argument("--rules", type=Path, default=None, help="RuleSet JSON or notice file for the directions")
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--calibrate", action="store_true", help="tune the threshold on one half, check on the other")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    args = parser.parse_args(argv)

    if not args.file.exists():
        print(f"{args.file}: 文件不存在 / file not found", file=sys.stderr)
        return 2
    rows = load_rows(args.file)
    started = time.perf_counter()
    classifier = Classifier.from_rules(args.rules) if args.rules else Classifier()
    scored = classifier_scores(classifier, rows)
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} proposals from {args.file}; {len(classifier.directions)} directions "
          f"({'rules ' + str(args.rules) if args.rules else 'default taxonomy'}); {elapsed:.2f} s incl. loading")

    if args.rules:
        rows, changed = restrict_to(rows, classifier.directions)
        if changed:
            print(f"  {changed} rows keep only the labels this rule set lists; "
                  "rows left without any become out-of-scope (none)")

    shipped = predict_at(scored, classifier.threshold, classifier.secondary_min, args.top)
    main_metrics = print_report(f"classifier (threshold {classifier.threshold})", rows, shipped, not args.quiet)

    if args.calibrate:
        odd, even = halves(rows)
        for tune_name, tune_rows, check_name, check_rows in (("odd", odd, "even", even), ("even", even, "odd", odd)):
            t = tune_threshold(tune_rows, scored, classifier.secondary_min)
            m = metrics(check_rows, predict_at(scored, t, classifier.secondary_min, args.top))
            print(f"  calibrate: tuned on {tune_name} → threshold {t:.2f}; on {check_name}: {fmt(m)}")

    odd, _ = halves(rows)
    for label, use_aliases in (("names + aliases", True), ("names only", False)):
        bscored = baseline_scores(TfidfBaseline(classifier.directions, use_aliases), rows)
        bt = baseline_tune(odd, bscored)
        print_report(f"baseline TF-IDF char 1-3-grams, {label} (threshold {bt:.2f}, tuned on odd rows)", rows,
                     baseline_predict(bscored, bt, args.top), show_misses=False)

    print("== bars")
    ok = True
    for key, bar in BARS.items():
        passed = main_metrics[key] >= bar
        ok &= passed
        print(f"  {key:<15} {main_metrics[key]:.3f} >= {bar:.2f}  {'met' if passed else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
