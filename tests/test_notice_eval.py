"""The notice evaluation against samples/notices/expected meets its targets."""

from __future__ import annotations

from shenbao.config import shared_dir
from shenbao.eval.notices import evaluate, same_value


def test_sample_notices_meet_precision_and_recall_targets():
    result = evaluate(shared_dir() / "samples" / "notices", formats=("txt", "docx"))
    assert result["results"]
    for r in result["results"]:
        assert r["recall"] >= 0.95, (r["file"], r["misses"])
        assert r["precision"] >= 0.90, (r["file"], r["false_positives"])
        assert all(v["ok"] for k, v in r["metadata"].items() if k != "issuer"), r["metadata"]


def test_value_matching_rules():
    assert same_value([4, 6], [4, 6]) and not same_value([4, 6], [6, 4])
    assert same_value(["宣传报道", "效果评估总结"], ["效果评估总结", "宣传报道"])
    assert same_value({"field": "是否申请资助", "value": "是"}, {"field": "是否申请资助", "value": "是"})
    assert not same_value(50000, 100000)


def test_eval_on_a_missing_or_empty_set_is_an_error(tmp_path, capsys):
    from shenbao.eval.__main__ import main

    assert main(["notices", "--dir", str(tmp_path / "无此目录")]) == 2
    assert "评测集不存在" in capsys.readouterr().err
    assert main(["notices", "--dir", str(tmp_path)]) == 2
    assert main(["screening", "--dir", str(tmp_path / "无此目录")]) == 2
