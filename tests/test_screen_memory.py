"""Bulk runs keep results compact without changing what they say."""

from __future__ import annotations

from shenbao.models import Evidence, Finding, ScreeningResult
from shenbao.pipeline.screen import compact_result


def result(i: int) -> ScreeningResult:
    findings = [Finding(requirement_id=f"r{k}", attribute="duration_days", status="satisfied", severity="info",
                        message=f"第{i}份 {k}", form_evidence=Evidence(text=f"{i}-{k}", start=k, end=k + 2))
                for k in range(3)]
    return ScreeningResult(file=f"f{i}.docx", verdict="pass", findings=findings)


def test_compacting_shares_field_sets_and_keeps_the_json():
    before = [result(i).model_dump_json() for i in range(2)]
    a, b = compact_result(result(0)), compact_result(result(1))
    assert [a.model_dump_json(), b.model_dump_json()] == before
    assert a.findings[0].__pydantic_fields_set__ is b.findings[2].__pydantic_fields_set__
    assert a.findings[0].form_evidence.__pydantic_fields_set__ is b.findings[1].form_evidence.__pydantic_fields_set__
    assert a.model_dump(exclude_unset=True)["findings"][0]["form_evidence"] == {"text": "0-0", "start": 0, "end": 2}
