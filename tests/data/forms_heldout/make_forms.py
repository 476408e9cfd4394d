"""Build the held-out filled forms in this folder (DOCX with python-docx, XLSX with openpyxl).

These forms answer notices of another province and year than the shared
samples and vary what real units vary: reworded and re-ordered labels, label
cells with inner spaces and line breaks, two label/value pairs in one row, unit
blocks laid out vertically, several paragraphs in a value cell, other date and
phone spellings, every tick style (■/□, √ before the option, ☑, [√], Word
checkbox content controls), people tables with extra columns, and a plan list
with a title row, a note row, a merged two-row header, a blank row and a totals
row. The expected NAME.json beside each file was written by hand from the
layout below, not from the reader's output.

Run from the repository root: ``python tests/data/forms_heldout/make_forms.py``.
PDF versions (NAME.pdf, scored against the same NAME.json) were printed from
the DOCX files with LibreOffice and are committed as fixtures.

Layout notation: a form is a list of rows; a row is a list of cell texts.
``None`` merges a cell into its left neighbour, ``"^"`` into the cell above;
``\\n`` separates paragraphs; ``{SDT:1}`` / ``{SDT:0}`` is a Word checkbox
content control (ticked / not), which has no glyph in the paragraph's text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for testkit
from testkit import UP, fill_cell, fill_paragraph, table_spans  # noqa: E402

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- DOCX builder


def build_docx(name: str, paragraphs_before: list[str], rows: list[list[str | None]],
               paragraphs_after: list[str] = ()) -> Path:
    document = docx.Document()
    for p in paragraphs_before:
        fill_paragraph(document.add_paragraph(), p)
    n_cols = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, c, r1, c1, text in table_spans(rows):
        cell = table.cell(r, c)
        if (r1, c1) != (r, c):
            cell = cell.merge(table.cell(r1, c1))
        if text:
            fill_cell(cell, text)
    for p in paragraphs_after:
        fill_paragraph(document.add_paragraph(), p)
    path = HERE / f"{name}.docx"
    document.save(path)
    return path


# --------------------------------------------------------------------------- the forms

CONTENT_LINES = (
    "研修方式：专题讲座、案例教学、现场观摩和学员研讨相结合，线下集中授课。\n"
    "1. 专题讲座：稀土功能材料绿色制备前沿技术。\n"
    "2. 案例教学：稀土永磁材料产业化典型案例。\n"
    "3. 现场观摩：赴赣州稀土产业园区企业现场教学。"
)


def jx_national_01() -> Path:
    """附件1 type of another province: reworded labels, vertical unit blocks, ■/□ ticks."""
    rows = [
        ["研修项目名称", "稀土功能材料绿色制备技术高级研修班", None, None],
        ["举办时间", "2026年9月15日—9月19日", "举办地点", "江西省赣州市"],
        ["所属行业\n领域", "新材料", "主管部门", "工业和信息化部"],
        ["项 目 类 型", "■财政资助项目  □自筹经费项目（经费来源：　　　　）", None, None],
        ["选题方向", "□服务重大战略：______  ■对接产业需求：稀土新材料  □突出数字技术：______", None, None],
        ["研修目的\n和作用", "围绕稀土资源高效利用和功能材料绿色制备，提升专业技术人员创新能力。\n"
                          "推动产学研协同，服务稀土产业高质量发展。", None, None],
        ["研修内容\n和方式", CONTENT_LINES, None, None],
        ["授课专家\n情况", "拟邀请中国工程院院士孙立群、江西理工大学教授黄文涛、赣州稀土集团高级工程师钟永明授课。", None, None],
        ["培训对象", "面向全国稀土材料领域从事研发、生产和检测工作的专业技术人员，原则上具有中级以上职称。\n"
                     "计划招收学员60名。", None, None],
        ["申报单位信息", None, None, None],
        ["单位名称", "江西省科学院", None, None],
        ["联 系 人", "刘建华", None, None],
        ["办公电话", "（0791）86123456转8012", None, None],
        ["手机", "13907912345", None, None],
        ["传真", "0791-86123457", None, None],
        ["通讯地址", "南昌市青山湖区上海北路7号", None, None],
        ["承办单位信息", None, None, None],
        ["单位名称", "江西理工大学", None, None],
        ["联系人", "周敏", None, None],
        ["联系电话", "0797-8312345", None, None],
        ["手机号码", "15970712345", None, None],
        ["传真", "", None, None],
        ["地址", "赣州市章贡区红旗大道86号", None, None],
        ["是否继续教育基地", "□是第___批国家级继续教育基地  ■是省级继续教育基地  □否", None, None],
    ]
    return build_docx("jx_national_01", [
        "附件1",
        "2026年专业技术人才知识更新工程国家级高级研修项目申报表",
        "申报单位（盖章）：江西省科学院",
        "填报日期：2026年3月10日",
    ], rows)


def jx_provincial_01() -> Path:
    """附件2 type: place before time, dotted dates, √ before options, block label split over lines."""
    rows = [
        ["项目\n名称", "赣南脐橙绿色种植与品质提升高级研修班", None, None, None],
        ["举办地点", "江西省赣州市信丰县", None, "举办时间", "2026.9.15-9.19"],
        ["选题所属\n专业技术领域", "农业技术", None, "行业主管\n部门", "江西省农业农村厅"],
        ["是否符合\n选题范围", "√服务重大战略：乡村振兴  □对接产业需求：______  □突出数字技术：______", None, None, None],
        ["研修目的和作用", "总结推广脐橙绿色种植技术。\n提升基层农技人员解决生产实际问题的能力。", None, None, None],
        ["研修内容和方式", "采取专题讲座、田间教学和交流研讨相结合的方式。\n主要内容包括黄龙病综合防控、水肥一体化和品质分级技术。",
         None, None, None],
        ["授课专家情况", "1. 华中农业大学教授邓建国。\n2. 江西农业大学教授曾庆华。", None, None, None],
        ["培训对象", "面向全省果业技术推广机构和种植企业的专业技术人员。\n学员规模：约80人。", None, None, None],
        ["承办\n单位\n信息", "单位名称", "信丰县果业发展中心", "联系人", "王小平"],
        [UP, "办公电话", "0797-3312888", "手机", "18970712345"],
        [UP, "传真", "0797-3312889", "地址", "信丰县嘉定镇人民路18号"],
        [UP, "是否继续教育基地", "□是第___批国家级继续教育基地  □是省级继续教育基地  √否", None, None],
        ["设区市人社部门\n审核意见", "同意推荐。\n（盖章）\n2026年3月20日", None, None, None],
    ]
    return build_docx("jx_provincial_01", [
        "附件2",
        "2026年江西省专业技术人才知识更新工程省级高级研修项目申报表",
        "申报单位：信丰县果业发展中心（盖章）",
        "申报时间：2026年3月18日",
    ], rows)


def hn_national_01() -> Path:
    """附件1 type with Word checkbox content controls and other label wordings."""
    rows = [
        ["培训项目名称", "智慧交通大数据分析与应用高级研修班", None, None, None],
        ["培训时间", "9月15日至19日（共5天）", None, "培训地点", "湖南省长沙市"],
        ["专业技术领域", "交通运输", None, "行业主管部门", "交通运输部"],
        ["项目类别", "{SDT:0}财政资助项目  {SDT:1}自筹经费项目（自筹经费来源：单位自筹）", None, None, None],
        ["符合选题范围", "{SDT:0}服务重大战略：______\n{SDT:0}对接产业需求：______\n{SDT:1}突出数字技术：交通大数据",
         None, None, None],
        ["目的和作用", "培养一批掌握交通大数据分析方法的高层次专业技术人才。", None, None, None],
        ["内容和方式", "以专题讲座和案例研讨为主，辅以现场教学。\n内容涵盖交通数据治理、出行需求预测和智能信号控制。",
         None, None, None],
        ["授课专家", "拟邀请长沙理工大学教授贺新民、中南大学教授唐志远授课。", None, None, None],
        ["研修对象", "面向全国交通运输行业从事规划设计和信息化工作的专业技术人员，计划招收学员60名。",
         None, None, None],
        ["申报单位\n情况", "单位名称", "湖南省交通科学研究院有限公司", "联系人", "彭丽"],
        [UP, "电话", "0731-88812345", "手机号", "13875912345"],
        [UP, "传真", "0731-88812346", "单位地址", "长沙市天心区书院路788号"],
        ["承办单位\n情况", "单位名称", "长沙理工大学", "联系人", "黄涛"],
        [UP, "办公电话", "0731-85258000", "手机号", "15873112345"],
        [UP, "传真", "", "单位地址", "长沙市天心区万家丽南路二段960号"],
        ["是否为继续\n教育基地", "{SDT:1}是第5批国家级继续教育基地  {SDT:0}是省级继续教育基地  {SDT:0}否", None, None, None],
    ]
    return build_docx("hn_national_01", [
        "湖南省2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年4月2日",
    ], rows)


def hn_provincial_01() -> Path:
    """附件2 type with [√] ticks, ☑ for the base, a date range written in full twice."""
    rows = [
        ["研修班名称", "新能源汽车动力电池安全技术高级研修班", None, None],
        ["研修时间", "2026年10月8日至2026年10月12日", "研修地点", "湖南省株洲市"],
        ["所属专业技术领域", "新能源汽车", "所属行业主管部门", "湖南省工业和信息化厅"],
        ["所属选题范围", "[ ]服务重大战略：______  [√]对接产业需求：动力电池  [√]突出数字技术：电池管理系统", None, None],
        ["研修目的\n及作用", "聚焦动力电池热失控防护和全生命周期安全管理。\n提升全省新能源汽车企业专业技术人员的安全设计能力。",
         None, None],
        ["研修内容\n及方式", "专题讲座：动力电池热失控机理与防护。\n案例研讨：电池包安全设计典型案例。\n现场教学：赴株洲动力电池企业观摩。",
         None, None],
        ["授课专家基本情况", "湖南大学教授钱立军、中车株洲电力机车研究所研究员孟凡华等。", None, None],
        ["招生对象", "面向全省新能源汽车及零部件企业的专业技术人员，拟招收学员50人左右。", None, None],
        ["承办单位信息", None, None, None],
        ["单位名称", "湖南汽车工程职业学院", "联系人", "罗晓东"],
        ["办公电话", "0731-22781234", "手机", "13787312345"],
        ["传真", "0731-22781235", "地址", "株洲市天元区泰山西路100号"],
        ["是否属于继续教育基地", "☐是第___批国家级继续教育基地  ☑是省级继续教育基地  ☐否", None, None],
        ["主管部门审核意见", "经审核，同意申报。\n（盖章）\n年  月  日", None, None],
    ]
    return build_docx("hn_provincial_01", [
        "2026年湖南省专业技术人才知识更新工程省级高级研修项目申报表",
        "填表时间：2026年3月25日",
    ], rows)


def gx_provincial_missing() -> Path:
    """附件2 type that lacks rows: no 授课专家 row, no base row, 培训对象 without a number."""
    rows = [
        ["项目名称", "北部湾海洋牧场生态养殖技术高级研修班", None, None],
        ["办班时间", "2026年11月3日-11月7日", "办班地点", "广西北海市"],
        ["选题所属专业技术领域", "海洋渔业", "选题所属行业主管部门", "广西壮族自治区农业农村厅"],
        ["是否符合选题范围", "■服务重大战略：海洋强国  □对接产业需求：______  □突出数字技术：______", None, None],
        ["研修目的和作用", "推广海洋牧场生态养殖新技术，提升从业专业技术人员的技术水平。", None, None],
        ["研修内容和方式", "专题讲座与海上现场教学相结合。", None, None],
        ["培训对象", "面向全区海洋渔业技术推广和养殖企业的专业技术人员。", None, None],
        ["承办单位信息", "单位名称", "广西海洋研究所", "联系人", "蒋文"],
        [UP, "办公电话", "0779-2201234", "手机", "13978912345"],
        [UP, "地址", "北海市海城区长青东路92号", None, None],
        ["经费预算", "约18万元", None, None, None],
        ["审核意见", "", None, None, None],
    ]
    return build_docx("gx_provincial_missing", [
        "2026年广西专业技术人才知识更新工程省级高级研修项目申报表",
    ], rows)


def sc_national_01() -> Path:
    """附件1 type whose title is the table's first row, with "label：value" cells and a 招收人数 row."""
    rows = [
        ["四川省2026年专业技术人才知识更新工程高级研修项目申报表", None, None, None, None],
        ["项目名称：人工智能赋能智慧农业高级研修班", None, None, None, None],
        ["研修时间：2026年7月6日-10日", None, None, "研修地点：四川省成都市", None],
        ["选题所属行业领域", "农业", None, "选题所属行业主管部门", "农业农村部"],
        ["申报项目类别", "☑财政资助项目\n☐自筹经费项目（自筹经费来源：　　）", None, None, None],
        ["是否符合选题范围", "☐服务重大战略：\n☐对接产业需求：\n☑突出数字技术：智慧农业", None, None, None],
        ["研修目的和作用", "推动人工智能技术在农业生产中的应用。", None, None, None],
        ["研修内容和方式", "专题讲座、案例分析和田间现场教学。", None, None, None],
        ["授课专家情况", "拟邀请四川农业大学教授杨明、中国农业科学院研究员周晓东授课。", None, None, None],
        ["培训对象", "面向全国农业科研推广单位的专业技术人员。", None, None, None],
        ["招收人数", "80人", None, None, None],
        ["申报单位信息", "单位名称", "四川省农业科学院", "联系人", "张伟"],
        [UP, "办公电话", "028-84504000", "手机", "13808012345"],
        [UP, "传真", "028-84504001", "地址", "成都市锦江区静居寺路20号"],
        ["承办单位信息", "单位名称", "四川省农业科学院农业信息与农村经济研究所", "联系人", "李芳"],
        [UP, "办公电话", "028-84504100", "手机", "13908012345"],
        [UP, "传真", "", "地址", "成都市锦江区静居寺路20号"],
        [UP, "是否继续教育基地", "☐是第__批国家级继续教育基地  ☐是省级继续教育基地  ☑否", None, None],
    ]
    return build_docx("sc_national_01", [], rows, paragraphs_after=["申报时间：2026年2月28日"])


