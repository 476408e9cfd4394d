"""Form reader on the shared samples: every form type in DOCX, PDF and XLSX against expected/.

Each sample is parsed once per session (module-level cache).
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from shenbao.config import shared_dir
from shenbao.eval.forms import leaves, submission_values
from shenbao.extractors.forms import parse_form_file
from shenbao.ingest import load

FORMS = shared_dir() / "samples" / "forms"
STEMS = sorted(p.stem for p in (FORMS / "expected").glob("*.json") if not p.stem.startswith("cas_plan"))
KEY_FIELDS = ("project_name", "start_date", "end_date", "funding_type", "topic_scope", "ce_base", "ce_base_batch",
              "participants", "category", "special_fields", "leader", "members", "duration_days",
              "departure_date", "priority_conditions")


@cache
def parsed(name: str):
    return parse_form_file(FORMS / name)


@cache
def expected(stem: str):
    return json.loads((FORMS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))


def wrong_leaves(stem: str, suffix: str) -> list[tuple]:
    [sub] = parsed(f"{stem}.{suffix}")
    exp = expected(stem)
    assert sub.form_type == exp["form_type"]
    values = submission_values(sub)
    return [(p, e, g) for key, value in exp["fields"].items()
            for p, e, g, ok in leaves(value, values.get(key), key) if not ok]


@pytest.mark.parametrize("stem", STEMS)
def test_docx_sample_matches_expected_exactly(stem):
    assert wrong_leaves(stem, "docx") == []


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_sample_key_fields_match_expected(stem):
    [sub] = parsed(f"{stem}.pdf")
    exp = expected(stem)
    assert sub.form_type == exp["form_type"]
    for key in KEY_FIELDS:
        if key in exp["fields"]:  # lists of ticked options compare as sets (tick order is not meaningful)
            wrong = [leaf for leaf in leaves(exp["fields"][key], sub.fields[key].value, key) if not leaf[3]]
            assert wrong == [], key


def test_pdf_samples_overall_accuracy():
    total = wrong = 0
    for stem in STEMS:
        exp = expected(stem)
        [sub] = parsed(f"{stem}.pdf")
        values = submission_values(sub)
        for key, value in exp["fields"].items():
            for _, _, _, ok in leaves(value, values.get(key), key):
                total += 1
                wrong += not ok
    assert total > 300
    assert 1 - wrong / total >= 0.95


def test_xlsx_plan_list_rows_match_expected():
    subs = parsed("cas_plan_01.xlsx")
    exp = expected("cas_plan_01")
    assert len(subs) == len(exp)
    for i, (sub, row) in enumerate(zip(subs, exp, strict=True), start=1):
        assert sub.row == i
        assert sub.form_type == "cas_training_plan"
        assert submission_values(sub) == row["fields"]


def test_multiple_ticks_in_single_choice_sample_are_reported():
    [sub] = parsed("fj_national_06.docx")
    assert sub.value("funding_type") == ["财政资助", "自筹经费"]
    assert any("单选" in w for w in sub.warnings)


def test_hint_kept_in_value_cell_is_removed():
    for stem in ("fj_national_03", "fj_national_05", "fj_provincial_04"):
        for suffix in ("docx", "pdf"):
            [sub] = parsed(f"{stem}.{suffix}")
            assert "包括但不限于" not in sub.value("content"), (stem, suffix)


def test_inner_space_labels_are_read():
    [sub] = parsed("cas_overseas_03.docx")  # 项 目 类 别, 培\n训\n内\n容, 团\n组\n成\n员
    assert sub.value("category") == "关键技术专项培训项目"
    assert sub.value("content").startswith("以同步辐射光束线")
    assert len(sub.value("members")) == 3
    [prov] = parsed("fj_provincial_01.docx")  # 手 机, 传 真, 地 址
    assert prov.value("host.mobile") == "15071256121"
    assert prov.value("host.address") == "福州市闽侯县学府北路1号"


@pytest.mark.parametrize("name", ["fj_national_02.docx", "fj_provincial_03.pdf", "cas_overseas_04.docx",
                                  "cas_plan_01.xlsx"])
def test_every_value_has_evidence_in_the_document_text(name):
    doc = load(FORMS / name)
    for sub in parsed(name):
        for key, field in sub.fields.items():
            if field.value in (None, [], {}):
                continue
            ev = field.evidence
            assert ev is not None, key
            assert doc.text[ev.start:ev.end] == ev.text, key
            if key != "submitted_on":
                assert ev.table is not None and ev.row is not None and ev.col is not None, key


def test_notice_with_a_blank_annex_form_is_not_a_form():
    from shenbao.errors import UnknownFormError

    notice = shared_dir() / "samples" / "notices" / "fj_2025_seminar_notice.docx"
    with pytest.raises(UnknownFormError) as err:
        parse_form_file(notice)
    assert "fj_2025_seminar_notice.docx" in str(err.value)
