"""Reports streamed: results spooled to disk, JSON written result by result, batch groups named once."""

from __future__ import annotations

import io
import json

import pytest

from shenbao.checker.screen import finish_report
from shenbao.models import (
    Evidence,
    Finding,
    Requirement,
    RuleSet,
    ScreeningReport,
    ScreeningResult,
    Source,
    dump_json,
)
from shenbao.outputs.json_report import stream_json
from shenbao.pipeline.spool import SpooledResults

RULES = RuleSet(source=Source(file="n.txt", sha256="7" * 64, format="txt"),
                requirements=[Requirement(id="mpu", attribute="max_per_unit", op="<=", value=2)])


def results(n: int, unit: str = "某研究院", title: str = "同一个研修班") -> list[ScreeningResult]:
    return [ScreeningResult(file=f"batch/f{i:04d}.docx", unit=unit, title=title, verdict="pass",
                            findings=[Finding(attribute="duration_days", status="satisfied", severity="info",
                                              message=f"第{i}份 5天", form_value=5,
                                              form_evidence=Evidence(text="5天", start=i, end=i + 2))],
                            fields={"duration_days": 5, "title": title})
            for i in range(n)]


def spooled(items: list[ScreeningResult]) -> SpooledResults:
    spool = SpooledResults()
    for item in items:
        spool.append(item)
    return spool


def report_of(items) -> ScreeningReport:
    report = ScreeningReport(ruleset={"title": "某通知"}, ignored=["batch/~$锁.docx"])
    report.results = items
    return finish_report(report, RULES)


def test_spool_is_a_sequence_of_the_results_it_was_given():
    items = results(5)
    spool = spooled(items)
    assert len(spool) == 5 and spool[3] == items[3] and list(spool) == items and spool[1:3] == items[1:3]
    assert [h.file for h in spool.heads] == [r.file for r in items]


def test_spooled_report_is_the_same_json_as_the_report_in_memory():
    in_memory = report_of(results(6))
    on_disk = report_of(spooled(results(6)))
    streamed = io.StringIO()
    stream_json(on_disk, streamed)
    assert json.loads(streamed.getvalue()) == json.loads(dump_json(in_memory))
    assert on_disk.summary == in_memory.summary and on_disk.summary.fail == 6
    # the batch rules' findings were written into the spool, verdicts recomputed there
    assert [r.verdict for r in on_disk.results] == ["fail"] * 6
    assert [h.verdict for h in on_disk.results.heads] == ["fail"] * 6


def test_stream_json_keeps_the_key_order_and_an_empty_batch():
    report = ScreeningReport(ruleset={"title": "某通知"})
    streamed = io.StringIO()
    stream_json(report, streamed)
    assert list(json.loads(streamed.getvalue())) == list(json.loads(dump_json(report)))
    assert json.loads(streamed.getvalue())["results"] == [] and streamed.getvalue().endswith("}\n")


def test_a_duplicate_group_is_named_once_not_in_every_member():
    report = report_of(results(40))
    [limit, duplicate] = report.batch_findings
    assert limit.attribute == "max_per_unit" and limit.group == "B1" and len(limit.files) == 40
    assert duplicate.attribute == "duplicate_submission" and duplicate.group == "B2"
    assert "f0039.docx" in duplicate.message  # the group's finding lists every member, once
    member = report.results[0]
    [mine] = [f for f in member.findings if f.attribute == "duplicate_submission"]
    assert mine.group == "B2" and "共 40 份" in mine.message and "B2" in mine.message
    assert "f0039.docx" not in mine.message
    [cap] = [f for f in member.findings if f.attribute == "max_per_unit"]
    assert cap.group == "B1" and cap.status == "violated" and "40 项" in cap.message and "f0001" not in cap.message


def test_member_messages_do_not_grow_with_the_group():
    small = report_of(results(10)).results[0].model_dump_json()
    large = report_of(results(400)).results[0].model_dump_json()
    assert len(large) - len(small) < 10  # the count's digits, not 390 more file names


def test_a_failed_rewrite_keeps_every_result():
    spool = spooled(results(4))

    def broken(index, result):
        if index == 2:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        spool.rewrite(broken)
    assert [r.file for r in spool] == [r.file for r in results(4)] and len(spool.heads) == 4
