"""Builds the invented forms of tests/test_forms_classes7.py (DOCX); their PDFs are made from them by
LibreOffice and committed beside them, so the tests need no soffice:

    python make_forms.py && soffice --headless -env:UserInstallation=file:///tmp/lo_forms_$$ \
        --convert-to pdf --outdir . *.docx
"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).parent
PROVINCIAL = "2028年度某省省级高级研修项目申报表"
NATIONAL = "2028年度专业技术人才知识更新工程高级研修项目申报表"

FORMS = {
    # Class 7: hours as decimals in a plan list given as a Word table (and 研修总学时 in headed_rows).
    "plan_hours": ["中国科学院2028年度培训计划", [
        ["序号", "培训班名称", "单位", "培训类别", "培训天数", "学时", "计划人数"],
        ["1", "冷冻电镜样品制备培训班", "中国科学院生物物理研究所", "专项技术短期培训班", "2", "2.5", "30"],
        ["2", "同步辐射线站使用培训班", "中国科学院高能物理研究所", "专项技术短期培训班", "3", "12.5学时", "40"],
    ]],
    # A units table with a column naming each row's unit, and details written inside one cell.
    "units_table": [NATIONAL, [
        ["项目名称", "深海装备耐压结构设计高级研修班"],
        ["办班时间", "2028年6月12日至18日"],
        ["研修目标", "掌握深海耐压结构设计方法。"],
    ], "联系人信息", [
        ["类别", "单位名称", "联系人", "办公电话", "手机", "通讯地址"],
        ["申报单位", "某省科学技术厅", "柏临风", "0571-86001234", "13700001234", "某市文一路1号"],
        ["承办单位", "某海洋大学", "邝晴川", "0571-86005678", "13700005678", "某市舟山路8号"],
    ]],
    # Header facts above the table, a unit label with its name beside it, a one-end date label with a
    # whole period, and a row heading with a sub-heading before the value.
    "headed_rows": [PROVINCIAL, "项目名称：竹木材料绿色加工技术高级研修班", "举办地点：某省丽水市", "参训人数：五十人", [
        ["拟开班时间", "2028年10月30日—11月3日"],
        ["研修总学时", "24.5"],
        ["研修对象", "面向全省竹木加工企业具有中级及以上专业技术职称的专业技术人员。"],
        ["承办单位", "某林业职业学院", "联系人", "卢映雪"],
        ["手机", "13800001111", "地址", "某市莲都区1号"],
        ["审核意见", "主管部门意见", "同意推荐。"],
    ]],
}


def build(path: Path, parts: list) -> None:
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        width = max(len(r) for r in part)
        table = document.add_table(rows=len(part), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(part):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(path)


if __name__ == "__main__":
    for name, parts in FORMS.items():
        build(HERE / f"{name}.docx", parts)
