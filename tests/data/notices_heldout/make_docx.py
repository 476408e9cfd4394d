"""Builds sz_2026_cme_notice.docx: a municipal notice whose programme rules sit in a Word table.

Run from this folder: python make_docx.py. The table has a merged title row and a
vertically merged cell (the hours rule shared by both programme rows).
"""

from pathlib import Path

from docx import Document

HERE = Path(__file__).parent

BEFORE_TABLE = [
    "苏州市卫生健康委员会",
    "苏卫科教〔2026〕8号",
    "苏州市卫生健康委员会关于申报2026年度市级继续医学教育项目的通知",
    "各市、区卫生健康委（局），委直属各单位，各有关医疗卫生机构：",
    "为进一步加强继续医学教育管理，提高卫生专业技术人员业务水平，现将2026年度市级继续医学教育项目申报工作有关事项通知如下：",
    "一、申报范围",
    "市级继续医学教育项目分为市级重点项目和市级一般项目。申报项目应符合我市卫生健康事业发展需要，突出新理论、新知识、新技术、新方法。",
    "二、项目要求",
    "（一）各类项目举办要求及资助标准见下表。",
]
TABLE = [
    ["项目类别", "举办时间", "培训人数", "学时要求", "资助标准"],
    ["市级重点项目", "不少于3天", "不少于100人", "学时不少于24学时", "不超过8万元"],
    ["市级一般项目", "不少于2天", "50人左右", "", "每班资助3万元"],
]
AFTER_TABLE = [
    "（二）项目负责人应具有副高级及以上专业技术职称。每个单位申报项目不超过5项。",
    "（三）项目原则上以线下面授为主，须在2026年12月15日前举办完毕。",
    "三、申报程序",
    "请各单位于2026年4月30日前登录“苏州市继续医学教育管理平台”完成网上申报，"
    "并将纸质申报表（附件1）一式两份报送市卫生健康委科教处。",
    "四、联系方式",
    "联系人：王敏，电话：0512-65223456，邮箱：szwjwkj@126.com",
    "附件：1.苏州市2026年度市级继续医学教育项目申报表",
    "2.市级继续医学教育项目学分授予标准",
    "苏州市卫生健康委员会",
    "2026年3月2日",
]


def build(path: Path) -> None:
    doc = Document()
    for line in BEFORE_TABLE:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(TABLE) + 1, cols=len(TABLE[0]))
    table.style = "Table Grid"
    title = table.cell(0, 0).merge(table.cell(0, len(TABLE[0]) - 1))
    title.text = "2026年度市级继续医学教育项目举办要求"
    for r, row in enumerate(TABLE, start=1):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(2, 3).merge(table.cell(3, 3))
    for line in AFTER_TABLE:
        doc.add_paragraph(line)
    doc.save(path)


if __name__ == "__main__":
    build(HERE / "sz_2026_cme_notice.docx")