def cas_overseas_h1() -> Path:
    """Members table with 序号/性别 columns and 职务/职称, institutions in one cell split by ；."""
    rows = [
        ["项目名称", "绿色过程工程赴德国研修项目", None, None, None, None, None],
        ["项目类别", "☐领军人才研修项目  ☐优秀青年人才培养项目\n☑关键技术专项培训项目  ☐重点领域专项计划",
         None, None, None, None, None],
        ["重点领域\n专项类别", "☐“卡脖子技术”相关领域  ☐重大基础科学前沿专项  ☐战略高技术领域专项", None, None, None, None, None],
        ["团组带头人", "姓名", "陈立新", "出生年月", "1972年5月", "职务/职称", "研究员"],
        [UP, "工作单位", "中国科学院过程工程研究所", None, None, None, None],
        ["团组成员", "序号", "姓名", "性别", "出生年月", "职务/职称", "工作单位"],
        [UP, "1", "王晓峰", "男", "1978.03", "副研究员", "中国科学院过程工程研究所"],
        [UP, "2", "李娜", "女", "1985年11月", "高级工程师", "中国科学院过程工程研究所"],
        [UP, "3", "赵磊", "男", "1990.07", "助理研究员", "中国科学院大连化学物理研究所"],
        [UP, "", "", "", "", "", ""],
        ["培训时长（天）", "21", None, "拟出国（境）时间", "2026年10月12日", None, None],
        ["国家（地区）", "德国", None, "城市", "柏林；德累斯顿", None, None],
        ["境外培训机构", "柏林工业大学；马克斯·普朗克胶体与界面研究所；德累斯顿工业大学", None, None, None, None, None],
        ["培训内容", "学习过程强化与绿色反应工程的前沿方法。\n参与合作方中试平台的工艺放大实验。", None, None, None, None, None],
        ["预期成果", "提交研修总结报告，在所内举办专题报告会1次。", None, None, None, None, None],
        ["优先条件", "☑国家重大科技任务  ☐战略性先导科技专项\n☐参与四类机构分类改革  ☑“十四五”院重点项目",
         None, None, None, None, None],
        ["所在单位意见", "（盖章）\n年  月  日", None, None, None, None, None],
    ]
    return build_docx("cas_overseas_h1", [
        "中国科学院因公出国（境）培训项目计划申请表",
        "申报单位（盖章）：中国科学院过程工程研究所    填表日期：2026年1月8日",
    ], rows)


