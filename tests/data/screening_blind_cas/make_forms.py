"""Builds the CAS-style blind screening scenario from the layouts of the shared sample forms.

Run from anywhere: ``python tests/data/screening_blind_cas/make_forms.py``. Two sub-scenarios,
one folder per notice: ``guide/`` (a 2027 guide with renamed programmes + an XLSX plan list) and
``overseas/`` (a 2027 overseas pre-notice + four application forms). Each folder's ``expected/``
holds what a careful screener finds, written by hand before the checker was run.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import openpyxl

from shenbao.config import shared_dir

HERE = Path(__file__).resolve().parent
PLAN_LAYOUT = shared_dir() / "samples" / "forms" / "cas_plan_01.xlsx"
OVERSEAS_LAYOUT = shared_dir() / "samples" / "forms" / "cas_overseas_01.docx"
TICK, BOX = "☑", "□"

# --------------------------------------------------------------------------- the XLSX plan list

PLAN_HEADER = ("序号", "单位名称", "培训项目名称", "项目类别", "培训天数", "总学时", "计划人数", "讲座场次",
               "是否申请院资助", "是否申请专项技术支持", "是否示范项目", "是否同时申报人社部高研", "已举办次数",
               "面向范围", "联系人", "联系电话")

DICP = ("中国科学院大连化学物理研究所", "孟晓东", "0411-84379012")
SIOM = ("中国科学院上海光学精密机械研究所", "顾佳怡", "021-69918123")
SIA = ("中国科学院沈阳自动化研究所", "韩立军", "024-23970456")
KIB = ("中国科学院昆明植物研究所", "杨春梅", "0871-65223789")

# unit, class name, category, days, hours, participants, sessions, funding, tech support, demo, mohrss, runs, scope
PLAN_ROWS = [
    (DICP, "催化反应动力学前沿技术研修班", "前沿技术研修班", 4, 32, 60, None, "是", "否", "否", "否", 1, "院内"),
    (DICP, "质谱仪器操作与维护实验技术培训班", "实验技术培训班", 2, 14, 40, None, "是", "否", "否", "否", 0, "院内"),
    (DICP, "能源化学前沿学术讲堂", "学术讲堂", 4, 8, 200, 4, "否", "是", "否", "否", 1, "全国"),
    (DICP, "科研数据管理所级培训班", "前沿技术研修班", 2, 12, 30, None, "否", "否", "否", "否", 0, "所内"),
    (SIOM, "超快激光技术前沿技术研修班", "前沿技术研修班", 3, 24, 50, None, "是", "否", "否", "否", 0, "院内"),
    (SIOM, "光学元件检测实验技术培训班", "实验技术培训班", 1, 8, 40, None, "是", "否", "否", "否", 0, "院内"),
    (SIOM, "强场物理国际学术讲堂", "学术讲堂", 6, 12, 300, 6, "否", "是", "否", "否", 2, "全国"),
    (SIOM, "精密光学测量学术讲堂", "学术讲堂", 4, 4, 150, 4, "否", "是", "否", "否", 0, "全国"),
    (SIA, "智能机器人前沿技术研修班", "前沿技术研修班", 6, 48, 80, None, "是", "否", "是", "否", 1, "院内"),
    (SIA, "工业控制系统安全实验技术培训班", "实验技术培训班", 5, 40, 70, None, "是", "否", "是", "否", 3, "院内"),
    (SIA, "水下机器人前沿技术研修班", "前沿技术研修班", 5, 40, 50, None, "是", "否", "是", "否", 2, "院内"),
    (KIB, "植物多样性保护前沿技术研修班", "前沿技术研修班", 6, 48, 80, None, "是", "否", "是", "是", 3, "院内"),
    (KIB, "植物化学成分分析实验技术培训班", "实验技术培训班", 6, 48, 80, None, "是", "否", "是", "是", 2, "院内"),
    (SIOM, "高功率激光装置前沿技术研修班", "前沿技术研修班", 6, 48, 80, None, "是", "否", "是", "是", 4, "全国"),
]


def build_plan(path: Path) -> None:
    """The sample plan list's workbook with its data rows replaced (header and cell styles kept)."""
    wb = openpyxl.load_workbook(PLAN_LAYOUT)
    ws = wb.active
    data_style = [copy.copy(c._style) for c in ws[2]]
    ws.delete_rows(2, ws.max_row)
    for col, title in enumerate(PLAN_HEADER, 1):
        ws.cell(1, col, title)
    for i, (unit, *rest) in enumerate(PLAN_ROWS, 1):
        name, category, days, hours, people, sessions, fund, tech, demo, mohrss, runs, scope = rest
        values = (i, unit[0], name, category, days, hours, people, sessions, fund, tech, demo, mohrss, runs,
                  scope, unit[1], unit[2])
        for col, value in enumerate(values, 1):
            cell = ws.cell(i + 1, col, value)
            cell._style = copy.copy(data_style[col - 1])
    wb.save(path)


