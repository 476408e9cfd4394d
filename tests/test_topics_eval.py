"""The topic evaluation runs and meets its bars on the shared labelled proposals."""

from __future__ import annotations

from shenbao.eval.topics import TfidfBaseline, halves, load_rows, main, shipped_metrics
from shenbao.extractors.topics import Classifier, default_directions


def test_eval_meets_bars(capsys):
    assert main(["--quiet"]) == 0
    out = capsys.readouterr().out
    assert "top-1" in out and "baseline" in out and "NOT met" not in out


def test_metrics_count_none_rows(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"id": "a", "title": "量子通信网络研修班", "description": "", "acceptable": [["对接产业需求", "量子信息"]], "difficulty": "medium"}\n'
        '{"id": "b", "title": "工会经费审查培训班", "description": "", "acceptable": [], "difficulty": "none"}\n',
        encoding="utf-8")
    rows = load_rows(path)
    classifier = Classifier()
    m = shipped_metrics(classifier, rows)
    assert (m["top1"], m["top3"], m["none_precision"], m["none_recall"]) == (1.0, 1.0, 1.0, 1.0)
    assert [len(h) for h in halves(rows)] == [1, 1]


def test_baseline_ranks_literal_name_first():
    baseline = TfidfBaseline(default_directions())
    assert baseline.ranked("区块链技术应用研修班")[0][1].name == "区块链"
