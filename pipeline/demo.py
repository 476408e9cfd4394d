"""``shenbao demo``: the whole journey on bundled files.

For each journey in corpus/demo/demo.yaml: parse the notice into a rule set,
screen the forms that answer it, write the reports, and say where they are.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..config import CORPUS_DIR
from ..extractors.notice import parse_notice_file
from ..models import dump_json
from .rules import reference
from .screen import screen, write_outputs

DEMO_DIR = CORPUS_DIR / "demo"


def run_demo(out_dir: Path) -> str:
    plan = yaml.safe_load((DEMO_DIR / "demo.yaml").read_text(encoding="utf-8"))
    lines = []
    for journey in plan["journeys"]:
        target = out_dir / journey["name"]
        target.mkdir(parents=True, exist_ok=True)
        notice = DEMO_DIR / journey["notice"]
        ruleset = parse_notice_file(notice)
        (target / "ruleset.json").write_text(dump_json(ruleset), encoding="utf-8")
        forms = sorted(p for p in (DEMO_DIR / journey["forms"]).iterdir() if p != notice)
        report = screen(forms, ruleset, jobs=1, progress=True, ref=reference(ruleset, file=str(notice)))
        write_outputs(report, ruleset, [target / name for name in plan["reports"]], target / plan["summary_table"])
        s = report.summary
        lines += [
            f"【{journey['title']}】",
            f"  通知：{ruleset.notice.title or notice.name} —— {len(ruleset.programs)} 类项目，"
            f"{len(ruleset.requirements)} 条要求",
            f"  审查 {s.total} 份：通过 {s.pass_}，不通过 {s.fail}，需复核 {s.review}，无法读取 {s.error}",
            f"  报告：{target / 'report.html'}（浏览器打开）、{target / 'report.xlsx'}、{target / plan['summary_table']}",
        ]
    lines.append(f"全部输出在 {out_dir.resolve()}")
    return "\n".join(lines)