# --------------------------------------------------------------------------- the overseas forms

CATEGORIES = ("战略科学家研修项目", "青年骨干人才培养项目", "工程技术人才专项培训项目", "前沿领域专项计划")
SPECIAL = ("量子科技专项", "人工智能与数据科学专项", "深海深空深地专项", "生物安全与生命健康专项", "碳达峰碳中和专项")
PRIORITY = ("国家重大科技任务", "战略性先导科技专项", "全国重点实验室重组")


def set_paragraph(paragraph, text: str) -> None:
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def set_cell(cell, text: str) -> None:
    """Replace a cell's text, one paragraph per line, keeping the first paragraph's formatting."""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    set_paragraph(first, lines[0])
    anchor = first._p
    for line in lines[1:]:
        new_p = copy.deepcopy(first._p)
        anchor.addnext(new_p)
        anchor = new_p
        set_paragraph(docx.text.paragraph.Paragraph(new_p, first._parent), line)


def ticks(options: tuple[str, ...], chosen: set[str], per_line: int) -> str:
    marks = [f"{TICK if o in chosen else BOX}{o}" for o in options]
    return "\n".join("\u3000\u3000".join(marks[i:i + per_line]) for i in range(0, len(marks), per_line))


def build_overseas(spec: dict) -> docx.Document:
    doc = docx.Document(str(OVERSEAS_LAYOUT))
    set_paragraph(doc.paragraphs[2], f"申报单位（盖章）：{spec['unit']}\u3000\u3000\u3000\u3000填表日期：{spec['filled']}")
    rows = doc.tables[0].rows
    set_cell(rows[0].cells[1], spec["name"])
    set_cell(rows[1].cells[1], ticks(CATEGORIES, {spec["category"]}, 2))
    set_cell(rows[2].cells[1], ticks(SPECIAL, set(spec.get("special", ())), 3))
    leader = spec["leader"]
    for col, value in enumerate(leader, 1):
        set_cell(rows[4].cells[col], value)
    for r in range(6, 11):
        member = spec["members"][r - 6] if r - 6 < len(spec["members"]) else ("",) * 5
        for col, value in enumerate(member, 1):
            set_cell(rows[r].cells[col], value)
    set_cell(rows[11].cells[1], str(spec["days"]))
    set_cell(rows[11].cells[4], spec["departure"])
    set_cell(rows[12].cells[1], spec["country"])
    set_cell(rows[12].cells[4], "、".join(spec["cities"]))
    set_cell(rows[13].cells[1], "\n".join(f"{i}. {inst}" for i, inst in enumerate(spec["institutions"], 1)))
    insts = "、".join(spec["institutions"])
    set_cell(rows[14].cells[1], f"团组拟赴{insts}，围绕{spec['topic']}开展为期{spec['days']}天的学习交流，"
                                f"重点学习{spec['method']}等前沿方法，并就本单位在{spec['problem']}中遇到的问题开展专题研讨。")
    set_cell(rows[15].cells[1], f"回国后在所内举办专题报告会，提交研修总结报告；掌握{spec['method']}等关键技术；"
                                f"与合作方建立长期合作关系，力争联合发表高水平论文2篇。")
    set_cell(rows[16].cells[1], ticks(PRIORITY, set(spec.get("priority", ())), 3))
    return doc


