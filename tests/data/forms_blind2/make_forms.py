"""Build the second blind batch of filled forms in this folder (DOCX with python-docx, XLSX with openpyxl).

Written, with the expected NAME.json beside each file, before the reader was run
on them, in layouts none of the earlier fixtures has: every label and its value
in the same cell ("项目名称：…"), tick-box groups laid out one option per row
with the detail in the next cell, a form split into a basic-information table
and a unit table, periods written "2026年10月12日—16日（5天）" or "10月12日-16日"
with the year only in the title, （√）/（ ） ticks, numbered labels with hints
left in the value cells, a people table whose first row is the leader marked
"（带头人）" with 年龄 instead of 出生年月, leader fields as separate rows,
institutions with a country prefix, and a plan list with one sheet per institute
writing yes/no as Y/N, 是/否 or √/blank.

Run from the repository root: ``python tests/data/forms_blind2/make_forms.py``.
PDF versions of some DOCX files (NAME.pdf, scored against the same NAME.json)
were printed with LibreOffice (``soffice --headless --convert-to pdf``) and are
committed as fixtures.

Layout notation: a table is a list of rows; a row is a list of cell texts.
``None`` merges a cell into its left neighbour, ``"^"`` into the cell above;
``\\n`` separates paragraphs. A document is a list of parts: a string is a
paragraph, a list is a table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for testkit
from testkit import UP, fill_cell, table_spans  # noqa: E402

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- DOCX builder


def _add_table(document, rows: list[list[str | None]]) -> None:
    n_cols = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, c, r1, c1, text in table_spans(rows):
        cell = table.cell(r, c)
        if (r1, c1) != (r, c):
            cell = cell.merge(table.cell(r1, c1))
        if text:
            fill_cell(cell, text)


def build_docx(name: str, parts: list) -> Path:
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        else:
            _add_table(document, part)
    path = HERE / f"{name}.docx"
    document.save(path)
    return path


# --------------------------------------------------------------------------- seminar forms


def gd_national_inline() -> Path:
    """附件1 type where every label shares its cell with the value ("项目名称：…"), applicant block filled."""
    rows = [
        ["项目名称：粤港澳大湾区集成电路设计创新高级研修班", None, None, None],
        ["办班时间：2026年10月12日—16日（5天）", None, "办班地点：广东省深圳市", None],
        ["选题所属行业领域：集成电路", None, "选题所属行业主管部门：工业和信息化部", None],
        ["申报项目类别：☑财政资助项目  ☐自筹经费项目（自筹经费来源：　　　　）", None, None, None],
        ["是否符合选题范围：☐服务重大战略：____  ☑对接产业需求：集成电路设计  ☐突出数字技术：____",
         None, None, None],
        ["研修目的和作用：\n聚焦芯片设计自主可控，提升集成电路设计人才的创新能力。\n推动大湾区产学研协同创新。",
         None, None, None],
        ["研修内容和方式：专题讲座、企业现场教学和研讨交流相结合。", None, None, None],
        ["授课专家情况：拟邀请南方科技大学教授于洪宇、深圳大学教授王新等授课。", None, None, None],
        ["培训对象：面向全国集成电路设计企业和科研院所的专业技术人员，计划招收学员70人。", None, None, None],
        ["申报单位信息", None, None, None],
        ["单位名称：深圳市集成电路产业协会", None, "联系人：郭敏", None],
        ["办公电话：0755-83451234", None, "手机：13902912345", None],
        ["传真：0755-83451235", None, "地址：深圳市福田区深南大道6008号", None],
        ["承办单位信息", None, None, None],
        ["单位名称：南方科技大学", None, "联系人：梁志强", None],
        ["办公电话：0755-88011234", None, "手机：13510012345", None],
        ["传真：", None, "地址：深圳市南山区学苑大道1088号", None],
        ["是否继续教育基地：☐是第___批国家级继续教育基地  ☐是省级继续教育基地  ☑否", None, None, None],
    ]
    return build_docx("gd_national_inline", [
        "附件1",
        "广东省2026年专业技术人才知识更新工程高级研修项目申报表",
        rows,
        "申报时间：2026年3月15日",
    ])


def sd_provincial_vertical() -> Path:
    """附件2 type whose tick-box groups run down the page, one option per row, detail in the next cell."""
    rows = [
        ["项目名称", "黄河三角洲盐碱地综合利用技术高级研修班", None, None],
        ["办班时间", "2026年10月12日—16日（5天）", "办班地点", "山东省东营市"],
        ["选题所属专业技术领域", "农业资源与环境", "选题所属行业主管部门", "山东省农业农村厅"],
        ["是否符合选题范围", "□服务重大战略", "", None],
        [UP, "■对接产业需求", "盐碱地特色农业", None],
        [UP, "□突出数字技术", "", None],
        ["研修目的和作用", "推广盐碱地改良与特色种植技术，提升基层农业专业技术人员的实践能力。", None, None],
        ["研修内容和方式", "专题讲座、田间现场教学和座谈交流相结合。", None, None],
        ["授课专家情况", "中国农业大学教授李保国、山东农业大学教授张民等。", None, None],
        ["培训对象", "面向全省盐碱地治理和农业技术推广单位的专业技术人员。\n学员规模：60人。", None, None],
        ["承办单位信息", "单位名称", "东营市农业科学研究院", None],
        [UP, "联系人", "孔德华", None],
        [UP, "办公电话", "0546-8331234", None],
        [UP, "手机", "13854612345", None],
        [UP, "传真", "", None],
        [UP, "地址", "东营市东营区府前大街55号", None],
        ["是否继续教育基地", "□是第___批国家级继续教育基地", None, None],
        [UP, "■是省级继续教育基地", None, None],
        [UP, "□否", None, None],
        ["设区市人社部门审核意见", "同意推荐。\n（盖章）\n2026年4月10日", None, None],
    ]
    return build_docx("sd_provincial_vertical", [
        "2026年山东省专业技术人才知识更新工程省级高级研修项目申报表",
        "申报时间：2026年4月8日",
        rows,
    ])


def hb_provincial_split() -> Path:
    """附件2 type in two tables (basic information, then the unit), period without a year."""
    basic = [
        ["项目名称", "长江流域水生态修复技术高级研修班", None, None],
        ["办班时间", "10月12日-16日", "办班地点", "湖北省武汉市"],
        ["选题所属专业技术领域", "生态环境", "选题所属行业主管部门", "湖北省生态环境厅"],
        ["是否符合选题范围", "√服务重大战略：长江经济带  □对接产业需求：____  □突出数字技术：____", None, None],
        ["研修目的和作用", "提升流域水生态修复专业技术人员的理论水平和实践能力。", None, None],
        ["研修内容和方式", "专题讲座：河湖水生态修复技术。\n现场教学：赴梁子湖生态修复示范区观摩。", None, None],
        ["授课专家情况", "中国科学院水生生物研究所研究员谢平、武汉大学教授夏军。", None, None],
        ["培训对象", "面向全省生态环境系统专业技术人员，拟招收学员55人。", None, None],
    ]
    unit = [
        ["单位名称", "湖北省环境科学研究院", "联系人", "胡晓"],
        ["办公电话", "027-87161234", "手机", "13971012345"],
        ["传真", "027-87161235", "地址", "武汉市洪山区八一路338号"],
        ["是否继续教育基地", "□是第___批国家级继续教育基地  □是省级继续教育基地  √否", None, None],
        ["审核意见", "同意。\n（盖章）\n2026年4月2日", None, None],
    ]
    return build_docx("hb_provincial_split", [
        "2026年湖北省专业技术人才知识更新工程省级高级研修项目申报表",
        "一、项目基本情况",
        basic,
        "二、承办单位信息",
        unit,
        "填表日期：2026年3月30日",
    ])


def ah_national_brackets() -> Path:
    """附件1 type with （√）/（ ） ticks, self-funding with a source, a filled applicant block, 填表说明 after."""
    rows = [
        ["项目名称", "量子精密测量技术与应用高级研修班", None, None, None],
        ["办班时间", "2026年10月12日-10月16日", None, "办班地点", "安徽省合肥市"],
        ["选题所属行业领域", "量子信息", None, "选题所属行业主管部门", "科学技术部"],
        ["申报项目类别", "（ ）财政资助项目  （√）自筹经费项目（自筹经费来源：企业自有资金）", None, None, None],
        ["是否符合选题范围", "（ ）服务重大战略：____  （ ）对接产业需求：____  （√）突出数字技术：量子计算",
         None, None, None],
        ["研修目的和作用", "培养量子精密测量领域的高层次专业技术人才。", None, None, None],
        ["研修内容和方式", "专题讲座、实验室现场教学和学术交流。", None, None, None],
        ["授课专家情况", "中国科学技术大学教授彭新华、国盾量子研究员赵勇。", None, None, None],
        ["培训对象", "面向全国量子科技企业和科研院所的专业技术人员。", None, None, None],
        ["培训规模", "50人", None, None, None],
        ["申报单位信息", "单位名称", "合肥量子科技产业研究院", "联系人", "葛宁"],
        [UP, "办公电话", "0551-65551234", "手机", "18955112345"],
        [UP, "传真", "", "地址", "合肥市高新区望江西路800号"],
        ["承办单位信息", "单位名称", "中国科学技术大学", "联系人", "江涛"],
        [UP, "办公电话", "0551-63601234", "手机", "13955112345"],
        [UP, "传真", "0551-63601235", "地址", "合肥市包河区金寨路96号"],
        ["是否继续教育基地", "（√）是第3批国家级继续教育基地  （ ）是省级继续教育基地  （ ）否", None, None, None],
    ]
    return build_docx("ah_national_brackets", [
        "安徽省2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年3月20日",
        rows,
        "填表说明：1. 国家级高级研修项目由省人社厅统一申报，申报单位信息无需填写。"
        "2. 选题须符合选题范围，并在对应方框内打“√”。",
    ])


def cq_national_numbered() -> Path:
    """附件1 type with numbered labels, hints kept in label and value cells, 至 between the days."""
    rows = [
        ["1. 项目名称", "成渝地区智能网联汽车测试技术高级研修班", None, None],
        ["2. 办班时间", "2026年10月12日至16日", "3. 办班地点", "重庆市"],
        ["4. 选题所属行业领域", "汽车", "5. 选题所属行业主管部门", "工业和信息化部"],
        ["6. 申报项目类别（仅单选）", "☑财政资助项目  ☐自筹经费项目（自筹经费来源：____）", None, None],
        ["7. 是否符合选题范围（可多选）",
         "☑服务重大战略：成渝地区双城经济圈  ☐对接产业需求：____  ☑突出数字技术：智能网联", None, None],
        ["8. 研修目的和作用", "（不超过300字）\n提升智能网联汽车测试评价领域专业技术人员的创新能力。", None, None],
        ["9. 研修内容和方式", "（包括但不限于课程安排、教学方式）\n专题讲座与封闭测试场现场教学相结合。", None, None],
        ["10. 授课专家情况", "重庆大学教授胡晓松、中国汽车工程研究院研究员李鹏。", None, None],
        ["11. 培训对象", "面向全国汽车行业测试评价和研发岗位专业技术人员，招收学员60名。", None, None],
        ["12. 申报单位信息", "单位名称", "", None],
        [UP, "联系人", "", None],
        [UP, "办公电话", "", None],
        [UP, "手机", "", None],
        [UP, "传真", "", None],
        [UP, "地址", "", None],
        ["13. 承办单位信息", "单位名称", "中国汽车工程研究院股份有限公司", None],
        [UP, "联系人", "邓磊", None],
        [UP, "办公电话", "023-68851234", None],
        [UP, "手机", "13608312345", None],
        [UP, "传真", "", None],
        [UP, "地址", "重庆市北部新区金渝大道9号", None],
        ["14. 是否继续教育基地", "☐是第___批国家级继续教育基地  ☑是省级继续教育基地  ☐否", None, None],
    ]
    return build_docx("cq_national_numbered", [
        "附件1",
        "重庆市2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年2月26日",
        rows,
    ])


# --------------------------------------------------------------------------- overseas forms


def cas_overseas_b1() -> Path:
    """One people table with the leader as its first row marked （带头人）, 年龄 instead of 出生年月."""
    rows = [
        ["项目名称", "先进制造技术赴英国研修项目", None, None, None, None],
        ["项目类别", "☐领军人才研修项目  ☑优秀青年人才培养项目  ☐关键技术专项培训项目  ☐重点领域专项计划",
         None, None, None, None],
        ["重点领域专项类别", "☐“卡脖子技术”相关领域  ☐战略高技术领域专项", None, None, None, None],
        ["团组成员名单", "序号", "姓名", "年龄", "职称", "工作单位"],
        [UP, "1", "周明（带头人）", "45", "研究员", "中国科学院沈阳自动化研究所"],
        [UP, "2", "钱昊", "36", "副研究员", "中国科学院沈阳自动化研究所"],
        [UP, "3", "孙悦", "31", "工程师", "中国科学院宁波材料技术与工程研究所"],
        ["培训时长（天）", "21", None, "拟出国（境）时间", "2026年10月12日", None],
        ["国家（地区）", "英国", None, "城市", "剑桥、伦敦", None],
        ["境外培训机构", "英国剑桥大学、英国帝国理工学院", None, None, None, None],
        ["培训内容", "学习智能制造系统与增材制造前沿技术。", None, None, None, None],
        ["预期成果", "形成研修报告1份，建立稳定合作关系。", None, None, None, None],
        ["优先条件", "☐国家重大科技任务  ☑战略性先导科技专项  ☐参与四类机构分类改革", None, None, None, None],
    ]
    return build_docx("cas_overseas_b1", ["中国科学院因公出国（境）培训项目计划申请表", rows])


def cas_overseas_b2() -> Path:
    """Leader fields as separate rows, members in a second table, a departure period, numbered institutions."""
    main = [
        ["项目名称", "引力波探测技术赴美国研修项目"],
        ["项目类别", "□领军人才研修项目  □优秀青年人才培养项目  □关键技术专项培训项目  ■重点领域专项计划"],
        ["重点领域专项类别", "□“卡脖子技术”相关领域  ■重大基础科学前沿专项  □战略高技术领域专项"],
        ["带头人姓名", "韩松"],
        ["带头人出生年月", "1970年11月"],
        ["带头人职称", "研究员"],
        ["带头人工作单位", "中国科学院力学研究所"],
        ["培训时长（天）", "21天"],
        ["拟出国（境）时间", "2026年9月20日—10月10日"],
        ["国家（地区）", "美国"],
        ["城市", "波士顿、帕萨迪纳"],
        ["境外培训机构", "1. 麻省理工学院\n2. 加州理工学院"],
        ["培训内容", "学习激光干涉引力波探测的精密测量与隔振技术。"],
        ["预期成果", "完成空间引力波探测关键技术调研报告。"],
        ["优先条件", "□国家重大科技任务  □战略性先导科技专项"],
    ]
    members = [
        ["序号", "姓名", "出生年月", "职称", "工作单位"],
        ["1", "罗晶", "1984年2月", "副研究员", "中国科学院力学研究所"],
        ["2", "许诺", "1991年6月", "助理研究员", "中国科学院力学研究所"],
    ]
    return build_docx("cas_overseas_b2", [
        "中国科学院2026年度因公出国（境）培训项目计划申请表",
        main,
        "团组成员",
        members,
    ])


# --------------------------------------------------------------------------- XLSX plan list


def cas_plan_b1() -> Path:
    """One sheet per institute: Y/N with a unit column, then √/blank and 是/否 under a 填报单位 line."""
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "声学所"
    first.append(["序号", "单位名称", "培训班名称", "培训类别", "培训天数", "学时", "计划人数", "是否申请资助",
                  "是否申请专项技术支持", "精品项目", "同时申报人社部高研", "往年举办次数", "面向范围", "联系人",
                  "联系电话"])
    first.append([1, "中国科学院声学研究所", "水声信号处理技术培训班", "专项技术短期培训班", 5, 40, 40, "Y", "N",
                  "N", "N", 3, "全国", "邵阳", "010-82547123"])
    first.append([2, "中国科学院声学研究所", "声学前沿学术讲坛", "学术讲坛", 1, 4, 120, "N", "N", "Y", "N", 0,
                  "院内", "邵阳", "010-82547123"])
    second = wb.create_sheet("力学所")
    second.append(["填报单位：中国科学院力学研究所"])
    second.append(["序号", "培训班名称", "培训类别", "培训天数", "学时", "计划人数", "是否申请资助",
                   "是否申请专项技术支持", "精品项目", "同时申报人社部高研", "往年举办次数", "面向范围", "联系人",
                   "联系电话"])
    second.append([1, "高超声速流动试验技术培训班", "专项技术短期培训班", 4, 32, 35, "√", "√", None, "是", 2,
                   "全国", "田野", "010-82544123"])
    second.append([2, "力学科研管理专题培训班", "专题培训班", 2, 16, 50, None, None, "√", "否", 1,
                   "院内", "田野", "13901234567"])
    second.merge_cells(start_row=1, start_column=1, end_row=1, end_column=14)
    path = HERE / "cas_plan_b1.xlsx"
    wb.save(path)
    return path


BUILDERS = [gd_national_inline, sd_provincial_vertical, hb_provincial_split, ah_national_brackets,
            cq_national_numbered, cas_overseas_b1, cas_overseas_b2, cas_plan_b1]


def main() -> None:
    for build in BUILDERS:
        print(build().name)


if __name__ == "__main__":
    main()
