"""Blind batch 7: six filled 申报表 (DOCX) answering notice.txt (四川省 2027 高级研修项目通知).

Layout notation: a table is a list of rows, a row a list of cell texts; ``None`` merges a cell into
its left neighbour, ``"^"`` into the cell above; ``\\n`` separates paragraphs inside a cell.
A str part is a paragraph outside any table.

The gold (gold/NAME.json) and the screening expectation (expected/NAME.json) are hand-written
files beside this script; this script only writes the DOCX.

Run: /work/venv/bin/python make_forms.py [name ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
UP = "^"
SP = "\u3000"


def _grid_spans(rows):
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


def _fill(cell, text: str) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build(name: str, parts: list) -> Path:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    first_title = True
    for part in parts:
        if isinstance(part, str):
            p = document.add_paragraph(part)
            if first_title and part.endswith("申报表"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in p.runs:
                    run.bold = True
                    run.font.size = Pt(15)
                first_title = False
            continue
        n_cols = max(len(r) for r in part)
        table = document.add_table(rows=len(part), cols=n_cols)
        table.style = "Table Grid"
        for r, c, r1, c1, text in _grid_spans(part):
            cell = table.cell(r, c)
            if (r1, c1) != (r, c):
                cell = cell.merge(table.cell(r1, c1))
            if text:
                _fill(cell, text)
    path = HERE / f"{name}.docx"
    document.save(path)
    return path


NAT_TITLE = "2027年度专业技术人才知识更新工程高级研修项目申报表"
PROV_TITLE = "2027年度四川省省级高级研修项目申报表"


# --------------------------------------------------------------------------- 1. national, compliant
def sc_national_01() -> None:
    """Plain two-column 'label | value' table, every label worded its own way (研修项目名称, 拟举办时间,
    研修天数（天）, 计划培训人数（人）, 申报单位联系人及联系方式 holding name + both phones, 承办单位手机号码 ...);
    选题方向 boxes one per paragraph inside the cell; 继续教育基地 written as prose, no boxes."""
    rows = [
        ["研修项目名称", "工业软件与智能制造系统集成高级研修班"],
        ["拟举办时间", "2027年9月13日至9月19日"],
        ["研修天数（天）", "7"],
        ["拟举办地点", "四川省成都市"],
        ["所属行业领域", "电子信息"],
        ["行业主管部门", "工业和信息化部"],
        ["申报项目类别", f"☑财政资助项目{SP}{SP}☐自筹经费项目（经费来源：__________）"],
        ["是否符合选题方向",
         "☑科技创新引领：工业软件\n☑现代化产业体系建设：装备制造\n☐乡村振兴与生态保护：__________"],
        ["研修目标", "围绕工业软件自主可控和制造系统集成的现实需求，帮助学员掌握工业设计仿真软件、制造执行系统"
                 "和数字孪生工厂的最新技术进展，提升解决装备制造企业数字化转型实际问题的能力。"],
        ["研修内容与形式", "采取专题讲座、现场教学、案例研讨相结合的方式，以线下集中面授为主。\n"
                     "1. 专题讲座：国产工业软件发展现状与攻关路径。\n"
                     "2. 专题讲座：制造执行系统（MES）与企业资源计划系统集成实践。\n"
                     "3. 现场教学：赴东方电气集团数字化车间观摩学习。\n"
                     "4. 案例研讨：围绕数字孪生工厂建设中的难点问题分组研讨。"],
        ["拟邀授课专家", "拟邀请电子科技大学教授罗光春、华中科技大学教授高亮、东方电气集团正高级工程师谢小兵、"
                   "中国电子技术标准化研究院研究员韦莎等专家授课。"],
        ["招收对象", "面向全国招收从事工业软件研发、智能制造系统集成工作的专业技术人员，学员须具有中级及以上"
                 "专业技术职称，年龄在55周岁以下，优先安排民营企业一线技术骨干。除往返交通费外，不向学员收取任何费用。"],
        ["计划培训人数（人）", "80"],
        ["申报单位名称", "四川省经济和信息化厅"],
        ["申报单位联系人及联系方式", f"王建国{SP}办公电话：028-86612345{SP}手机：13808012345"],
        ["申报单位通讯地址", "成都市青羊区东城根上街95号"],
        ["承办单位名称", "电子科技大学"],
        ["承办单位联系人", "李静怡"],
        ["承办单位办公电话", "028-61831234"],
        ["承办单位手机号码", "13981712345"],
        ["承办单位传真", "028-61831235"],
        ["承办单位通讯地址", "成都市高新区（西区）西源大道2006号"],
        ["继续教育基地情况", "第3批国家级专业技术人员继续教育基地"],
        ["填报日期", "2027年3月8日"],
    ]
    build("sc_national_01", ["附件1", NAT_TITLE, rows])


# --------------------------------------------------------------------------- 2. provincial, compliant
def sc_provincial_02() -> None:
    """Header facts as 'label：value' paragraphs above the table (项目名称, 承办单位（盖章）, 举办时间 in
    dotted short form 2027.5.10—5.14, 举办地点, 参训人数 in Chinese numerals 六十人, 填表日期); the table holds
    the rest; review cell carries seal and date lines."""
    rows = [
        ["所属专业技术领域", "食品科学与工程", "行业主管部门", "四川省农业农村厅"],
        ["是否符合选题方向",
         f"☐科技创新引领：______{SP}☑现代化产业体系建设：食品轻纺{SP}☑乡村振兴与生态保护：现代农业", None, None],
        ["研修目的和作用", "聚焦川西高原牦牛肉、青稞、高原果蔬等特色农产品精深加工，帮助学员掌握非热加工、"
                     "低温保鲜和功能成分提取等关键技术，提升特色农产品附加值，服务民族地区乡村振兴。", None, None],
        ["研修内容和方式", "以线下集中研修为主，采取专题讲座、现场教学和案例研讨相结合的方式。\n"
                     "1. 专题讲座：高原特色农产品精深加工技术发展趋势。\n"
                     "2. 专题讲座：青稞功能食品开发与质量控制。\n"
                     "3. 现场教学：赴雅安市名山区茶叶及农产品加工园区现场观摩。\n"
                     "4. 案例研讨：特色农产品品牌建设与产业链延伸。", None, None],
        ["授课专家情况", "拟邀请四川农业大学教授车振明、西南民族大学教授张岩、四川省农业科学院研究员邓俊林、"
                   "四川高原之宝牦牛乳业股份有限公司正高级工程师杨勇等专家授课。", None, None],
        ["研修对象", "面向全省农产品加工企业、农业科研推广机构中具有中级及以上专业技术职称的专业技术人员，"
                 "优先安排县乡基层一线人员。除往返交通费外，不向学员收取任何费用。", None, None],
        ["承办单位联系人", "陈德明", "办公电话", "0835-2882345"],
        ["手机", "13890612345", "传真", ""],
        ["通讯地址", "四川省雅安市雨城区新康路46号", None, None],
        ["是否继续教育基地", f"☐是第____批国家级继续教育基地{SP}☑是省级继续教育基地{SP}☐否", None, None],
        ["市（州）人社部门或省直主管部门审核意见", "经审核，材料真实，符合申报条件，同意推荐。\n\n（盖章）\n2027年3月20日",
         None, None],
    ]
    build("sc_provincial_02", [
        "附件2",
        PROV_TITLE,
        "项目名称：川西高原特色农产品精深加工技术高级研修班",
        "承办单位（盖章）：四川农业大学",
        f"举办时间：2027.5.10—5.14{SP}{SP}{SP}举办地点：四川省雅安市",
        "参训人数：六十人",
        "填表日期：2027年3月18日",
        rows,
    ])


# --------------------------------------------------------------------------- 3. national, 4 days and 120 trainees
def sc_national_03() -> None:
    """Contacts of both units in one roster table with a 类别 (role) column (申报单位 / 承办单位) after the
    main table; the planned number sits under the reworded label 招生规模（人） in Chinese numerals (一百二十);
    dates 2027年6月7日至10日 (4 days counting both ends)."""
    main = [
        ["项目名称", "页岩气高效开发与地质工程一体化高级研修班", None, None],
        ["举办时间", "2027年6月7日至10日", "举办地点", "四川省成都市"],
        ["选题所属行业领域", "石油天然气", "行业主管部门", "国家能源局"],
        ["申报项目类别", f"☐财政资助项目{SP}{SP}☑自筹经费项目（自筹经费来源：承办单位与合作企业共同承担）", None, None],
        ["是否符合选题方向",
         f"☐科技创新引领：______{SP}☑现代化产业体系建设：能源化工{SP}☐乡村振兴与生态保护：______", None, None],
        ["研修目的和作用", "围绕川渝页岩气规模效益开发的技术瓶颈，帮助学员掌握地质工程一体化、长水平段钻完井和"
                     "体积压裂优化等关键技术，培养一批油气领域高层次专业技术骨干。", None, None],
        ["研修内容和方式", "以线下集中面授为主，采取专题讲座、现场教学、案例研讨相结合的方式。\n"
                     "1. 专题讲座：深层页岩气地质工程一体化技术。\n"
                     "2. 专题讲座：页岩气水平井体积压裂设计与评价。\n"
                     "3. 现场教学：赴长宁—威远国家级页岩气示范区平台观摩。\n"
                     "4. 案例研讨：页岩气井全生命周期管理。", None, None],
        ["授课专家情况", "拟邀请西南石油大学教授赵金洲、中国石油西南油气田公司正高级工程师雍锐、"
                   "中国石油大学（北京）教授侯冰等专家授课。", None, None],
        ["研修对象", "面向全国油气田企业、油服企业和科研院所从事页岩气勘探开发工作的专业技术人员，学员须具有"
                 "中级及以上专业技术职称。除往返交通费外，不向学员收取任何费用。", None, None],
        ["招生规模（人）", "一百二十", None, None],
        ["是否继续教育基地", f"☐是第____批国家级继续教育基地{SP}☐是省级继续教育基地{SP}☑否", None, None],
    ]
    roster = [
        ["类别", "单位名称", "联系人", "办公电话", "手机", "传真", "通讯地址"],
        ["申报单位", "四川省能源局", "罗晓峰", "028-86701234", "13551812345", "", "成都市青羊区东城根上街95号"],
        ["承办单位", "西南石油大学", "唐文涛", "028-83032345", "13908176543", "028-83032346",
         "成都市新都区新都大道8号"],
    ]
    build("sc_national_03", [
        "附件1",
        NAT_TITLE,
        main,
        "联系人信息",
        roster,
        "申报日期：2027年3月10日",
    ])


# --------------------------------------------------------------------------- 4. provincial, ends in December, 初级
def sc_provincial_04() -> None:
    """选题方向 and 继续教育基地 as heading paragraphs with [√]/[ ] boxes after the table, outside any table;
    dates under 拟开班时间 (2027年11月29日—12月3日, ends after 30 November); trainees open to 初级 titles."""
    rows = [
        ["项目名称", "钒钛新材料制备与应用技术高级研修班", None, None],
        ["拟开班时间", "2027年11月29日—12月3日", "拟办班地点", "四川省攀枝花市"],
        ["专业技术领域", "冶金材料", "行业主管部门", "四川省经济和信息化厅"],
        ["研修目的", "围绕攀西战略资源创新开发试验区建设，帮助学员掌握钒钛磁铁矿综合利用、钛合金及钒电池材料"
                 "制备等关键技术，推动钒钛产业高端化发展。", None, None],
        ["研修内容及方式", "线下集中研修，采取专题讲座、现场教学和专题研讨相结合的方式。\n"
                     "1. 专题讲座：钒钛资源综合利用技术进展。\n"
                     "2. 专题讲座：全钒液流电池关键材料制备。\n"
                     "3. 现场教学：赴攀钢集团钒钛资源股份有限公司生产线观摩。\n"
                     "4. 专题研讨：钛材深加工中的工艺难题。", None, None],
        ["授课专家", "拟邀请攀枝花学院教授杨绍利、北京科技大学教授郭培民、攀钢集团研究院正高级工程师彭毅等专家授课。",
         None, None],
        ["培训对象", "面向全省钒钛、钢铁及新材料企业从事研发、生产和检测工作，具有初级及以上专业技术职称的"
                 "专业技术人员。除往返交通费外，不向学员收取任何费用。", None, None],
        ["计划培训人数", "50人", None, None],
        ["承办单位", "攀枝花学院", "联系人", "杨春梅"],
        ["办公电话", "0812-3371234", "手机", "13778612345"],
        ["传真", "0812-3371235", "地址", "四川省攀枝花市东区机场路10号"],
        ["市（州）人社部门审核意见", "同意推荐。", None, None],
    ]
    build("sc_provincial_04", [
        "附件2",
        PROV_TITLE,
        rows,
        "是否符合选题方向（可多选）：",
        f"[ ]科技创新引领：______{SP}[√]现代化产业体系建设：先进材料{SP}[ ]乡村振兴与生态保护：______",
        "是否继续教育基地：",
        f"[ ]国家级继续教育基地（第___批）{SP}[√]省级继续教育基地{SP}[ ]否",
        "填报日期：2027年3月22日",
    ])


# --------------------------------------------------------------------------- 5. national, same host as 06
def sc_national_05() -> None:
    """Label/value pair rows: 研修时间 | 研修地点 | 研修天数 on one row, 行业领域 | 主管部门 | 培训人数 on one,
    each unit's contact block on two pair rows where only the first label names the unit
    (申报单位名称 | X | 联系人 | Y | 手机 | Z); dates written 2027.7.5—7.11."""
    rows = [
        ["项目名称", "低空经济无人驾驶航空器适航审定与运行管理高级研修班", None, None, None, None],
        ["研修时间", "2027.7.5—7.11", "研修地点", "四川省广汉市", "研修天数", "7天"],
        ["行业领域", "航空", "主管部门", "中国民用航空局", "培训人数", "70"],
        ["申报项目类别", f"☑财政资助项目{SP}{SP}☐自筹经费项目（自筹经费来源：__________）", None, None, None, None],
        ["是否符合选题方向",
         f"☑科技创新引领：航空航天{SP}☑现代化产业体系建设：低空经济{SP}☐乡村振兴与生态保护：______",
         None, None, None, None],
        ["研修目的和作用", "围绕低空经济发展对适航审定和运行安全的迫切需求，帮助学员掌握无人驾驶航空器适航标准、"
                     "运行风险评估和低空空域管理等前沿知识，培养低空经济领域高层次专业技术人才。",
         None, None, None, None],
        ["研修内容和方式", "以线下集中面授为主，采取专题讲座、模拟训练、现场教学相结合的方式。\n"
                     "1. 专题讲座：民用无人驾驶航空器适航审定政策与标准。\n"
                     "2. 专题讲座：特定类无人机运行风险评估（SORA）方法。\n"
                     "3. 现场教学：赴学院广汉分院飞行训练基地观摩。\n"
                     "4. 专题研讨：低空飞行服务保障体系建设。", None, None, None, None],
        ["授课专家情况", "拟邀请中国民用航空飞行学院教授王磊、民航局适航审定中心研究员刘冰、北京航空航天大学"
                   "教授全权等专家授课。", None, None, None, None],
        ["研修对象", "面向全国通用航空企业、无人机制造企业、民航管理和科研单位从事适航审定、飞行运行工作的专业技术"
                 "人员，学员须具有中级及以上专业技术职称。除往返交通费外，不向学员收取任何费用。",
         None, None, None, None],
        ["申报单位名称", "德阳市人力资源和社会保障局", "联系人", "孙丽", "手机", "13508101234"],
        ["办公电话", "0838-2512345", "传真", "0838-2512346", "地址", "四川省德阳市旌阳区长江西路一段1号"],
        ["承办单位名称", "中国民用航空飞行学院", "联系人", "郑凯", "手机", "13882712345"],
        ["办公电话", "0838-5182345", "传真", "", "地址", "四川省广汉市南昌路四段46号"],
        ["是否继续教育基地", f"☑是第4批国家级继续教育基地{SP}☐是省级继续教育基地{SP}☐否", None, None, None, None],
        ["申报时间", "2027年3月9日", None, None, None, None],
    ]
    build("sc_national_05", ["附件1", NAT_TITLE, rows])


# --------------------------------------------------------------------------- 6. provincial, outside the topic scope
def sc_provincial_06() -> None:
    """Three-column layout with vertically merged section headings (基本情况 / 研修设计 / 承办单位 / ...) in the
    first column; 举办日期 2027年8月16日至19日; 研修总学时 32.5 (decimal, no gold key); 参训学员规模（人）;
    no box of 是否符合选题方向 ticked; no fax row; 填表日期 below the table."""
    rows = [
        ["基本情况", "项目名称", "民航旅游服务与文旅融合发展高级研修班"],
        [UP, "举办日期", "2027年8月16日至19日"],
        [UP, "举办地点", "四川省成都市"],
        [UP, "研修天数", "4"],
        [UP, "研修总学时", "32.5"],
        [UP, "参训学员规模（人）", "48"],
        [UP, "专业技术领域", "文化旅游"],
        [UP, "行业主管部门", "四川省文化和旅游厅"],
        [UP, "是否符合选题方向",
         f"☐科技创新引领：______{SP}☐现代化产业体系建设：______{SP}☐乡村振兴与生态保护：______"],
        ["研修设计", "研修目的和作用", "围绕“航空+旅游”融合发展，帮助学员掌握航旅产品设计、旅游目的地营销和"
                                 "民航服务质量管理的新理念新方法，提升文旅服务从业人员的专业素养。"],
        [UP, "研修内容和方式", "线下集中面授，采取专题讲座、案例教学和现场考察相结合的方式。\n"
                          "1. 专题讲座：航旅融合产品设计与市场开发。\n"
                          "2. 专题讲座：旅游目的地品牌营销与新媒体传播。\n"
                          "3. 现场考察：赴成都天府国际机场及周边文旅项目考察。"],
        [UP, "授课专家情况", "拟邀请四川大学旅游学院教授李一平、中国民用航空飞行学院教授陈芳、"
                         "四川航空股份有限公司高级经济师吴涛等专家授课。"],
        [UP, "研修对象", "面向全省文旅企业、旅游景区和民航服务单位具有中级及以上专业技术职称的专业技术人员。"
                     "除往返交通费外，不向学员收取任何费用。"],
        ["承办单位", "单位名称", "中国民用航空飞行学院"],
        [UP, "联系人", "郑凯"],
        [UP, "办公电话", "0838-5182345"],
        [UP, "手机", "13882712345"],
        [UP, "通讯地址", "四川省广汉市南昌路四段46号"],
        ["继续教育基地", "类别", f"☑国家级（第4批）{SP}☐省级{SP}☐否"],
        ["审核意见", "主管部门意见", "同意推荐。"],
    ]
    build("sc_provincial_06", ["附件2", PROV_TITLE, rows, "填表日期：2027年3月16日"])


BUILDERS = [sc_national_01, sc_provincial_02, sc_national_03, sc_provincial_04, sc_national_05, sc_provincial_06]


def main() -> None:
    wanted = set(sys.argv[1:])
    for b in BUILDERS:
        if not wanted or b.__name__ in wanted:
            b()
            print(b.__name__)


if __name__ == "__main__":
    main()