OVERSEAS = {
    # 青年骨干: member born 1986-10 is 40 in 2027, over the limit of 38
    "overseas_01": {
        "unit": "中国科学院物理研究所", "filled": "2027年1月8日", "name": "量子精密测量赴德国研修项目",
        "category": "青年骨干人才培养项目",
        "leader": ("王晨", "男", "1991.05", "副研究员", "中国科学院物理研究所"),
        "members": [("李卓", "女", "1994.03", "助理研究员", "中国科学院物理研究所"),
                    ("赵一鸣", "男", "1986.10", "副研究员", "中国科学院物理研究所")],
        "days": 28, "departure": "2027年7月10日", "country": "德国", "cities": ["慕尼黑"],
        "institutions": ["马克斯·普朗克量子光学研究所", "慕尼黑工业大学"],
        "topic": "冷原子量子精密测量", "method": "光晶格原子钟", "problem": "原子钟系统稳定度提升",
        "priority": ["国家重大科技任务"],
    },
    # 工程技术: leader is 高级工程师 (副高级), the notice requires 正高级
    "overseas_02": {
        "unit": "中国科学院高能物理研究所", "filled": "2027年1月9日", "name": "加速器低温系统赴瑞士研修项目",
        "category": "工程技术人才专项培训项目",
        "leader": ("孙建华", "男", "1977.06", "高级工程师", "中国科学院高能物理研究所"),
        "members": [("刘畅", "男", "1988.02", "工程师", "中国科学院高能物理研究所"),
                    ("陈磊", "男", "1983.09", "高级工程师", "中国科学院高能物理研究所")],
        "days": 45, "departure": "2027年9月5日", "country": "瑞士", "cities": ["日内瓦"],
        "institutions": ["欧洲核子研究中心", "日内瓦大学"],
        "topic": "超导加速器低温系统运行维护", "method": "超流氦低温制冷", "problem": "低温系统长期稳定运行",
    },
    # 战略科学家, 14 days: three foreign institutions where 14-day trips may use at most 2
    "overseas_03": {
        "unit": "中国科学院遗传与发育生物学研究所", "filled": "2027年1月6日", "name": "基因组编辑赴美国研修项目",
        "category": "战略科学家研修项目",
        "leader": ("郑国强", "男", "1970.04", "研究员", "中国科学院遗传与发育生物学研究所"),
        "members": [("吴昊", "男", "1980.11", "研究员", "中国科学院遗传与发育生物学研究所")],
        "days": 14, "departure": "2027年5月12日", "country": "美国", "cities": ["波士顿"],
        "institutions": ["哈佛大学", "麻省理工学院", "博德研究所"],
        "topic": "作物基因组编辑", "method": "碱基编辑与先导编辑", "problem": "作物性状精准改良",
        "priority": ["战略性先导科技专项"],
    },
    # 前沿领域专项 (量子科技), 45 days, 4 institutions (allowed for 28 days and more), 2 cities: compliant
    "overseas_04": {
        "unit": "中国科学院半导体研究所", "filled": "2027年1月10日", "name": "固态量子器件赴日本研修项目",
        "category": "前沿领域专项计划", "special": ["量子科技专项"],
        "leader": ("林海涛", "男", "1979.08", "研究员", "中国科学院半导体研究所"),
        "members": [("许静", "女", "1990.01", "副研究员", "中国科学院半导体研究所"),
                    ("马骁", "男", "1992.06", "助理研究员", "中国科学院半导体研究所")],
        "days": 45, "departure": "2027年10月8日", "country": "日本", "cities": ["东京", "筑波"],
        "institutions": ["东京大学", "东京工业大学", "日本物质材料研究机构", "高能加速器研究机构"],
        "topic": "半导体量子点量子比特", "method": "低温微波量子测控", "problem": "量子比特相干时间提升",
        "priority": ["国家重大科技任务", "全国重点实验室重组"],
    },
}


def main() -> None:
    build_plan(HERE / "guide" / "plan_2027.xlsx")
    for name, spec in OVERSEAS.items():
        build_overseas(spec).save(str(HERE / "overseas" / f"{name}.docx"))


if __name__ == "__main__":
    main()