def cas_overseas_h2() -> Path:
    """■/□ ticks, leader with a header row, institutions one per line, other label wordings."""
    rows = [
        ["团组名称", "海洋观测技术赴日本研修项目", None, None, None, None],
        ["申报项目类别", "□领军人才研修项目  ■优秀青年人才培养项目  □关键技术专项培训项目  □重点领域专项计划",
         None, None, None, None],
        ["专项类别", "□深海专项  □空间专项", None, None, None, None],
        ["带头人", "姓名", "性别", "出生年月", "职称", "所在单位"],
        [UP, "林海", "男", "1978年3月", "正高级工程师", "中国科学院南海海洋研究所"],
        ["团组成员", "姓名", "性别", "出生年月", "职称", "所在单位"],
        [UP, "吴静", "女", "1988.09", "工程师", "中国科学院南海海洋研究所"],
        [UP, "郑凯", "男", "1983年12月", "副研究员", "中国科学院海洋研究所"],
        ["出国（境）天数", "14天", None, "出发时间", "2026.11.02", None],
        ["出访国家", "日本", None, "出访城市", "东京、横须贺", None],
        ["培训机构", "东京大学大气海洋研究所\n日本海洋研究开发机构", None, None, None, None],
        ["主要内容", "学习深海原位观测与浮标组网技术。", None, None, None, None],
        ["预期效果", "掌握浮标组网关键技术，形成技术报告1份。", None, None, None, None],
        ["优先选派条件", "□国家重大科技任务  ■战略性先导科技专项", None, None, None, None],
    ]
    return build_docx("cas_overseas_h2", [
        "附件",
        "中国科学院因公出国（境）培训项目计划申请表",
    ], rows)


