"""Score notice parsing against samples/notices/expected/*.json, or against a folder of held-out notices.

Two folder layouts are read: the shared samples' (NAME.{txt,docx,pdf} with the
answers in expected/NAME.json) and a flat one (NAME.{txt,md,html,docx,pdf} with
NAME.json beside it, as in tests/data/notices_heldout/). For each expected NAME
every available rendering is parsed and its requirements matched one to one with the expected ones on
programme (fuzzy, or both null), attribute, op and value. Prints precision and
recall per file and format with every miss and false positive, and the agreement
of metadata, topic scope, deadlines, contacts and attachments.

    python -m shenbao.eval notices [--json] [--dir DIR] [--formats txt,docx,pdf]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..config import shared_dir
from ..errors import ShenbaoError
from ..models import SCOPE_CONDITION

FORMATS = ("txt", "docx", "pdf")
FLAT_FORMATS = ("txt", "md", "html", "docx", "pdf")
FUZZ = 85
META_FIELDS = ("title", "issuer", "doc_number", "issued_on", "year", "kind")


def _norm(s: Any) -> str:
    return "".join(str(s).split()) if s is not None else ""


def same_text(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return _norm(a) == _norm(b) or fuzz.ratio(_norm(a), _norm(b)) >= FUZZ


def same_program(a: str | None, b: str | None) -> bool:
    return same_text(a, b)


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b  # True is no 1 (近三年考核合格 is not 为期1年)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-9
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        if all(isinstance(x, (int, float)) for x in a + b):
            return a == b if len(a) == 2 and len(b) == 2 else sorted(a) == sorted(b)
        rest = list(b)
        for x in a:
            hit = next((y for y in rest if same_value(x, y)), None)
            if hit is None:
                return False
            rest.remove(hit)
        return not rest
    if isinstance(a, str) and isinstance(b, str):
        return same_text(a, b)
    return a == b


# One rule written two ways by answer writers: a fee of 0 元 is 不得收费; 以集中面授为主 is 线下为主.
EQUIVALENT_VALUES = {"trainee_fee": [{"不得收费", 0}], "delivery_mode": [{"线下为主", "集中面授"}]}


def same_attribute_value(attribute: str, a: Any, b: Any) -> bool:
    if same_value(a, b):
        return True
    return any(_hashable(a) in group and _hashable(b) in group for group in EQUIVALENT_VALUES.get(attribute, []))


def _hashable(v: Any) -> Any:
    return v if isinstance(v, (str, int, float)) and not isinstance(v, bool) else None


def same_scope(exp: str, got: Any) -> bool:
    """A condition the answer states in words (公需科目, 设区市) against the words the reader kept."""
    if not isinstance(got, str):
        return False
    a, b = _norm(exp), _norm(got)
    short, long_ = sorted((a, b), key=len)
    return same_text(a, b) or (len(short) >= 2 and short in long_)


def same_condition(exp: dict | str | None, got: dict | None) -> bool:
    if not exp or not got:
        return not exp and not got
    if isinstance(exp, str):
        return same_scope(exp, got.get("value"))
    return (exp["attribute"] == got["attribute"] and exp["op"] == got["op"]
            and same_value(exp["value"], got["value"]))


def same_op(exp: dict, got: dict) -> bool:
    """The same op; at the top of the title order (正高级) ">=" and "==" say the same."""
    if exp["op"] == got["op"]:
        return True
    from ..config import corpus_yaml

    top = corpus_yaml("attributes.yaml")["titles"]["order"][-1]
    return {exp["op"], got["op"]} == {">=", "=="} and exp["value"] == got["value"] == top


def same_requirement(exp: dict, got: dict) -> bool:
    """Same attribute, op, programme and value; and the same condition where the answer states one."""
    return (exp["attribute"] == got["attribute"] and same_op(exp, got)
            and same_program(exp.get("program"), got.get("program"))
            and same_attribute_value(exp["attribute"], exp["value"], got["value"])
            and ("condition" not in exp or same_condition(exp["condition"], got.get("condition"))))


def match_requirements(expected: list[dict], got: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    pairs, misses = [], []
    free = list(got)
    for exp in expected:
        hit = next((g for g in free if same_requirement(exp, g)), None)
        if hit is None:
            misses.append(exp)
        else:
            free.remove(hit)
            pairs.append((exp, hit))
    return pairs, misses, free


def _item_overlap(expected: list[dict], got: list[dict]) -> dict:
    """Topic scope: for each expected (category, programme), the share of its items found."""
    total, found = 0, 0
    missing: list[str] = []
    for exp in expected:
        cand = [g for g in got if same_text(exp["category"], g["category"])
                and same_program(exp.get("program"), g.get("program"))]
        items = [i for g in cand for i in g["items"]]
        for item in exp["items"]:
            total += 1
            if any(same_text(item, i) for i in items):
                found += 1
            else:
                missing.append(f"{exp['category']}: {item}")
    return {"items": total, "found": found, "recall": found / total if total else 1.0, "missing": missing}


def _list_agreement(expected: list[dict], got: list[dict], key) -> dict:
    found = sum(1 for e in expected if any(key(e, g) for g in got))
    return {"expected": len(expected), "found": found, "got": len(got),
            "missing": [e for e in expected if not any(key(e, g) for g in got)]}


def answer_conventions(answers: list[dict]) -> dict[str, bool]:
    """What a set of answers records. Answers written before open requirements (attribute
    "other") and conditions in words (applies_to) existed list neither; the output's open
    requirements and word conditions are then not held against them (and are counted apart)."""
    reqs = [r for a in answers for r in a.get("requirements", [])]
    return {"open": any(r["attribute"] == "other" for r in reqs),
            "scope": any(isinstance(r.get("condition"), str) for r in reqs)}


def _as_answered(got: list[dict], conventions: dict[str, bool]) -> tuple[list[dict], int]:
    if not conventions.get("open", True):
        kept = [r for r in got if r["attribute"] != "other"]
        unscored, got = len(got) - len(kept), kept
    else:
        unscored = 0
    if not conventions.get("scope", True):
        got = [r | {"condition": None} if (r.get("condition") or {}).get("attribute") == SCOPE_CONDITION else r
               for r in got]
    return got, unscored


def score(expected: dict, ruleset: dict, conventions: dict[str, bool] | None = None) -> dict:
    got_reqs, unscored_open = _as_answered(ruleset["requirements"], conventions or {})
    pairs, misses, fps = match_requirements(expected.get("requirements", []), got_reqs)
    n_exp, n_got = len(expected.get("requirements", [])), len(got_reqs)
    meta_exp = expected.get("notice", {})
    meta = {f: {"expected": meta_exp.get(f), "got": ruleset["notice"].get(f),
                "ok": same_value(meta_exp.get(f), ruleset["notice"].get(f))}
            for f in META_FIELDS if f in meta_exp}
    return {
        "precision": len(pairs) / n_got if n_got else (1.0 if not n_exp else 0.0),
        "recall": len(pairs) / n_exp if n_exp else 1.0,
        "matched": len(pairs), "expected": n_exp, "got": n_got, "unscored_open": unscored_open,
        "misses": misses,
        "false_positives": [{k: fp.get(k) for k in ("program", "attribute", "op", "value", "strength")}
                            | {"quote": (fp.get("evidence") or {}).get("text")} for fp in fps],
        "strength_mismatches": [{"attribute": e["attribute"], "program": e.get("program"),
                                 "expected": e.get("strength"), "got": g.get("strength")}
                                for e, g in pairs if e.get("strength") and e.get("strength") != g.get("strength")],
        "metadata": meta,
        "programs": _list_agreement([{"name": p} for p in expected.get("programs", [])],
                                    ruleset["programs"], lambda e, g: same_program(e["name"], g["name"])),
        "topic_scope": _item_overlap(expected.get("topic_scope", []), ruleset["topic_scope"]),
        "deadlines": _list_agreement(expected.get("deadlines", []), ruleset["deadlines"],
                                     lambda e, g: e["date"] == g["date"]),
        "contacts": _list_agreement(expected.get("contacts", []), ruleset["contacts"],
                                    lambda e, g: (e.get("name") and e["name"] == g.get("name"))
                                    or (not e.get("name") and e.get("email") == g.get("email"))),
        "attachments": _list_agreement(expected.get("attachments", []), ruleset["attachments"],
                                       lambda e, g: same_text(e["title"], g["title"])),
    }


def disagreements(result: dict, parts: tuple[str, ...] = ("deadlines", "contacts", "attachments"),
                  known_metadata: frozenset[str] = frozenset()) -> list[str]:
    """Everything in one file's score that differs from its answer: requirements, strength,
    programmes, metadata (less the fields named known) and the listed parts ("topic_scope" by recall)."""
    r = result
    out = [f"requirement missed: {m}" for m in r["misses"]]
    out += [f"requirement not in the answer: {m}" for m in r["false_positives"]]
    out += [f"strength: {m}" for m in r["strength_mismatches"]]
    if r["programs"]["found"] != r["programs"]["expected"]:
        out.append(f"programs: {r['programs']}")
    out += [f"metadata {f}: {m}" for f, m in r["metadata"].items() if not m["ok"] and f not in known_metadata]
    for part in parts:
        if part == "topic_scope":
            if r["topic_scope"]["recall"] != 1.0:
                out.append(f"topic_scope: {r['topic_scope']}")
        elif r[part]["found"] != r[part]["expected"]:
            out.append(f"{part}: {r[part]}")
    return out


def expected_files(folder: Path) -> list[Path]:
    """The answer files: expected/*.json where that folder exists, else NAME.json beside NAME.<format>."""
    if (folder / "expected").is_dir():
        return sorted((folder / "expected").glob("*.json"))
    return sorted(p for p in folder.glob("*.json") if any(p.with_suffix(f".{f}").exists() for f in FLAT_FORMATS))


def evaluate(folder: Path, formats: tuple[str, ...] | None = None) -> dict:
    from ..extractors.notice import parse_notice_file

    if formats is None:
        formats = FORMATS if (folder / "expected").is_dir() else FLAT_FORMATS
    results = []
    skipped = []
    answers = {p: json.loads(p.read_text(encoding="utf-8")) for p in expected_files(folder)}
    conventions = answer_conventions(list(answers.values()))
    for exp_path, expected in answers.items():
        name = exp_path.stem
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            if not path.exists():
                continue
            try:
                ruleset = parse_notice_file(path).model_dump(mode="json", by_alias=True)
            except (ShenbaoError, ImportError, NotImplementedError) as err:
                skipped.append({"file": path.name, "reason": str(err).splitlines()[0]})
                continue
            results.append({"file": path.name, "name": name, "format": fmt,
                            **score(expected, ruleset, conventions)})
    matched = sum(r["matched"] for r in results)
    got = sum(r["got"] for r in results)
    exp = sum(r["expected"] for r in results)
    return {"results": results, "skipped": skipped,
            "overall": {"precision": matched / got if got else 0.0, "recall": matched / exp if exp else 0.0,
                        "files": len(results)}}


def _fmt_req(r: dict) -> str:
    quote = r.get("quote") or ""
    return f"[{r.get('program')}] {r['attribute']} {r['op']} {json.dumps(r['value'], ensure_ascii=False)}" + \
        (f"  «{quote}»" if quote else "")


def report(result: dict) -> str:
    lines = []
    for r in result["results"]:
        lines.append(f"== {r['file']}: P={r['precision']:.3f} R={r['recall']:.3f} "
                     f"({r['matched']}/{r['expected']} expected, {r['got']} extracted)")
        if r.get("unscored_open"):
            lines.append(f"   ({r['unscored_open']} open requirement(s) not scored: these answers list none)")
        for m in r["misses"]:
            lines.append(f"   MISS {_fmt_req(m)}")
        for fp in r["false_positives"]:
            lines.append(f"   FP   {_fmt_req(fp)}")
        for s in r["strength_mismatches"]:
            lines.append(f"   STRENGTH [{s['program']}] {s['attribute']}: expected {s['expected']}, got {s['got']}")
        meta_ok = sum(v["ok"] for v in r["metadata"].values())
        lines.append(f"   metadata {meta_ok}/{len(r['metadata'])}" + "".join(
            f"; {k}: expected {v['expected']!r} got {v['got']!r}" for k, v in r["metadata"].items() if not v["ok"]))
        ts = r["topic_scope"]
        lines.append(f"   topic_scope items {ts['found']}/{ts['items']} (R={ts['recall']:.2f})")
        for part in ("programs", "deadlines", "contacts", "attachments"):
            a = r[part]
            lines.append(f"   {part} {a['found']}/{a['expected']} (extracted {a['got']})")
    for s in result["skipped"]:
        lines.append(f"-- skipped {s['file']}: {s['reason']}")
    o = result["overall"]
    lines.append(f"OVERALL requirements P={o['precision']:.3f} R={o['recall']:.3f} over {o['files']} file(s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shenbao.eval notices")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--dir", type=Path, default=None,
                        help="folder with NAME.{txt,docx,pdf} and expected/, or NAME.<format> with NAME.json beside it")
    parser.add_argument("--formats", default=None, help=f"comma-separated, default {','.join(FORMATS)} "
                        f"(samples layout) or {','.join(FLAT_FORMATS)} (flat layout)")
    args = parser.parse_args(argv)
    folder = args.dir or shared_dir() / "samples" / "notices"
    formats = tuple(f for f in args.formats.split(",") if f) if args.formats else None
    result = evaluate(folder, formats)
    if not result["overall"]["files"]:
        print(f"{folder}: 没有可评测的通知（需要 NAME.txt/.docx/.pdf 及其标准答案） / no notices to evaluate",
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(report(result))
    return 0
