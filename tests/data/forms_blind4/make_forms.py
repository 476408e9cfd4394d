"""Build the fourth blind batch of filled forms in this folder (DOCX with python-docx, XLSX with openpyxl).

Written, with the expected NAME.json beside each file, before the reader was run
on them, in layouts none of the earlier fixtures has: a national form whose
办班时间 and 办班地点 share one cell ("2026年11月3日至7日，福建省福州市"); a
provincial form whose 承办单位信息 block is a table nested inside one cell; a
form whose topic-scope detail sits on the line below its ticked option in the
same cell; an overseas form whose members are listed in a paragraph
("团组成员：张三（1979年5月，副研究员，XX所）；…") instead of a table; a plan list
whose unit column is merged over the rows of one unit and which has a remarks
column; and a form whose label column is so narrow that every label wraps onto
two or three lines (read from its PDF).

Run from the repository root: ``python tests/data/forms_blind4/make_forms.py``.
PDF versions of the DOCX files (NAME.pdf, scored against the same NAME.json) are
printed with LibreOffice (``soffice --headless --convert-to pdf``) and committed
as fixtures.

Layout notation: a table is a list of rows; a row is a list of cell texts.
``None`` merges a cell into its left neighbour, ``"^"`` into the cell above;
``\\n`` separates paragraphs; a cell given as a list of rows holds a nested table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for testkit
from testkit import UP, fill_cell, table_spans  # noqa: E402

HERE = Path(__file__).resolve().parent

NO_APPLICANT = {"name": None, "contact": None, "office_phone": None, "mobile": None, "fax": None,
                "address": None}


# --------------------------------------------------------------------------- DOCX builder


def _fill_nested(cell, rows: list[list[str | None]]) -> None:
    n_cols = max(len(r) for r in rows)
    inner = cell.add_table(rows=len(rows), cols=n_cols)
    inner.style = "Table Grid"
    _fill_table(inner, rows)


def _fill_table(table, rows) -> None:
    for r, c, r1, c1, text in table_spans(rows):
        cell = table.cell(r, c)
        if (r1, c1) != (r, c):
            cell = cell.merge(table.cell(r1, c1))
        if isinstance(text, list):
            _fill_nested(cell, text)
        elif text:
            fill_cell(cell, text)


def _set_column_widths(table, widths_cm: list[float]) -> None:
    """Fix the grid and every cell's width so that Word and LibreOffice keep the narrow columns."""
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths_cm[col:col + span]))
            col += span


def build_docx(name: str, parts: list, widths_cm: list[float] | None = None) -> Path:
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        n_cols = max(len(r) for r in part)
        table = document.add_table(rows=len(part), cols=n_cols)
        table.style = "Table Grid"
        _fill_table(table, part)
        if widths_cm:
            _set_column_widths(table, widths_cm)
    path = HERE / f"{name}.docx"
    document.save(path)
    return path