# --------------------------------------------------------------------------- XLSX plan list


def cas_plan_h1() -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "培训计划"
    top = ["序号", "培训班名称", "培训类型", "培训安排", None, "计划人数", "申请情况", None, "是否精品项目",
           "是否同时申报人社部高研", "往年举办期数", "面向范围", "联系人", "联系电话"]
    sub = [None, None, None, "培训天数", "培训学时", None, "是否申请院资助", "是否申请专项技术支持",
           None, None, None, None, None, None]
    ws.append(["中国科学院某研究所2026年度培训计划表"])
    ws.append(["填表说明：培训类型填写专项技术短期培训班、学术讲坛或专题培训班；是否类栏目填写“是”或“否”。"])
    ws.append(top)
    ws.append(sub)
    ws.append([1, "冷冻电镜样品制备技术培训班", "专项技术短期培训班", 5, 40, 30, "是", "是", "否", "否", 2,
               "全国", "马丽", "010-64888123"])
    ws.append([2, "合成生物学前沿学术讲坛", "学术讲坛", 2, 12, 200, "否", "否", "否", "否", 0, "院内",
               "马丽", "13810012345"])
    ws.append([])
    ws.append([3, "科研仪器共享管理专题培训班", "专题培训班", 3, 24, 60, "是", "否", "是", "是", 4, "全国",
               "孙强", "（010）64888456"])
    ws.append(["合计", None, None, 10, 76, 290, None, None, None, None, None, None, None, None])
    n_cols = len(top)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_cols)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n_cols)
    ws.merge_cells(start_row=3, start_column=4, end_row=3, end_column=5)
    ws.merge_cells(start_row=3, start_column=7, end_row=3, end_column=8)
    for col, value in enumerate(top, start=1):
        if value is not None and sub[col - 1] is None:
            ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    path = HERE / "cas_plan_h1.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- second batch
