"""Build the fifth blind batch of filled forms (DOCX) with the expected NAME.json beside each.

Layout notation as in forms_blind4: a table is a list of rows, a row a list of cell texts;
``None`` merges a cell into its left neighbour, ``"^"`` into the cell above; ``\\n`` separates
paragraphs inside a cell. A str part is a paragraph outside any table.

Run: /work/venv/bin/python make_forms.py [name ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
UP = "^"


def _spans(rows):
    n_rows, n_cols = len(rows), max(len(r) for r in rows)
    grid = [list(r) + [None] * (n_cols - len(r)) for r in rows]
    for r in range(n_rows):
        for c in range(n_cols):
            v = grid[r][c]
            if v is None or v == UP:
                continue
            c1 = c
            while c1 + 1 < n_cols and grid[r][c1 + 1] is None:
                c1 += 1
            r1 = r
            while r1 + 1 < n_rows and grid[r1 + 1][c] == UP:
                r1 += 1
            yield r, c, r1, c1, v


def _fill_cell(cell, text: str) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build_docx(name: str, parts: list) -> Path:
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        n_cols = max(len(r) for r in part)
        table = document.add_table(rows=len(part), cols=n_cols)
        table.style = "Table Grid"
        for r, c, r1, c1, text in _spans(part):
            cell = table.cell(r, c)
            if (r1, c1) != (r, c):
                cell = cell.merge(table.cell(r1, c1))
            if text:
                _fill_cell(cell, text)
    path = HERE / f"{name}.docx"
    document.save(path)
    return path


def write_expected(name: str, expected) -> None:
    (HERE / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")


# --------------------------------------------------------------------------- 1. national, reworded labels + line above


def gd_national_reworded() -> None:
    """Classes 1 and 5: near-synonym / intent-prefixed / tailed labels; 申报单位 and 填报日期 on a line
    above the table (the applicant block in the table has no 单位名称 row)."""
    name = "gd_national_reworded"
    rows = [
        ["项目名称", "粤港澳大湾区集成电路先进封装技术高级研修班", None, None, None],
        ["举办时间", "2026年10月19日至10月23日", None, "拟举办地点", "广东省深圳市"],
        ["选题所属行业领域", "电子信息", None, "选题所属行业主管部门", "工业和信息化部"],
        ["申报项目类别", "☑财政资助项目  ☐自筹经费项目（自筹经费来源：　　　）", None, None, None],
        ["是否符合选题范围",
         "☑服务重大战略：粤港澳大湾区建设  ☑对接产业需求：集成电路  ☐突出数字技术：", None, None, None],
        ["研修目的及作用", "提升集成电路封装测试领域专业技术人员的工艺研发与可靠性分析能力。", None, None, None],
        ["研修内容及方式", "专题授课、先进封装产线现场教学、案例研讨与分组交流。", None, None, None],
        ["授课专家简介", "华南理工大学教授李斌、中国电子科技集团公司第五十八研究所研究员周晓阳。", None, None, None],
        ["参训对象及人数", "面向全国集成电路企业和科研院所的中高级专业技术人员，共80人。", None, None, None],
        ["申报单位信息", "联系人", "陈嘉欣", "手机", "13723456781"],
        [UP, "办公电话", "020-83561208", "传真", "020-83561209"],
        [UP, "地址", "广州市越秀区东风中路305号", None, None],
        ["承办单位信息", "单位名称", "深圳技术大学", "联系人", "黄志强"],
        [UP, "办公电话", "0755-23256108", "手机", "13510987654"],
        [UP, "传真", "", "地址", "深圳市坪山区石井街道兰田路3002号"],
        ["是否继续教育基地", "☑是第2批国家级继续教育基地  ☐是省级继续教育基地  ☐否", None, None, None],
    ]
    build_docx(name, [
        "附件1",
        "2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报单位：广东省人力资源和社会保障厅　　　　填报日期：2026年3月18日",
        rows,
    ])
    write_expected(name, {"form_type": "fj_national_seminar", "fields": {
        "project_name": "粤港澳大湾区集成电路先进封装技术高级研修班",
        "start_date": "2026-10-19", "end_date": "2026-10-23", "location": "广东省深圳市",
        "industry_field": "电子信息", "authority": "工业和信息化部",
        "funding_type": "财政资助", "self_funding_source": None,
        "topic_scope": [{"category": "服务重大战略", "detail": "粤港澳大湾区建设"},
                        {"category": "对接产业需求", "detail": "集成电路"}],
        "purpose": "提升集成电路封装测试领域专业技术人员的工艺研发与可靠性分析能力。",
        "content": "专题授课、先进封装产线现场教学、案例研讨与分组交流。",
        "experts": "华南理工大学教授李斌、中国电子科技集团公司第五十八研究所研究员周晓阳。",
        "trainees": "面向全国集成电路企业和科研院所的中高级专业技术人员，共80人。",
        "participants": 80,
        "applicant": {"name": "广东省人力资源和社会保障厅", "contact": "陈嘉欣", "office_phone": "020-83561208",
                      "mobile": "13723456781", "fax": "020-83561209", "address": "广州市越秀区东风中路305号"},
        "host": {"name": "深圳技术大学", "contact": "黄志强", "office_phone": "0755-23256108",
                 "mobile": "13510987654", "fax": None, "address": "深圳市坪山区石井街道兰田路3002号"},
        "ce_base": "国家级", "ce_base_batch": 2, "submitted_on": "2026-03-18",
    }})


# --------------------------------------------------------------------------- 2. national, funding boxes outside table


def js_national_boxes_outside() -> None:
    """Classes 4 and 1: 申报项目类别 as a heading paragraph followed by a paragraph of boxes, between
    the title and the table; 研修时间 / 研修地点 / 计划培训人数 labels."""
    name = "js_national_boxes_outside"
    rows = [
        ["项目名称", "长江经济带绿色航运与智慧港口技术高级研修班", None, None],
        ["研修时间", "2026年9月7日—11日", "研修地点", "江苏省南京市"],
        ["选题所属行业领域", "交通运输", "选题所属行业主管部门", "交通运输部"],
        ["是否符合选题范围", "☑服务重大战略：长江经济带发展  ☐对接产业需求：  ☑突出数字技术：智慧港口", None, None],
        ["研修目的和作用", "提升港航领域专业技术人员在绿色航运和港口智能化改造方面的创新能力。", None, None],
        ["研修内容和方式", "专家讲座、自动化码头现场观摩与专题研讨相结合。", None, None],
        ["授课专家情况", "河海大学教授唐国磊、交通运输部水运科学研究院研究员张宝晨。", None, None],
        ["培训对象", "面向全国港航企事业单位高级专业技术人员。", None, None],
        ["计划培训人数", "65", None, None],
        ["申报单位信息", "单位名称", "江苏省交通运输厅", None],
        [UP, "联系人", "吴晓东", None],
        [UP, "办公电话", "025-52853016", None],
        [UP, "手机", "13951826473", None],
        [UP, "传真", "", None],
        [UP, "地址", "南京市鼓楼区中山北路185号", None],
        ["承办单位信息", "单位名称", "河海大学", None],
        [UP, "联系人", "沈丽华", None],
        [UP, "办公电话", "025-83787215", None],
        [UP, "手机", "13813854620", None],
        [UP, "传真", "025-83787216", None],
        [UP, "地址", "南京市鼓楼区西康路1号", None],
        ["是否继续教育基地", "☐是第___批国家级继续教育基地  ☐是省级继续教育基地  ☑否", None, None],
    ]
    build_docx(name, [
        "附件1",
        "江苏省2026年专业技术人才知识更新工程高级研修项目申报表",
        "申报项目类别：",
        "□财政资助项目　　☑自筹经费项目（自筹经费来源：承办单位培训专项经费）",
        rows,
        "申报时间：2026年3月27日",
    ])
    write_expected(name, {"form_type": "fj_national_seminar", "fields": {
        "project_name": "长江经济带绿色航运与智慧港口技术高级研修班",
        "start_date": "2026-09-07", "end_date": "2026-09-11", "location": "江苏省南京市",
        "industry_field": "交通运输", "authority": "交通运输部",
        "funding_type": "自筹经费", "self_funding_source": "承办单位培训专项经费",
        "topic_scope": [{"category": "服务重大战略", "detail": "长江经济带发展"},
                        {"category": "突出数字技术", "detail": "智慧港口"}],
        "purpose": "提升港航领域专业技术人员在绿色航运和港口智能化改造方面的创新能力。",
        "content": "专家讲座、自动化码头现场观摩与专题研讨相结合。",
        "experts": "河海大学教授唐国磊、交通运输部水运科学研究院研究员张宝晨。",
        "trainees": "面向全国港航企事业单位高级专业技术人员。",
        "participants": 65,
        "applicant": {"name": "江苏省交通运输厅", "contact": "吴晓东", "office_phone": "025-52853016",
                      "mobile": "13951826473", "fax": None, "address": "南京市鼓楼区中山北路185号"},
        "host": {"name": "河海大学", "contact": "沈丽华", "office_phone": "025-83787215",
                 "mobile": "13813854620", "fax": "025-83787216", "address": "南京市鼓楼区西康路1号"},
        "ce_base": "否", "ce_base_batch": None, "submitted_on": "2026-03-27",
    }})


# --------------------------------------------------------------------------- 3. provincial, host line above


def zj_provincial_headline() -> None:
    """Classes 5 and 1: 承办单位 and 填报日期 on one line above the table (the host block has no name
    row); 培训日期 / 拟办班地点 / 计划研修人数 / 研修对象 labels."""
    name = "zj_provincial_headline"
    rows = [
        ["项目名称", "数字乡村与农业物联网应用技术高级研修班", None, None],
        ["培训日期", "2026.11.09—2026.11.13", "拟办班地点", "浙江省湖州市"],
        ["选题所属专业技术领域", "农业", "选题所属行业主管部门", "浙江省农业农村厅"],
        ["是否符合选题范围", "☐服务重大战略：  ☑对接产业需求：现代农业  ☑突出数字技术：农业物联网", None, None],
        ["研修目的和作用", "提升农业专业技术人员运用物联网和大数据技术服务数字乡村建设的能力。", None, None],
        ["研修内容和方式", "专题讲座、数字农业示范基地现场教学和经验交流。", None, None],
        ["授课专家情况", "浙江大学教授何勇、浙江省农业科学院研究员王建军。", None, None],
        ["研修对象", "面向全省农业农村系统和涉农企业专业技术人员。", None, None],
        ["计划研修人数", "45人", None, None],
        ["承办单位联系方式", "联系人", "钱晓梅", None],
        [UP, "办公电话", "0572-2363518", None],
        [UP, "手机", "13757215862", None],
        [UP, "传真", "0572-2363519", None],
        [UP, "通讯地址", "湖州市吴兴区二环东路759号", None],
        ["是否继续教育基地", "☐是第___批国家级继续教育基地  ☑是省级继续教育基地  ☐否", None, None],
        ["设区市人社部门审核意见", "经审核，材料属实，同意推荐。", None, None],
    ]
    build_docx(name, [
        "浙江省2026年专业技术人才知识更新工程省级高级研修项目申报表",
        "承办单位（盖章）：湖州师范学院　　　　　　填报日期：2026年4月10日",
        rows,
    ])
    write_expected(name, {"form_type": "fj_provincial_seminar", "fields": {
        "project_name": "数字乡村与农业物联网应用技术高级研修班",
        "start_date": "2026-11-09", "end_date": "2026-11-13", "location": "浙江省湖州市",
        "industry_field": "农业", "authority": "浙江省农业农村厅",
        "topic_scope": [{"category": "对接产业需求", "detail": "现代农业"},
                        {"category": "突出数字技术", "detail": "农业物联网"}],
        "purpose": "提升农业专业技术人员运用物联网和大数据技术服务数字乡村建设的能力。",
        "content": "专题讲座、数字农业示范基地现场教学和经验交流。",
        "experts": "浙江大学教授何勇、浙江省农业科学院研究员王建军。",
        "trainees": "面向全省农业农村系统和涉农企业专业技术人员。",
        "participants": 45,
        "host": {"name": "湖州师范学院", "contact": "钱晓梅", "office_phone": "0572-2363518",
                 "mobile": "13757215862", "fax": "0572-2363519", "address": "湖州市吴兴区二环东路759号"},
        "ce_base": "省级", "ce_base_batch": None,
        "review_opinion": "经审核，材料属实，同意推荐。", "submitted_on": "2026-04-10",
    }})


# --------------------------------------------------------------------------- 4. provincial, boxes outside + pair rows


def ah_provincial_boxes_pairs() -> None:
    """Classes 4 and 3: 是否符合选题范围 and 是否继续教育基地 as heading paragraphs followed by box
    paragraphs after the table; the host block as one label/value pair row where only the first
    label names the unit (承办单位名称 | X | 联系人 | Y | …); 授课专家情况 tail label 授课专家情况及职称."""
    name = "ah_provincial_boxes_pairs"
    rows = [
        ["项目名称", "新能源汽车动力电池安全与回收利用技术高级研修班", None, None, None, None],
        ["办班时间", "2026年7月13日—17日", None, "办班地点", "安徽省合肥市", None],
        ["选题所属专业技术领域", "新能源汽车", None, "选题所属行业主管部门", "安徽省经济和信息化厅", None],
        ["研修目的和作用", "提升新能源汽车产业专业技术人员在动力电池安全设计和梯次利用方面的技术水平。",
         None, None, None, None],
        ["研修内容和方式", "专题讲座、电池回收示范工厂现场教学与技术研讨。", None, None, None, None],
        ["授课专家情况及职称", "合肥工业大学教授张卫东、中国科学技术大学教授孙金华。", None, None, None, None],
        ["培训对象", "面向全省新能源汽车及电池企业专业技术人员，计划培训55人。", None, None, None, None],
        ["承办单位名称", "合肥工业大学", "联系人", "方静", "手机", "13966702158"],
        ["办公电话", "0551-62901135", "传真", "", "地址", "合肥市屯溪路193号"],
        ["设区市人社部门审核意见", "同意推荐。", None, None, None, None],
    ]
    build_docx(name, [
        "安徽省2026年专业技术人才知识更新工程省级高级研修项目申报表",
        "申报时间：2026年4月15日",
        rows,
        "是否符合选题范围：",
        "☑服务重大战略：长三角一体化发展　□对接产业需求：　☑突出数字技术：电池数字孪生",
        "是否继续教育基地：",
        "☑是第5批国家级继续教育基地　□是省级继续教育基地　□否",
    ])
    write_expected(name, {"form_type": "fj_provincial_seminar", "fields": {
        "project_name": "新能源汽车动力电池安全与回收利用技术高级研修班",
        "start_date": "2026-07-13", "end_date": "2026-07-17", "location": "安徽省合肥市",
        "industry_field": "新能源汽车", "authority": "安徽省经济和信息化厅",
        "topic_scope": [{"category": "服务重大战略", "detail": "长三角一体化发展"},
                        {"category": "突出数字技术", "detail": "电池数字孪生"}],
        "purpose": "提升新能源汽车产业专业技术人员在动力电池安全设计和梯次利用方面的技术水平。",
        "content": "专题讲座、电池回收示范工厂现场教学与技术研讨。",
        "experts": "合肥工业大学教授张卫东、中国科学技术大学教授孙金华。",
        "trainees": "面向全省新能源汽车及电池企业专业技术人员，计划培训55人。",
        "participants": 55,
        "host": {"name": "合肥工业大学", "contact": "方静", "office_phone": "0551-62901135",
                 "mobile": "13966702158", "fax": None, "address": "合肥市屯溪路193号"},
        "ce_base": "国家级", "ce_base_batch": 5,
        "review_opinion": "同意推荐。", "submitted_on": "2026-04-15",
    }})


# --------------------------------------------------------------------------- 5. overseas, one roster with role column


def cas_overseas_roles() -> None:
    """Classes 2 and 1: leader and members in one table with a 角色 column under the heading
    出访人员情况; labels 研修天数（天）, 计划出访日期, 研修国家（地区）, 研修城市, 研修机构."""
    name = "cas_overseas_roles"
    main = [
        ["项目名称", "深海极端环境微生物资源研究赴德国研修项目", None, None, None, None],
        ["项目类别", "☐领军人才研修项目  ☐优秀青年人才培养项目  ☑关键技术专项培训项目  ☐重点领域专项计划",
         None, None, None, None],
        ["重点领域专项类别", "☐“卡脖子技术”相关领域  ☐战略高技术领域专项", None, None, None, None],
        ["出访人员情况", None, None, None, None, None],
        ["序号", "姓名", "角色", "出生年月", "职称", "工作单位"],
        ["1", "孟繁星", "带头人", "1978年11月", "研究员", "中国科学院深海科学与工程研究所"],
        ["2", "彭晓彤", "成员", "1984年6月", "副研究员", "中国科学院深海科学与工程研究所"],
        ["3", "杜一鸣", "成员", "1991年1月", "助理研究员", "中国科学院深海科学与工程研究所"],
        ["4", "葛欣然", "成员", "1987年9月", "高级工程师", "中国科学院微生物研究所"],
        ["研修天数（天）", "30", None, "计划出访日期", "2026年10月8日", None],
        ["研修国家（地区）", "德国", None, "研修城市", "不来梅、基尔", None],
        ["研修机构", "不来梅大学海洋环境科学中心（MARUM）、基尔亥姆霍兹海洋研究中心（GEOMAR）",
         None, None, None, None],
        ["研修内容", "学习深海原位培养与极端环境微生物分离鉴定技术，开展联合样品分析。", None, None, None, None],
        ["预期成果", "建立深海微生物原位培养技术规程，形成合作研究计划一份。", None, None, None, None],
        ["优先条件", "☑国家重大科技任务  ☐战略性先导科技专项  ☐参与四类机构分类改革", None, None, None, None],
    ]
    build_docx(name, ["中国科学院2026年度因公出国（境）培训项目计划申请表", main])
    unit1, unit2 = "中国科学院深海科学与工程研究所", "中国科学院微生物研究所"
    write_expected(name, {"form_type": "cas_overseas_training", "fields": {
        "category": "关键技术专项培训项目",
        "special_fields": [],
        "leader": {"name": "孟繁星", "birth_date": "1978-11-01", "title": "正高级", "unit": unit1},
        "members": [
            {"name": "彭晓彤", "birth_date": "1984-06-01", "title": "副高级", "unit": unit1},
            {"name": "杜一鸣", "birth_date": "1991-01-01", "title": "中级", "unit": unit1},
            {"name": "葛欣然", "birth_date": "1987-09-01", "title": "副高级", "unit": unit2},
        ],
        "duration_days": 30, "departure_date": "2026-10-08", "country": "德国",
        "cities": ["不来梅", "基尔"],
        "institutions": ["不来梅大学海洋环境科学中心（MARUM）", "基尔亥姆霍兹海洋研究中心（GEOMAR）"],
        "content": "学习深海原位培养与极端环境微生物分离鉴定技术，开展联合样品分析。",
        "expected_results": "建立深海微生物原位培养技术规程，形成合作研究计划一份。",
        "priority_conditions": ["国家重大科技任务"],
    }})


# --------------------------------------------------------------------------- 6. overseas, pair rows + boxes outside


def cas_overseas_pairs() -> None:
    """Classes 3, 4 and 5: each person on one label/value pair row where only the first label names the
    role (带头人姓名 | X | 出生年月 | 1975.03 | 职称 | … | 工作单位 | …); 项目类别 as a heading
    paragraph with a paragraph of boxes above the table; 申报单位/填报日期 line (no gold field)."""
    name = "cas_overseas_pairs"
    u1, u2 = "中国科学院上海光学精密机械研究所", "中国科学院长春光学精密机械与物理研究所"
    main = [
        ["项目名称", "超快激光精密加工技术赴日本研修项目", None, None, None, None, None, None],
        ["带头人姓名", "庞立新", "出生年月", "1975.03", "职称", "研究员", "工作单位", u1],
        ["成员姓名", "谢雨桐", "出生年月", "1986.12", "职称", "副研究员", "工作单位", u1],
        ["成员姓名", "罗文博", "出生年月", "1992.05", "职称", "工程师", "工作单位", u1],
        ["成员姓名", "柴永康", "出生年月", "1983.08", "职称", "正高级工程师", "工作单位", u2],
        ["培训时长（天）", "14", None, None, "拟出国（境）时间", "2026年11月16日", None, None],
        ["国家（地区）", "日本", None, None, "城市", "东京、大阪", None, None],
        ["境外培训机构", "东京大学、大阪大学激光工学研究所", None, None, None, None, None, None],
        ["培训内容", "学习飞秒激光微纳加工工艺与在线检测技术。", None, None, None, None, None, None],
        ["预期成果", "完成超快激光加工工艺研修报告，建立两项工艺参数数据库。", None, None, None, None, None, None],
        ["优先条件", "☐国家重大科技任务  ☑战略性先导科技专项  ☑参与四类机构分类改革", None, None, None, None,
         None, None],
    ]
    build_docx(name, [
        "中国科学院2026年度因公出国（境）培训项目计划申请表",
        "申报单位：中国科学院上海光学精密机械研究所　　　　填报日期：2026年5月6日",
        "项目类别：",
        "□领军人才研修项目　☑优秀青年人才培养项目　□关键技术专项培训项目　□重点领域专项计划",
        "重点领域专项类别：",
        "□“卡脖子技术”相关领域　□战略高技术领域专项",
        main,
    ])
    write_expected(name, {"form_type": "cas_overseas_training", "fields": {
        "category": "优秀青年人才培养项目",
        "special_fields": [],
        "leader": {"name": "庞立新", "birth_date": "1975-03-01", "title": "正高级", "unit": u1},
        "members": [
            {"name": "谢雨桐", "birth_date": "1986-12-01", "title": "副高级", "unit": u1},
            {"name": "罗文博", "birth_date": "1992-05-01", "title": "中级", "unit": u1},
            {"name": "柴永康", "birth_date": "1983-08-01", "title": "正高级", "unit": u2},
        ],
        "duration_days": 14, "departure_date": "2026-11-16", "country": "日本",
        "cities": ["东京", "大阪"], "institutions": ["东京大学", "大阪大学激光工学研究所"],
        "content": "学习飞秒激光微纳加工工艺与在线检测技术。",
        "expected_results": "完成超快激光加工工艺研修报告，建立两项工艺参数数据库。",
        "priority_conditions": ["战略性先导科技专项", "参与四类机构分类改革"],
    }})


BUILDERS = [gd_national_reworded, js_national_boxes_outside, zj_provincial_headline,
            ah_provincial_boxes_pairs, cas_overseas_roles, cas_overseas_pairs]


def main() -> None:
    wanted = set(sys.argv[1:])
    for build in BUILDERS:
        if not wanted or build.__name__ in wanted:
            build()
            print(build.__name__)


if __name__ == "__main__":
    main()
