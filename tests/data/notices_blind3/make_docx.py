"""Build js_2027_table_requirements.docx: a notice whose requirements are all in a 3-column table."""

from pathlib import Path

from docx import Document

HERE = Path(__file__).parent

PARAS_BEFORE = [
    "江苏省人力资源和社会保障厅关于组织申报2027年度省级专业技术人员继续教育示范项目的通知",
    "苏人社函〔2027〕33号",
    "各设区市人力资源社会保障局，省各有关部门，各有关高校：",
    "为发挥示范引领作用，提升专业技术人员继续教育质量，现组织申报2027年度省级专业技术人员继续教育示范项目。具体要求如下表：",
]
ROWS = [
    ("项目", "要求", "备注"),
    ("培训对象", "具有中级及以上专业技术职称的专业技术人员", ""),
    ("培训规模", "每期不少于60人", "原则上不超过150人"),
    ("培训时间", "每期3至5天", "不含报到时间"),
    ("培训学时", "不少于24学时", "其中线上学时不超过30%"),
    ("经费补助", "每期最高补助6万元", "按实际支出据实结算"),
    ("收费要求", "不得向学员收取任何费用", ""),
    ("申报数量", "每个单位限报2个", ""),
]
PARAS_AFTER = [
    "请各单位于2027年5月20日前将《2027年度省级继续教育示范项目申报书》（附件1）报送省人力资源社会保障厅专业技术人员管理处。",
    "联系人：周静，电话：025-83276543。",
    "附件：1．2027年度省级继续教育示范项目申报书",
    "江苏省人力资源和社会保障厅",
    "2027年4月8日",
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
    doc.save(HERE / "js_2027_table_requirements.docx")


if __name__ == "__main__":
    main()