# Written after the first round of fixes, before running the reader on them: they
# measure whether those fixes were general.


def zj_national_01() -> Path:
    """附件1 type: label rows with the value in the row below, spaced phones, a base cell without boxes."""
    rows = [
        ["项目名称", "数字孪生城市建设与治理高级研修班", None, None, None],
        ["办班时间", "2026年5月18-22日", None, "办班地点", "浙江省杭州市"],
        ["选题所属行业领域", "城市建设", None, "选题所属行业主管部门", "住房和城乡建设部"],
        ["申报项目类别", "☑财政资助项目  ☐自筹经费项目（自筹经费来源：____）", None, None, None],
        ["是否符合选题范围", "☐服务重大战略：____  ☐对接产业需求：____  ☑突出数字技术：数字孪生", None, None, None],
        ["研修目的和作用", None, None, None, None],
        ["提升城市管理者运用数字孪生技术的能力。\n推广城市大脑建设经验。", None, None, None, None],
        ["研修内容和方式", None, None, None, None],
        ["专题讲座、现场教学与研讨交流相结合。", None, None, None, None],
        ["授课专家情况", None, None, None, None],
        ["浙江大学教授吴晓明、之江实验室研究员陈佳等。", None, None, None, None],
        ["培训对象", "面向全国城市建设管理部门和相关企业的专业技术人员。", None, None, None],
        ["培训人数", "120人", None, None, None],
        ["申报单位", "名　称", "杭州市城市大脑研究院", "联系人", "叶青"],
        [UP, "电　话", "0571-8765 4321", "手　机", "138 0571 2345"],
        [UP, "传　真", "", "地　址", "杭州市西湖区文三路90号"],
        ["承办单位", "名　称", "浙江大学", "联系人", "何平"],
        [UP, "电　话", "0571-87951234", "手　机", "13605712345"],
        [UP, "传　真", "0571-87951235", "地　址", "杭州市西湖区余杭塘路866号"],
        ["是否继续教育基地", "否", None, None, None],
    ]
    return build_docx("zj_national_01", [
        "浙江省2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年3月2日",
    ], rows)


