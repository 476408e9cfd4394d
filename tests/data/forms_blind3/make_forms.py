"""Build the third blind batch of filled forms in this folder (DOCX with python-docx, XLSX with openpyxl).

Written, with the expected NAME.json beside each file, before the reader was run
on them, in layouts none of the earlier fixtures has: ticks typed by hand into
parentheses after each option ("财政资助项目（√）  自筹经费项目（ ）", also with
ASCII parentheses and ✓), value cells padded with tabs and runs of spaces and
written in full-width digits (２０２６年９月１５日, ０２５－８６６１１２３４),
labels that carry an English gloss ("项目名称 Project title"), a provincial form
laid out as a two-column key/value list of 30 rows (start and end dates on rows of
their own, one row per topic-scope option), a period written 2026.10.26-10.30, an
overseas form whose members table runs over a page break with its header repeated,
one whose members table is continued in a second table after a page break, with
birth dates "1980-05" and titles written 正高/副高/中级职称, and a plan list exported
from a web system with its English field keys in a hidden first row above the
Chinese headers and every number stored as text.

Run from the repository root: ``python tests/data/forms_blind3/make_forms.py``.
PDF versions of the DOCX files (NAME.pdf, scored against the same NAME.json) were
printed with LibreOffice (``soffice --headless --convert-to pdf``) and are committed
as fixtures.

Layout notation: a table is a list of rows; a row is a list of cell texts.
``None`` merges a cell into its left neighbour, ``"^"`` into the cell above;
``\\n`` separates paragraphs. A document is a list of parts: a string is a
paragraph, a list is a table, ``PAGE_BREAK`` starts a new page and a ``Repeat``
is a table whose first row repeats at the top of every page it runs onto.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for testkit
from testkit import UP, fill_cell, table_spans  # noqa: E402

HERE = Path(__file__).resolve().parent
PAGE_BREAK = object()


@dataclass
class Repeat:
    rows: list


# --------------------------------------------------------------------------- DOCX builder


def _mark_header_row(table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _add_table(document, rows: list[list[str | None]], repeat_header: bool = False) -> None:
    n_cols = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, c, r1, c1, text in table_spans(rows):
        cell = table.cell(r, c)
        if (r1, c1) != (r, c):
            cell = cell.merge(table.cell(r1, c1))
        if text:
            fill_cell(cell, text)
    if repeat_header:
        _mark_header_row(table)


def build_docx(name: str, parts: list) -> Path:
    document = docx.Document()
    for part in parts:
        if part is PAGE_BREAK:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(part, str):
            document.add_paragraph(part)
        elif isinstance(part, Repeat):
            _add_table(document, part.rows, repeat_header=True)
        else:
            _add_table(document, part)
    path = HERE / f"{name}.docx"
    document.save(path)
    return path


# --------------------------------------------------------------------------- seminar forms


def ln_national_handtick() -> Path:
    """附件1 type ticked by typing √ into the parentheses after each option."""
    rows = [
        ["项目名称", "沿海港口智慧物流技术高级研修班", None, None, None],
        ["办班时间", "2026年9月7日—11日", None, "办班地点", "辽宁省大连市"],
        ["选题所属行业领域", "交通运输", None, "选题所属行业主管部门", "交通运输部"],
        ["申报项目类别", "财政资助项目（√）  自筹经费项目（ ）（自筹经费来源：　　　　）", None, None, None],
        ["是否符合选题范围", "服务重大战略（√）：东北全面振兴\n对接产业需求（ ）：\n突出数字技术（√）：智慧港口",
         None, None, None],
        ["研修目的和作用", "提升港口物流领域专业技术人员的数字化运营与管理能力。", None, None, None],
        ["研修内容和方式", "专题讲座、自动化码头现场教学和案例研讨相结合。", None, None, None],
        ["授课专家情况", "大连海事大学教授孙光、交通运输部水运科学研究院研究员刘伟。", None, None, None],
        ["培训对象", "面向全国港口物流企业专业技术人员，计划培训80人。", None, None, None],
        ["申报单位信息", "单位名称", "", "联系人", ""],
        [UP, "办公电话", "", "手机", ""],
        [UP, "传真", "", "地址", ""],
        ["承办单位信息", "单位名称", "大连海事大学", "联系人", "孟凡"],
        [UP, "办公电话", "0411-84721234", "手机", "13842612345"],
        [UP, "传真", "0411-84721235", "地址", "大连市甘井子区凌海路1号"],
        ["是否继续教育基地", "是第（ ）批国家级继续教育基地（ ）  是省级继续教育基地（√）  否（ ）",
         None, None, None],
    ]
    return build_docx("ln_national_handtick", [
        "附件1",
        "辽宁省2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年3月12日",
        rows,
    ])


def js_provincial_spaces() -> Path:
    """附件2 type typed with tabs, runs of spaces and full-width digits in the value cells."""
    rows = [
        ["项目名称", "\t  长三角先进材料检测与评价技术高级研修班  ", None, None],
        ["办班时间", "２０２６年９月１５日—１９日", "办班地点", "江苏省  南京市"],
        ["选题所属专业技术领域", "\t新材料\t", "选题所属行业主管部门", " 江苏省工业和信息化厅 "],
        ["是否符合选题范围", "☐服务重大战略：\t\t  ☑对接产业需求：新材料检测  ☐突出数字技术：　　", None, None],
        ["研修目的和作用", "  提升新材料检测评价专业技术人员的技术水平。  ", None, None],
        ["研修内容和方式", "\t专题讲座、实验室实操与现场研讨相结合。", None, None],
        ["授课专家情况", "东南大学教授孙正明、南京工业大学教授陈苏等。\t", None, None],
        ["培训对象", "面向全省新材料企业检测岗位专业技术人员。", None, None],
        ["培训人数", "　８０　人", None, None],
        ["承办单位信息", "单位名称", "\t江苏省产品质量监督检验研究院", None],
        [UP, "联系人", "秦  岭", None],
        [UP, "办公电话", "０２５－８６６１１２３４", None],
        [UP, "手机", "１３９１４７１２３４５", None],
        [UP, "传真", "\t", None],
        [UP, "地址", "南京市鼓楼区  广州路  ２１５号", None],
        ["是否继续教育基地", "☐是第___批国家级继续教育基地  ☐是省级继续教育基地  ☑否", None, None],
        ["审核意见", "\t同意推荐。\n（盖章）\n２０２６年４月３日", None, None],
    ]
    return build_docx("js_provincial_spaces", [
        "２０２６年江苏省专业技术人才知识更新工程省级高级研修项目申报表",
        "申报时间：　２０２６年３月２８日",
        rows,
    ])


def yn_national_bilingual() -> Path:
    """附件1 type whose labels carry an English gloss after the Chinese."""
    rows = [
        ["项目名称 Project title", "澜湄区域跨境电子商务发展高级研修班", None, None, None],
        ["办班时间 Dates", "2026年11月2日—6日", None, "办班地点 Venue", "云南省昆明市"],
        ["选题所属行业领域 Industry field", "商务", None, "选题所属行业主管部门 Competent authority", "商务部"],
        ["申报项目类别 Funding type",
         "☐财政资助项目 Government-funded  ☑自筹经费项目 Self-funded（自筹经费来源 Source：会员单位会费）",
         None, None, None],
        ["是否符合选题范围 Topic scope",
         "☑服务重大战略 National strategy：面向南亚东南亚辐射中心\n☐对接产业需求 Industry demand：\n"
         "☑突出数字技术 Digital technology：跨境电商平台", None, None, None],
        ["研修目的和作用 Objectives", "提升跨境电子商务领域专业技术人员的国际化经营能力。", None, None, None],
        ["研修内容和方式 Content and format", "专题讲座、跨境电商园区现场教学和分组研讨。", None, None, None],
        ["授课专家情况 Lecturers", "云南财经大学教授张林、对外经济贸易大学教授王健。", None, None, None],
        ["培训对象 Target trainees", "面向全国跨境电商企业专业技术人员，招收学员60人。", None, None, None],
        ["申报单位信息 Applicant", "单位名称 Organization", "云南省电子商务协会", "联系人 Contact person", "段丽"],
        [UP, "办公电话 Office tel.", "0871-63141234", "手机 Mobile", "13888012345"],
        [UP, "传真 Fax", "", "地址 Address", "昆明市盘龙区北京路155号"],
        ["承办单位信息 Host", "单位名称 Organization", "云南财经大学", "联系人 Contact person", "普洁"],
        [UP, "办公电话 Office tel.", "0871-65021234", "手机 Mobile", "13908712345"],
        [UP, "传真 Fax", "0871-65021235", "地址 Address", "昆明市五华区龙泉路237号"],
        ["是否继续教育基地 CE base", "☑是第5批国家级继续教育基地  ☐是省级继续教育基地  ☐否", None, None, None],
    ]
    return build_docx("yn_national_bilingual", [
        "云南省2026年专业技术人才知识更新工程高级研修项目申报表",
        "Application Form for Advanced Seminar Programme",
        "申报时间 Date of application：2026年3月18日",
        rows,
    ])


def gz_provincial_kv30() -> Path:
    """附件2 type printed from a web system as one key/value pair per row, 30 rows."""
    pairs = [
        ("项目名称", "山地特色农业数字化管理技术高级研修班"),
        ("办班开始日期", "2026年10月19日"),
        ("办班结束日期", "2026年10月23日"),
        ("办班天数", "5"),
        ("办班地点", "贵州省贵阳市"),
        ("选题所属专业技术领域", "农业"),
        ("选题所属行业主管部门", "贵州省农业农村厅"),
        ("选题范围：服务重大战略", ""),
        ("选题范围：对接产业需求", "山地特色农业"),
        ("选题范围：突出数字技术", "农业物联网"),
        ("研修目的和作用", "推动山地特色农业数字化转型，提升农业专业技术人员的信息化管理能力。"),
        ("研修内容和方式", "专题讲座、智慧农业基地现场教学和交流研讨。"),
        ("授课专家情况", "贵州大学教授宋宝安、贵州省农业科学院研究员王小波。"),
        ("培训对象", "面向全省农业技术推广单位专业技术人员。"),
        ("培训人数", "50"),
        ("承办单位名称", "贵州省农业科学院"),
        ("承办单位地址", "贵阳市花溪区金农路1号"),
        ("邮政编码", "550006"),
        ("联系人", "杨帆"),
        ("办公电话", "0851-83761234"),
        ("手机", "13985012345"),
        ("传真", "0851-83761235"),
        ("电子邮箱", "kjc@gzaas.example.cn"),
        ("是否继续教育基地", "否"),
        ("继续教育基地批次", ""),
        ("设区市人社部门审核意见", "同意推荐。"),
        ("审核单位", "贵阳市人力资源和社会保障局"),
        ("审核日期", "2026年4月12日"),
        ("申报时间", "2026年4月9日"),
        ("备注", "无"),
    ]
    rows = [["填报项目", "填报内容"]] + [[k, v] for k, v in pairs]
    return build_docx("gz_provincial_kv30", [
        "贵州省2026年专业技术人才知识更新工程省级高级研修项目申报表",
        rows,
    ])


def sx_provincial_asciiticks() -> Path:
    """附件2 type ticked with ✓/√ in ASCII parentheses after the options, period written with dots."""
    rows = [
        ["项目名称", "煤炭清洁高效利用技术高级研修班", None, None],
        ["办班时间", "2026.10.26-10.30", "办班地点", "山西省太原市"],
        ["选题所属专业技术领域", "能源", "选题所属行业主管部门", "山西省能源局"],
        ["是否符合选题范围", "服务重大战略( )  对接产业需求(✓)：煤炭清洁高效利用  突出数字技术( )", None, None],
        ["研修目的和作用", "提升煤炭行业专业技术人员清洁高效利用的技术水平。", None, None],
        ["研修内容和方式", "专题讲座、煤化工企业现场教学和研讨交流。", None, None],
        ["授课专家情况", "太原理工大学教授谢克昌、中国科学院山西煤炭化学研究所研究员王建国。", None, None],
        ["培训对象", "面向全省煤炭和煤化工企业专业技术人员，拟招收学员45人。", None, None],
        ["承办单位信息", "单位名称", "太原理工大学", None],
        [UP, "联系人", "任杰", None],
        [UP, "办公电话", "0351-6011234", None],
        [UP, "手机", "13835112345", None],
        [UP, "传真", "0351-6011235", None],
        [UP, "地址", "太原市迎泽区迎泽西大街79号", None],
        ["是否继续教育基地", "是第( )批国家级继续教育基地( )  是省级继续教育基地(√)  否( )", None, None],
        ["设区市人社部门审核意见", "同意推荐。\n（盖章）\n2026年4月6日", None, None],
    ]
    return build_docx("sx_provincial_asciiticks", [
        "山西省2026年专业技术人才知识更新工程省级高级研修项目申报表",
        "申报时间：2026年4月1日",
        rows,
    ])


# --------------------------------------------------------------------------- overseas forms

LONG_TEXT = (
    "围绕高效催化材料设计、原位表征与过程放大开展系统研修，"
    "学习国际先进实验室在催化机理研究和工程转化方面的组织方式与技术路线。"
)


def cas_overseas_longlist() -> Path:
    """Eighteen members in a table that runs onto the next page with its header row repeated."""
    main = [
        ["项目名称", "能源催化技术赴荷兰研修项目", None, None, None],
        ["项目类别", "☐领军人才研修项目  ☐优秀青年人才培养项目  ☑关键技术专项培训项目  ☐重点领域专项计划",
         None, None, None],
        ["重点领域专项类别", "☐“卡脖子技术”相关领域  ☐战略高技术领域专项", None, None, None],
        ["项目带头人", "姓名", "出生年月", "职称", "工作单位"],
        [UP, "吴昊天", "1972年3月", "研究员", "中国科学院大连化学物理研究所"],
        ["培训时长（天）", "28", "拟出国（境）时间", "2026年10月8日", None],
        ["国家（地区）", "荷兰", "城市", "埃因霍温、代尔夫特", None],
        ["境外培训机构", "埃因霍温理工大学、代尔夫特理工大学", None, None, None],
        ["培训内容", "\n".join([LONG_TEXT] * 6), None, None, None],
        ["预期成果", "\n".join(["形成能源催化技术研修报告，推动与境外机构建立联合实验室。"] * 4), None, None, None],
        ["优先条件", "☑国家重大科技任务  ☐战略性先导科技专项  ☐参与四类机构分类改革", None, None, None],
    ]
    people = [
        ("陈立", "1978年5月", "研究员", "中国科学院大连化学物理研究所"),
        ("王珂", "1980年8月", "研究员", "中国科学院大连化学物理研究所"),
        ("刘洋", "1982年1月", "副研究员", "中国科学院大连化学物理研究所"),
        ("赵敏", "1983年6月", "副研究员", "中国科学院大连化学物理研究所"),
        ("黄磊", "1984年9月", "高级工程师", "中国科学院大连化学物理研究所"),
        ("周婷", "1985年12月", "副研究员", "中国科学院山西煤炭化学研究所"),
        ("吴凡", "1986年2月", "副研究员", "中国科学院山西煤炭化学研究所"),
        ("徐静", "1987年4月", "助理研究员", "中国科学院山西煤炭化学研究所"),
        ("孙浩", "1988年7月", "助理研究员", "中国科学院山西煤炭化学研究所"),
        ("马丽", "1989年10月", "工程师", "中国科学院山西煤炭化学研究所"),
        ("朱峰", "1990年3月", "助理研究员", "中国科学院过程工程研究所"),
        ("胡蓉", "1990年11月", "工程师", "中国科学院过程工程研究所"),
        ("郭鹏", "1991年5月", "助理研究员", "中国科学院过程工程研究所"),
        ("林悦", "1992年8月", "工程师", "中国科学院过程工程研究所"),
        ("何平", "1981年2月", "正高级工程师", "中国科学院过程工程研究所"),
        ("高远", "1979年6月", "研究员", "中国科学院过程工程研究所"),
        ("罗琳", "1993年1月", "助理研究员", "中国科学院过程工程研究所"),
        ("梁爽", "1994年9月", "工程师", "中国科学院过程工程研究所"),
    ]
    members = [["序号", "姓名", "出生年月", "职称", "工作单位"]]
    members += [[str(i), *p] for i, p in enumerate(people, start=1)]
    return build_docx("cas_overseas_longlist", [
        "中国科学院2026年度因公出国（境）培训项目计划申请表",
        main,
        "团组成员名单",
        Repeat(members),
    ])


def cas_overseas_continued() -> Path:
    """Birth dates as 1980-05, titles as 正高/副高/中级职称, members continued in a second table."""
    main = [
        ["项目名称", "类脑智能技术赴德国研修项目", None, None],
        ["项目类别", "□领军人才研修项目  □优秀青年人才培养项目  □关键技术专项培训项目  ■重点领域专项计划",
         None, None],
        ["重点领域专项类别", "■“卡脖子技术”相关领域  □重大基础科学前沿专项  ■战略高技术领域专项", None, None],
        ["带头人", "姓名：马骁", "出生年月：1975-09", None],
        [UP, "职称：正高", "工作单位：中国科学院自动化研究所", None],
        ["培训时长（天）", "30", "拟出国（境）时间", "2026-11-03"],
        ["国家（地区）", "德国", "城市", "慕尼黑；图宾根"],
        ["境外培训机构", "马克斯·普朗克智能系统研究所；慕尼黑工业大学", None, None],
        ["培训内容", "学习类脑计算芯片与脉冲神经网络的前沿技术。", None, None],
        ["预期成果", "形成类脑智能技术发展调研报告并提出合作研究计划。", None, None],
        ["优先条件", "□国家重大科技任务  ■战略性先导科技专项  ■参与四类机构分类改革", None, None],
    ]
    header = ["序号", "姓名", "出生年月", "职称", "工作单位"]
    first = [header,
             ["1", "邹宁", "1980-05", "副高", "中国科学院自动化研究所"],
             ["2", "姜涛", "1988-11", "中级职称", "中国科学院自动化研究所"],
             ["3", "白雪", "1990-01", "中级职称", "中国科学院脑科学与智能技术卓越创新中心"]]
    second = [header,
              ["4", "董川", "1979-12", "正高", "中国科学院计算技术研究所"],
              ["5", "谭琪", "1993-04", "中级职称", "中国科学院计算技术研究所"]]
    return build_docx("cas_overseas_continued", [
        "中国科学院因公出国（境）培训项目计划申请表",
        main,
        "团组成员名单",
        first,
        PAGE_BREAK,
        "团组成员名单（续表）",
        second,
    ])


# --------------------------------------------------------------------------- XLSX plan list


def cas_plan_b3_export() -> Path:
    """A web-system export: English field keys in a hidden first row, Chinese headers below, numbers as text."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "培训计划"
    ws.append(["orgName", "trainName", "trainType", "trainDays", "classHours", "planNum", "periods", "isFunded",
               "isTechSupport", "isQuality", "isMohrss", "heldTimes", "scope", "linkman", "linkTel"])
    ws.append(["单位名称", "培训班名称", "培训类别", "培训天数", "学时", "计划人数", "期数", "是否申请资助",
               "是否申请专项技术支持", "精品项目", "同时申报人社部高研", "往年举办次数", "面向范围", "联系人",
               "联系电话"])
    ws.append(["中国科学院地理科学与资源研究所", "遥感大数据应用技术培训班", "专项技术短期培训班", "5", "40", "45",
               "1", "是", "否", "否", "是", "4", "全国", "冯雷", "010-64889123"])
    ws.append(["中国科学院地理科学与资源研究所", "野外台站观测规范培训班", "专题培训班", "3", "24", "60", "2", "否",
               "否", "否", "否", "0", "院内", "冯雷", "010-64889123"])
    ws.append(["中国科学院植物研究所", "植物标本数字化技术培训班", "专项技术短期培训班", "4", "32", "30", "1", "是",
               "是", "是", "否", "6", "全国", "蒋薇", "13661234567"])
    ws.row_dimensions[1].hidden = True
    ws.freeze_panes = "A3"
    path = HERE / "cas_plan_b3_export.xlsx"
    wb.save(path)
    return path


BUILDERS = [ln_national_handtick, js_provincial_spaces, yn_national_bilingual, gz_provincial_kv30,
            sx_provincial_asciiticks, cas_overseas_longlist, cas_overseas_continued, cas_plan_b3_export]


def main() -> None:
    for build in BUILDERS:
        print(build().name)


if __name__ == "__main__":
    main()