def write_expected(name: str, expected) -> None:
    (HERE / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- seminar forms


def zj_national_timeplace() -> Path:
    """附件1 type whose period and venue share one cell, separated by a comma."""
    rows = [
        ["项目名称", "海洋生态修复与蓝碳技术高级研修班", None, None, None],
        ["办班时间及地点", "2026年11月3日至7日，福建省福州市", None, None, None],
        ["选题所属行业领域", "生态环境", None, "选题所属行业主管部门", "自然资源部"],
        ["申报项目类别", "☐财政资助项目  ☑自筹经费项目（自筹经费来源：单位自有资金）", None, None, None],
        ["是否符合选题范围", "☑服务重大战略：海洋强国建设  ☐对接产业需求：  ☐突出数字技术：", None, None, None],
        ["研修目的和作用", "提升海洋生态修复领域专业技术人员的技术水平和工程实践能力。", None, None, None],
        ["研修内容和方式", "专题讲座、滨海湿地修复现场教学与交流研讨相结合。", None, None, None],
        ["授课专家情况", "厦门大学教授焦念志、自然资源部第三海洋研究所研究员陈彬。", None, None, None],
        ["培训对象", "面向全国海洋生态保护修复单位专业技术人员，招收学员60人。", None, None, None],
        ["申报单位信息", "单位名称", "福建省海洋学会", "联系人", "林海燕"],
        [UP, "办公电话", "0591-87851234", "手机", "13905011234"],
        [UP, "传真", "", "地址", "福州市鼓楼区湖东路200号"],
        ["承办单位信息", "单位名称", "自然资源部第三海洋研究所", "联系人", "郑涛"],
        [UP, "办公电话", "0592-2195123", "手机", "13806012345"],
        [UP, "传真", "0592-2195124", "地址", "厦门市思明区大学路178号"],
        ["是否继续教育基地", "☐是第___批国家级继续教育基地  ☐是省级继续教育基地  ☑否", None, None, None],
    ]
    path = build_docx("zj_national_timeplace", [
        "附件1",
        "2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年3月20日",
        rows,
    ])
    write_expected("zj_national_timeplace", {"form_type": "fj_national_seminar", "fields": {
        "project_name": "海洋生态修复与蓝碳技术高级研修班",
        "start_date": "2026-11-03", "end_date": "2026-11-07", "location": "福建省福州市",
        "industry_field": "生态环境", "authority": "自然资源部",
        "funding_type": "自筹经费", "self_funding_source": "单位自有资金",
        "topic_scope": [{"category": "服务重大战略", "detail": "海洋强国建设"}],
        "purpose": "提升海洋生态修复领域专业技术人员的技术水平和工程实践能力。",
        "content": "专题讲座、滨海湿地修复现场教学与交流研讨相结合。",
        "experts": "厦门大学教授焦念志、自然资源部第三海洋研究所研究员陈彬。",
        "trainees": "面向全国海洋生态保护修复单位专业技术人员，招收学员60人。",
        "participants": 60,
        "applicant": {"name": "福建省海洋学会", "contact": "林海燕", "office_phone": "0591-87851234",
                      "mobile": "13905011234", "fax": None, "address": "福州市鼓楼区湖东路200号"},
        "host": {"name": "自然资源部第三海洋研究所", "contact": "郑涛", "office_phone": "0592-2195123",
                 "mobile": "13806012345", "fax": "0592-2195124", "address": "厦门市思明区大学路178号"},
        "ce_base": "否", "ce_base_batch": None, "submitted_on": "2026-03-20",
    }})
    return path


def hn_provincial_nested() -> Path:
    """附件2 type whose host block is a small table nested inside the value cell."""
    host = [
        ["单位名称", "湖南省建筑科学研究院有限责任公司", "联系人", "贺明"],
        ["办公电话", "0731-85581234", "手机", "13787012345"],
        ["传真", "0731-85581235", "地址", "长沙市岳麓区桐梓坡路100号"],
    ]
    rows = [
        ["项目名称", "装配式建筑与智能建造技术高级研修班", None, None],
        ["办班时间", "2026年9月21日—25日", "办班地点", "湖南省长沙市"],
        ["选题所属专业技术领域", "建筑", "选题所属行业主管部门", "湖南省住房和城乡建设厅"],
        ["是否符合选题范围", "☐服务重大战略：  ☑对接产业需求：装配式建筑  ☑突出数字技术：智能建造", None, None],
        ["研修目的和作用", "提升建筑行业专业技术人员在装配式建造和智能建造方面的能力。", None, None],
        ["研修内容和方式", "专题讲座、装配式建筑生产基地现场教学和案例研讨。", None, None],
        ["授课专家情况", "湖南大学教授李伟、中南大学教授王涛。", None, None],
        ["培训对象", "面向全省建筑企业专业技术人员，计划培训50人。", None, None],
        ["承办单位信息", host, None, None],
        ["是否继续教育基地", "☑是第3批国家级继续教育基地  ☐是省级继续教育基地  ☐否", None, None],
        ["设区市人社部门审核意见", "同意推荐。", None, None],
    ]
    path = build_docx("hn_provincial_nested", [
        "湖南省2026年专业技术人才知识更新工程省级高级研修项目申报表",
        "申报时间：2026年4月2日",
        rows,
    ])
    write_expected("hn_provincial_nested", {"form_type": "fj_provincial_seminar", "fields": {
        "project_name": "装配式建筑与智能建造技术高级研修班",
        "start_date": "2026-09-21", "end_date": "2026-09-25", "location": "湖南省长沙市",
        "industry_field": "建筑", "authority": "湖南省住房和城乡建设厅",
        "topic_scope": [{"category": "对接产业需求", "detail": "装配式建筑"},
                        {"category": "突出数字技术", "detail": "智能建造"}],
        "purpose": "提升建筑行业专业技术人员在装配式建造和智能建造方面的能力。",
        "content": "专题讲座、装配式建筑生产基地现场教学和案例研讨。",
        "experts": "湖南大学教授李伟、中南大学教授王涛。",
        "trainees": "面向全省建筑企业专业技术人员，计划培训50人。",
        "participants": 50,
        "host": {"name": "湖南省建筑科学研究院有限责任公司", "contact": "贺明", "office_phone": "0731-85581234",
                 "mobile": "13787012345", "fax": "0731-85581235", "address": "长沙市岳麓区桐梓坡路100号"},
        "ce_base": "国家级", "ce_base_batch": 3,
        "review_opinion": "同意推荐。", "submitted_on": "2026-04-02",
    }})
    return path


def sd_national_detail_below() -> Path:
    """附件1 type whose topic-scope detail is written on the line below the ticked option."""
    rows = [
        ["项目名称", "黄河流域生态保护与水资源集约利用高级研修班", None, None, None],
        ["办班时间", "2026年10月12日—16日", None, "办班地点", "山东省济南市"],
        ["选题所属行业领域", "水利", None, "选题所属行业主管部门", "水利部"],
        ["申报项目类别", "☑财政资助项目  ☐自筹经费项目（自筹经费来源：　　　）", None, None, None],
        ["是否符合选题范围", "☑服务重大战略\n黄河流域生态保护和高质量发展\n☐对接产业需求\n☑突出数字技术\n数字孪生流域",
         None, None, None],
        ["研修目的和作用", "提升水利专业技术人员在流域生态保护和水资源管理方面的能力。", None, None, None],
        ["研修内容和方式", "专题讲座、水利枢纽现场教学和专题研讨。", None, None, None],
        ["授课专家情况", "山东大学教授王建、黄河水利委员会教授级高级工程师李明。", None, None, None],
        ["培训对象", "面向全国水利系统专业技术人员，计划培训70人。", None, None, None],
        ["申报单位信息", "单位名称", "", "联系人", ""],
        [UP, "办公电话", "", "手机", ""],
        [UP, "传真", "", "地址", ""],
        ["承办单位信息", "单位名称", "山东大学", "联系人", "赵倩"],
        [UP, "办公电话", "0531-88361234", "手机", "13953112345"],
        [UP, "传真", "", "地址", "济南市历城区山大南路27号"],
        ["是否继续教育基地", "☐是第___批国家级继续教育基地  ☑是省级继续教育基地  ☐否", None, None, None],
    ]
    path = build_docx("sd_national_detail_below", [
        "附件1",
        "山东省2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报时间：2026年3月25日",
        rows,
    ])
    write_expected("sd_national_detail_below", {"form_type": "fj_national_seminar", "fields": {
        "project_name": "黄河流域生态保护与水资源集约利用高级研修班",
        "start_date": "2026-10-12", "end_date": "2026-10-16", "location": "山东省济南市",
        "industry_field": "水利", "authority": "水利部",
        "funding_type": "财政资助", "self_funding_source": None,
        "topic_scope": [{"category": "服务重大战略", "detail": "黄河流域生态保护和高质量发展"},
                        {"category": "突出数字技术", "detail": "数字孪生流域"}],
        "purpose": "提升水利专业技术人员在流域生态保护和水资源管理方面的能力。",
        "content": "专题讲座、水利枢纽现场教学和专题研讨。",
        "experts": "山东大学教授王建、黄河水利委员会教授级高级工程师李明。",
        "trainees": "面向全国水利系统专业技术人员，计划培训70人。",
        "participants": 70,
        "applicant": NO_APPLICANT,
        "host": {"name": "山东大学", "contact": "赵倩", "office_phone": "0531-88361234",
                 "mobile": "13953112345", "fax": None, "address": "济南市历城区山大南路27号"},
        "ce_base": "省级", "ce_base_batch": None, "submitted_on": "2026-03-25",
    }})
    return path


def sc_provincial_narrow() -> Path:
    """附件2 type with a label column so narrow that every label wraps onto two or three lines."""
    rows = [
        ["项目名称", "川西高原清洁能源开发技术高级研修班", None, None],
        ["办班时间", "2026年8月17日—21日", "办班地点", "四川省成都市"],
        ["选题所属专业技术领域", "能源", "选题所属行业主管部门", "四川省能源局"],
        ["是否符合选题范围", "☑服务重大战略：成渝地区双城经济圈建设  ☐对接产业需求：  ☐突出数字技术：", None, None],
        ["研修目的和作用", "提升清洁能源领域专业技术人员的规划设计与工程建设能力。", None, None],
        ["研修内容和方式", "专题讲座、水风光一体化基地现场教学和研讨交流。", None, None],
        ["授课专家情况", "四川大学教授许唯临、中国电建集团成都勘测设计研究院正高级工程师王仁坤。", None, None],
        ["培训对象", "面向全省能源企业专业技术人员，拟招收学员40人。", None, None],
        ["承办单位信息", "单位名称", "四川大学", None],
        [UP, "联系人", "唐敏", None],
        [UP, "办公电话", "028-85401234", None],
        [UP, "手机", "13808012345", None],
        [UP, "传真", "028-85401235", None],
        [UP, "地址", "成都市武侯区一环路南一段24号", None],
        ["是否继续教育基地", "☐是第___批国家级继续教育基地  ☐是省级继续教育基地  ☑否", None, None],
        ["设区市人社部门审核意见", "同意推荐。", None, None],
    ]
    path = build_docx("sc_provincial_narrow", [
        "四川省2026年专业技术人才知识更新工程省级高级研修项目申报表",
        "申报时间：2026年4月8日",
        rows,
    ], widths_cm=[1.6, 7.0, 1.6, 5.6])
    write_expected("sc_provincial_narrow", {"form_type": "fj_provincial_seminar", "fields": {
        "project_name": "川西高原清洁能源开发技术高级研修班",
        "start_date": "2026-08-17", "end_date": "2026-08-21", "location": "四川省成都市",
        "industry_field": "能源", "authority": "四川省能源局",
        "topic_scope": [{"category": "服务重大战略", "detail": "成渝地区双城经济圈建设"}],
        "purpose": "提升清洁能源领域专业技术人员的规划设计与工程建设能力。",
        "content": "专题讲座、水风光一体化基地现场教学和研讨交流。",
        "experts": "四川大学教授许唯临、中国电建集团成都勘测设计研究院正高级工程师王仁坤。",
        "trainees": "面向全省能源企业专业技术人员，拟招收学员40人。",
        "participants": 40,
        "host": {"name": "四川大学", "contact": "唐敏", "office_phone": "028-85401234",
                 "mobile": "13808012345", "fax": "028-85401235", "address": "成都市武侯区一环路南一段24号"},
        "ce_base": "否", "ce_base_batch": None,
        "review_opinion": "同意推荐。", "submitted_on": "2026-04-08",
    }})
    return path


# --------------------------------------------------------------------------- overseas form


def cas_overseas_paragraph() -> Path:
    """Members listed in one paragraph after the table instead of a members table."""
    main = [
        ["项目名称", "极地冰冻圈观测技术赴挪威研修项目", None, None, None],
        ["项目类别", "☐领军人才研修项目  ☑优秀青年人才培养项目  ☐关键技术专项培训项目  ☐重点领域专项计划",
         None, None, None],
        ["重点领域专项类别", "☐“卡脖子技术”相关领域  ☐战略高技术领域专项", None, None, None],
        ["项目带头人", "姓名", "出生年月", "职称", "工作单位"],
        [UP, "钱程", "1976年4月", "研究员", "中国科学院西北生态环境资源研究院"],
        ["培训时长（天）", "21", "拟出国（境）时间", "2026年9月14日", None],
        ["国家（地区）", "挪威", "城市", "特罗姆瑟、奥斯陆", None],
        ["境外培训机构", "挪威极地研究所、奥斯陆大学", None, None, None],
        ["培训内容", "学习冰川与冻土观测网络建设及遥感反演技术。", None, None, None],
        ["预期成果", "形成极地冰冻圈观测技术研修报告，提出观测网络优化方案。", None, None, None],
        ["优先条件", "☐国家重大科技任务  ☑战略性先导科技专项  ☐参与四类机构分类改革", None, None, None],
    ]
    path = build_docx("cas_overseas_paragraph", [
        "中国科学院2026年度因公出国（境）培训项目计划申请表",
        main,
        "团组成员：秦岚（1985年7月，副研究员，中国科学院西北生态环境资源研究院）；"
        "邓宇（1988年2月，助理研究员，中国科学院西北生态环境资源研究院）；"
        "韩雪（1990年10月，工程师，中国科学院空天信息创新研究院）；"
        "陆鸣（1982年3月，高级工程师，中国科学院空天信息创新研究院）。",
    ])
    write_expected("cas_overseas_paragraph", {"form_type": "cas_overseas_training", "fields": {
        "category": "优秀青年人才培养项目",
        "special_fields": [],
        "leader": {"name": "钱程", "birth_date": "1976-04-01", "title": "正高级",
                   "unit": "中国科学院西北生态环境资源研究院"},
        "members": [
            {"name": "秦岚", "birth_date": "1985-07-01", "title": "副高级", "unit": "中国科学院西北生态环境资源研究院"},
            {"name": "邓宇", "birth_date": "1988-02-01", "title": "中级", "unit": "中国科学院西北生态环境资源研究院"},
            {"name": "韩雪", "birth_date": "1990-10-01", "title": "中级", "unit": "中国科学院空天信息创新研究院"},
            {"name": "陆鸣", "birth_date": "1982-03-01", "title": "副高级", "unit": "中国科学院空天信息创新研究院"},
        ],
        "duration_days": 21, "departure_date": "2026-09-14", "country": "挪威",
        "cities": ["特罗姆瑟", "奥斯陆"], "institutions": ["挪威极地研究所", "奥斯陆大学"],
        "content": "学习冰川与冻土观测网络建设及遥感反演技术。",
        "expected_results": "形成极地冰冻圈观测技术研修报告，提出观测网络优化方案。",
        "priority_conditions": ["战略性先导科技专项"],
    }})
    return path


# --------------------------------------------------------------------------- XLSX plan list

PLAN_HEADERS = ["序号", "单位名称", "培训班名称", "培训类别", "培训天数", "学时", "计划人数", "期数", "是否申请资助",
                "是否申请专项技术支持", "精品项目", "同时申报人社部高研", "往年举办次数", "面向范围", "联系人",
                "联系电话", "备注"]
PLAN_KEYS = [None, "unit", "class_name", "category", "days", "hours", "participants", "sessions", "apply_funding",
             "apply_tech_support", "flagship", "also_mohrss", "prior_runs", "audience_scope", "contact", "phone",
             None]


def cas_plan_merged_units() -> Path:
    """The unit column merged over the rows of one unit, a title row above and a remarks column."""
    import openpyxl

    data = [
        ["1", "中国科学院南京土壤研究所", "土壤健康监测与评价技术培训班", "专项技术短期培训班", 5, 40, 50, 1, "是",
         "否", "否", "否", 3, "全国", "周岩", "025-86881234", "与江苏省土壤学会联合举办"],
        [2, None, "耕地质量提升技术培训班", "专题培训班", 3, 24, 40, 2, "否", "否", "否", "否", 0, "院内",
         "周岩", "025-86881234", ""],
        [3, None, "土壤微生物组学方法培训班", "专项技术短期培训班", 4, 32, 30, 1, "是", "是", "是", "否", 5,
         "全国", "周岩", "025-86881234", "拟于下半年举办"],
        [4, "中国科学院南京地理与湖泊研究所", "湖泊水环境遥感监测培训班", "专项技术短期培训班", 5, 40, 45, 1,
         "是", "否", "否", "是", 2, "全国", "许静", "13813912345", "需使用野外台站"],
        [5, None, "流域水文模型应用培训班", "专题培训班", 2, 16, 60, 1, "否", "否", "否", "否", 1, "院内",
         "许静", "13813912345", None],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2027年度培训计划"
    ws.append(["中国科学院2027年度培训计划汇总表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(PLAN_HEADERS))
    ws.append(PLAN_HEADERS)
    for row in data:
        ws.append(row)
    ws.merge_cells("B3:B5")
    ws.merge_cells("B6:B7")
    path = HERE / "cas_plan_merged_units.xlsx"
    wb.save(path)

    units = ["中国科学院南京土壤研究所"] * 3 + ["中国科学院南京地理与湖泊研究所"] * 2
    expected = []
    for row, unit in zip(data, units, strict=True):
        fields = {key: value for key, value in zip(PLAN_KEYS, row, strict=True) if key}
        fields["unit"] = unit
        expected.append({"form_type": "cas_training_plan", "fields": fields})
    write_expected("cas_plan_merged_units", expected)
    return path


BUILDERS = [zj_national_timeplace, hn_provincial_nested, sd_national_detail_below, sc_provincial_narrow,
            cas_overseas_paragraph, cas_plan_merged_units]


def main() -> None:
    for build in BUILDERS:
        print(build().name)


if __name__ == "__main__":
    main()