def fj_provincial_h2() -> Path:
    """附件2 type: three label/value pairs in one row, topic details in brackets, a signature line."""
    rows = [
        ["研修项目名称", "海洋药物研发与产业化高级研修班", None, None, None, None],
        ["举办时间", "2026年6月8日至12日", "举办地点", "福建省厦门市", "主管部门", "福建省卫生健康委员会"],
        ["所属专业技术领域", "生物医药", None, None, None, None],
        ["是否符合选题范围", "☐服务重大战略\n☑对接产业需求（海洋生物医药）\n☐突出数字技术", None, None, None, None],
        ["研修目的和作用", "培养海洋药物研发骨干人才。", None, None, None, None],
        ["研修内容和方式", "专题讲座和企业现场教学。", None, None, None, None],
        ["授课专家情况", "厦门大学教授林伟、自然资源部第三海洋研究所研究员黄波。", None, None, None, None],
        ["培训对象", "面向全省生物医药企业专业技术人员，招收学员40人。", None, None, None, None],
        ["承办单位信息", "单位名称", "厦门医学院", None, "联系人", "陈晨"],
        [UP, "办公电话", "0592-6891234", None, "手机", "13906012345"],
        [UP, "传真", "", None, "地址", "厦门市集美区杏林湾路1999号"],
        [UP, "是否继续教育基地", "□是第___批国家级继续教育基地  ■是省级继续教育基地  □否", None, None, None],
        ["审核意见", "同意。\n负责人签字：\n（盖章）\n2026年4月1日", None, None, None, None],
    ]
    return build_docx("fj_provincial_h2", [
        "附件2",
        "专业技术人才知识更新工程2026年省级高级研修项目申报表",
        "申报时间：2026年3月28日",
    ], rows)


