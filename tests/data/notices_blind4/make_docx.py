"""Build cq_2027_quota_prenotice.docx: a short pre-notice whose only rules are per-programme quotas in a table."""

from pathlib import Path

from docx import Document

HERE = Path(__file__).parent

PARAS_BEFORE = [
    "重庆市人力资源和社会保障局关于2027年度专业技术人员继续教育项目计划名额的预通知",
    "渝人社办〔2027〕41号",
    "各区县（自治县）人力资源社会保障局，市级有关部门，有关高校和科研院所：",
    "为便于各单位提前谋划，现将2027年度专业技术人员继续教育项目计划名额预先告知如下，正式申报通知另行印发。",
]
ROWS = [
    ("项目名称", "计划名额", "备注"),
    ("高级研修班", "12", "重点支持战略性新兴产业"),
    ("急需紧缺人才培训班", "20", ""),
    ("乡村振兴人才专题班", "8", "含区县推荐名额"),
]
PARAS_AFTER = [
    "请各单位结合实际提前做好项目储备。",
    "联系人：",
    "黄志强，办公电话：023-88652214，手机：13908361472",
    "谭敏，办公电话：023-88652279，手机：15823049918",
    "重庆市人力资源和社会保障局",
    "2027年1月18日",
]


def main() -> None:
    doc = Document()
    for text in PARAS_BEFORE:
        doc.add_paragraph(text)
    table = doc.add_table(rows=len(ROWS), cols=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in PARAS_AFTER:
        doc.add_paragraph(text)
    doc.save(HERE / "cq_2027_quota_prenotice.docx")


if __name__ == "__main__":
    main()
