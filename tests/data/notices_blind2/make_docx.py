"""Builds bj_2027_ce_base_plan.docx: a continuing-education base notice whose programme rules sit in a Word table.

Run from this folder: python make_docx.py.
"""

from pathlib import Path

from docx import Document

HERE = Path(__file__).parent

BEFORE_TABLE = [
    "北京市人力资源和社会保障局",
    "京人社专技字〔2027〕18号",
    "北京市人力资源和社会保障局关于做好2027年度专业技术人员继续教育基地培训计划申报工作的通知",
    "各区人力资源和社会保障局，各专业技术人员继续教育基地：",
    "为规范专业技术人员继续教育基地（以下简称基地）管理，提升培训质量，现就2027年度培训计划申报有关事项通知如下：",
    "一、申报主体",
    "已认定的市级专业技术人员继续教育基地。上年度经费执行率不低于80%的基地方可申报。",
    "二、培训计划要求",
    "基地年度培训计划应保证本单位专业技术人员每人每年累计参加继续教育不少于90学时，其中线上学时不超过50%。各类培训项目具体要求如下表：",
]
TABLE = [
    ["项目类型", "培训时间", "培训规模", "补助标准"],
    ["高级研修班", "不少于5天", "50人左右", "每期不超过15万元"],
    ["专题培训班", "2至3天", "不少于60人", "每期不超过5万元"],
    ["公益讲座", "单场不少于2学时", "全年不少于10场", "—"],
]
AFTER_TABLE = [
    "三、管理要求",
    "（一）基地应于每期培训结束后10个工作日内报送培训总结及学员名册。",
    "（二）培训计划须于2027年12月15日前全部执行完毕。",
    "（三）基地举办培训不得向学员收取除往返交通费以外的任何费用。",
    "四、报送时间",
    "请各基地于2027年2月28日前报送《2027年度继续教育基地培训计划表》（附件1）和《2026年度经费执行情况表》（附件2）。",
    "联系人：赵敏，电话：010-89151234，邮箱：jxjyjd@rsj.beijing.gov.cn",
    "附件：1. 2027年度继续教育基地培训计划表",
    "2. 2026年度经费执行情况表",
    "北京市人力资源和社会保障局",
    "2027年1月25日",
]


def build(path: Path) -> None:
    doc = Document()
    for line in BEFORE_TABLE:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in AFTER_TABLE:
        doc.add_paragraph(line)
    doc.save(path)


if __name__ == "__main__":
    build(HERE / "bj_2027_ce_base_plan.docx")