def nm_national_missing() -> Path:
    """附件1 type without a place row and without an applicant block, a blank submission date."""
    rows = [
        ["项目名称", "草原生态修复技术高级研修班", None, None],
        ["办班时间", "2026年8月3日—8月7日", None, None],
        ["选题所属行业领域", "生态环境", "选题所属行业主管部门", "国家林业和草原局"],
        ["申报项目类别", "■财政资助项目  □自筹经费项目（自筹经费来源：____）", None, None],
        ["是否符合选题范围", "■服务重大战略：生态文明  □对接产业需求：____  □突出数字技术：____", None, None],
        ["研修目的和作用", "提升草原生态修复专业技术水平。", None, None],
        ["研修内容和方式", "专题讲座与野外现场教学。", None, None],
        ["授课专家情况", "内蒙古大学教授乌兰等。", None, None],
        ["培训对象", "面向全国草原生态保护领域专业技术人员，学员规模50人左右。", None, None],
        ["承办单位信息", "单位名称", "内蒙古农业大学", None],
        [UP, "联系人", "包文", None],
        [UP, "办公电话", "0471-4309123", None],
        [UP, "是否继续教育基地", "□是第___批国家级继续教育基地  □是省级继续教育基地  ■否", None],
    ]
    return build_docx("nm_national_missing", [
        "内蒙古自治区2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：    年  月  日",
    ], rows)


def cas_overseas_h3() -> Path:
    """Leader and members each with a header row of other wordings, numbered institutions, √ ticks."""
    rows = [
        ["项目名称", "先进光源技术赴法国研修项目", None, None, None, None],
        ["项目类别", "□领军人才研修项目  √关键技术专项培训项目  □优秀青年人才培养项目", None, None, None, None],
        ["重点领域专项类别", "□重大科技基础设施专项  □战略高技术领域专项", None, None, None, None],
        ["团组\n带头人", "姓名", "性别", "出生\n年月", "专业技术职务", "工作单位"],
        [UP, "高远", "男", "1975-06", "研究员", "中国科学院高能物理研究所"],
        ["团组\n成员", "姓名", "性别", "出生日期", "职称", "单位"],
        [UP, "宋佳", "女", "1987.04", "副研究员", "中国科学院高能物理研究所"],
        [UP, "唐军", "男", "1992年8月", "助理研究员", "中国科学院上海高等研究院"],
        ["培训天数", "21天（含往返路途）", None, "拟出国（境）时间", "2026年9月6日", None],
        ["国家", "法国", None, "城市", "巴黎、格勒诺布尔", None],
        ["境外培训机构", "（1）欧洲同步辐射光源（2）法国国家同步辐射光源SOLEIL", None, None, None, None],
        ["培训内容", "学习同步辐射光束线设计与运行维护。", None, None, None, None],
        ["预期成果", "完成光束线设计方案1份。", None, None, None, None],
        ["优先条件", "□国家重大科技任务  □战略性先导科技专项", None, None, None, None],
    ]
    return build_docx("cas_overseas_h3", ["中国科学院因公出国（境）培训项目计划申请表"], rows)


def cas_plan_h2() -> Path:
    """Plan list: other header wordings, ticks and crosses for yes/no, units written after numbers, a 小计 row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026计划"
    ws.append(["2026年度继续教育培训计划"])
    ws.append(["序号", "单位", "培训项目名称", "类别", "培训时长（天）", "总学时", "参训人数", "讲座场次",
               "是否申请资助", "申请专项技术支持", "精品项目", "同时申报人社部高研", "已举办次数", "招生范围",
               "联系人", "联系方式"])
    ws.append([1, "中国科学院植物研究所", "植物表型组学技术培训班", "专项技术短期培训班", "4天", "32学时", "45人", None,
               "√", "×", "×", "×", 1, "全国", "韩雪", "010-62836123"])
    ws.append([2, "中国科学院植物研究所", "生物多样性保护学术讲坛", "学术讲坛", 3, 6, 150, 3,
               "×", "×", "√", "×", 5, "院内", "韩雪", "010-62836123"])
    ws.append(["小计", None, None, None, 7, 38, 195, 3, None, None, None, None, None, None, None, None])
    path = HERE / "cas_plan_h2.xlsx"
    wb.save(path)
    return path


BUILDERS = [jx_national_01, jx_provincial_01, hn_national_01, hn_provincial_01, gx_provincial_missing,
            sc_national_01,
            cas_overseas_h1, cas_overseas_h2, cas_plan_h1,
            zj_national_01, fj_provincial_h2, nm_national_missing, cas_overseas_h3, cas_plan_h2]


def main() -> None:
    for build in BUILDERS:
        print(build().name)


if __name__ == "__main__":
    main()
