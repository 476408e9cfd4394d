"""Builds the blind screening scenario's forms from the layouts of the shared sample forms.

Run from anywhere: ``python tests/data/screening_blind/make_forms.py``. The forms answer
``notice.txt`` in this folder (a 2026 provincial notice); ``expected/`` holds what a careful
screener finds in each, written by hand.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx

from shenbao.config import shared_dir

HERE = Path(__file__).resolve().parent
NATIONAL_LAYOUT = shared_dir() / "samples" / "forms" / "fj_national_01.docx"
PROVINCIAL_LAYOUT = shared_dir() / "samples" / "forms" / "fj_provincial_01.docx"

NATIONAL_TITLE = "2026年度专业技术人才知识更新工程高级研修项目申报表"
PROVINCIAL_TITLE = "2026年度专业技术人才知识更新工程省级高级研修项目申报表"
BLANK = "__________"
TICK, BOX = "☑", "☐"
CATEGORIES = ("服务重大战略", "对接产业需求", "突出数字技术")


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
        para = docx.text.paragraph.Paragraph(new_p, first._parent)
        set_paragraph(para, line)


def funding_text(fiscal: bool, self_funded: bool, source: str = "") -> str:
    return (f"{TICK if fiscal else BOX}财政资助项目\u3000\u3000{TICK if self_funded else BOX}"
            f"自筹经费项目（自筹经费来源：{source or BLANK}）")


def topic_text(ticks: dict[str, str]) -> str:
    parts = [f"{TICK if cat in ticks else BOX}{cat}：{ticks.get(cat) or BLANK}" for cat in CATEGORIES]
    return "\u3000".join(parts)


def base_text(kind: str) -> str:
    if kind == "national":
        return f"{BOX}是第{BLANK}批国家级继续教育基地\u3000{TICK}是省级继续教育基地\u3000{BOX}否"
    return f"{BOX}是第____批国家级继续教育基地\u3000{BOX}是省级继续教育基地\u3000{TICK}否"


def build_national(spec: dict) -> docx.Document:
    doc = docx.Document(str(NATIONAL_LAYOUT))
    set_paragraph(doc.paragraphs[0], NATIONAL_TITLE)
    rows = doc.tables[0].rows
    set_cell(rows[0].cells[1], spec["name"])
    set_cell(rows[1].cells[1], spec["dates"])
    set_cell(rows[1].cells[4], spec["location"])
    set_cell(rows[2].cells[1], spec["field"])
    set_cell(rows[2].cells[4], spec["authority"])
    set_cell(rows[3].cells[1], spec["funding"])
    set_cell(rows[4].cells[1], spec["topics"])
    set_cell(rows[5].cells[1], spec["purpose"])
    set_cell(rows[6].cells[1], spec["content"])
    set_cell(rows[7].cells[1], spec["experts"])
    set_cell(rows[8].cells[1], spec["trainees"])
    host = spec["host"]
    set_cell(rows[12].cells[2], host["name"])
    set_cell(rows[12].cells[4], host["contact"])
    set_cell(rows[13].cells[2], host["office_phone"])
    set_cell(rows[13].cells[4], host["mobile"])
    set_cell(rows[14].cells[2], host.get("fax", ""))
    set_cell(rows[14].cells[4], host["address"])
    set_cell(rows[15].cells[2], base_text("national"))
    return doc


def build_provincial(spec: dict) -> docx.Document:
    doc = docx.Document(str(PROVINCIAL_LAYOUT))
    host = spec["host"]
    set_paragraph(doc.paragraphs[0], PROVINCIAL_TITLE)
    set_paragraph(doc.paragraphs[1], f"申报单位：{host['name']}（盖章）")
    set_paragraph(doc.paragraphs[2], f"申报时间：{spec['submitted']}")
    rows = doc.tables[0].rows
    set_cell(rows[0].cells[1], spec["name"])
    set_cell(rows[1].cells[1], spec["dates"])
    set_cell(rows[1].cells[4], spec["location"])
    set_cell(rows[2].cells[1], spec["field"])
    set_cell(rows[2].cells[4], spec["authority"])
    set_cell(rows[3].cells[1], spec["topics"])
    set_cell(rows[4].cells[1], spec["purpose"])
    set_cell(rows[5].cells[1], spec["content"])
    set_cell(rows[6].cells[1], spec["experts"])
    set_cell(rows[7].cells[1], spec["trainees"])
    set_cell(rows[8].cells[2], host["name"])
    set_cell(rows[8].cells[4], host["contact"])
    set_cell(rows[9].cells[2], host["office_phone"])
    set_cell(rows[9].cells[4], host["mobile"])
    set_cell(rows[10].cells[2], host.get("fax", ""))
    set_cell(rows[10].cells[4], host["address"])
    set_cell(rows[11].cells[2], base_text("provincial"))
    set_cell(rows[12].cells[1], f"经审核，该项目符合申报条件，同意推荐。\n\n（盖章）\n{spec['review_date']}")
    return doc


# --------------------------------------------------------------------------- the scenario

NCU = {"name": "南昌大学", "contact": "黄志坚", "office_phone": "0791-83969012", "mobile": "13907912345",
       "address": "南昌市红谷滩区学府大道999号"}
JXAU = {"name": "江西农业大学", "contact": "万丽萍", "office_phone": "0791-83813400", "mobile": "13870612233",
        "address": "南昌市经济技术开发区志敏大道1101号"}
ECJTU = {"name": "华东交通大学", "contact": "熊军", "office_phone": "0791-87046012", "mobile": "15979112876",
         "fax": "0791-87046013", "address": "南昌市经济技术开发区双港东大街808号"}
JXNU = {"name": "江西师范大学", "contact": "罗晓燕", "office_phone": "0791-88120371", "mobile": "18679100452",
        "address": "南昌市紫阳大道99号"}
JUFE = {"name": "江西财经大学", "contact": "邹建平", "office_phone": "0791-83816820", "mobile": "13576012890",
        "address": "南昌市经济技术开发区双港东大街169号"}
JXUST = {"name": "江西理工大学", "contact": "钟伟", "office_phone": "0797-8312017", "mobile": "13979701568",
         "address": "赣州市章贡区红旗大道86号"}
JCI = {"name": "景德镇陶瓷大学", "contact": "程静", "office_phone": "0798-8499121", "mobile": "13767801234",
       "address": "景德镇市昌江区陶阳南路"}

CONTENT = ("研修以线下集中研修为主，采取主题报告、专题讲座、现场教学、专题研讨相结合的方式。\n"
           "1. 主题报告：{a}发展趋势与政策解读。\n2. 专题讲座：{b}关键技术与应用实践。\n"
           "3. 现场教学：赴{c}现场观摩学习。\n4. 专题研讨：围绕{a}中的难点问题开展分组研讨。")
EXPERTS = "拟邀请{u1}教授{p1}、{u2}研究员{p2}、{u3}正高级工程师{p3}等专家授课。"


def national(name, dates, location, field, authority, funding, topics, host, trainees, a, b, c) -> dict:
    return {"kind": "national", "name": name, "dates": dates, "location": location, "field": field,
            "authority": authority, "funding": funding, "topics": topics, "host": host,
            "purpose": f"围绕{a}的需要，帮助学员掌握{b}的最新进展，提升解决实际问题的能力，培养一批高层次专业技术骨干。",
            "content": CONTENT.format(a=a, b=b, c=c),
            "experts": EXPERTS.format(u1="浙江大学", p1="周立新", u2="中国科学院", p2="孙明", u3="中国电子科技集团", p3="许斌"),
            "trainees": trainees}


def provincial(name, dates, location, field, authority, topics, host, trainees, submitted, a, b, c) -> dict:
    spec = national(name, dates, location, field, authority, "", topics, host, trainees, a, b, c)
    spec.update(kind="provincial", submitted=submitted, review_date="2026年3月20日")
    spec["experts"] = EXPERTS.format(u1="南昌大学", p1="陈亮", u2="江西省科学院", p2="朱红", u3="江铃汽车集团", p3="刘洋")
    return spec


NAT_TRAINEES = "面向全国招收从事{w}工作的专业技术人员，学员应具有中级以上职称。\n拟招收学员{n}人。除往返交通费外，不向学员收取任何费用。"
PROV_TRAINEES = "面向全省招收从事{w}工作的专业技术人员，学员应具有中级以上职称。\n拟招收{n}名学员。除往返交通费外，不向学员收取任何费用。"

FORMS = {
    # compliant national: 5 days, 60 trainees
    "blind_national_01": national(
        "人工智能赋能智能制造高级研修班", "2026年6月8日至12日", "江西省南昌市", "电子信息", "工业和信息化部",
        funding_text(True, False), topic_text({"突出数字技术": "人工智能"}), NCU,
        NAT_TRAINEES.format(w="智能制造", n=60), "智能制造", "工业大模型", "南昌高新区智能工厂"),
    # compliant provincial: 4 days, 45 trainees
    "blind_provincial_01": provincial(
        "绿色有机水稻生产技术高级研修班", "2026.07.14-2026.07.17", "江西省南昌市", "农业技术", "江西省农业农村厅",
        topic_text({"对接产业需求": "现代农业"}), JXAU, PROV_TRAINEES.format(w="水稻生产", n=45), "2026年3月12日",
        "绿色水稻生产", "水稻病虫害绿色防控", "进贤县水稻示范基地"),
    # national, 4 days: below the guideline of 5 days -> review
    "blind_national_02": national(
        "轨道交通智能运维技术高级研修班", "2026年9月1日—9月4日", "江西省南昌市", "交通运输", "交通运输部",
        funding_text(True, False), topic_text({"对接产业需求": "轨道交通装备"}), ECJTU,
        NAT_TRAINEES.format(w="轨道交通运维", n=60), "轨道交通智能运维", "故障预测与健康管理", "南昌地铁车辆段"),
    # provincial, 35 trainees: below the required 40
    "blind_provincial_02": provincial(
        "中小学人工智能教育教学能力提升高级研修班", "2026年8月3日至6日", "江西省南昌市", "教育", "江西省教育厅",
        topic_text({"突出数字技术": "人工智能"}), JXNU, PROV_TRAINEES.format(w="中小学信息科技教学", n=35),
        "2026年3月16日", "人工智能教育", "编程教学", "南昌市青山湖区智慧教育示范校"),
    # provincial, ends 2026-11-05: after the 2026-10-31 completion deadline
    "blind_provincial_03": provincial(
        "数字金融风险防控高级研修班", "2026年11月2日至11月5日", "江西省南昌市", "经济", "江西省地方金融管理局",
        topic_text({"突出数字技术": "大数据"}), JUFE, PROV_TRAINEES.format(w="金融风险管理", n=45),
        "2026年3月18日", "数字金融风险防控", "金融大数据风控", "江西银行数据中心"),
    # three forms from one host unit: the notice allows 2 per unit (national and provincial together)
    "blind_provincial_04": provincial(
        "稀土功能材料制备技术高级研修班", "2026年6月22日至25日", "江西省赣州市", "冶金", "江西省工业和信息化厅",
        topic_text({"对接产业需求": "新材料"}), JXUST, PROV_TRAINEES.format(w="稀土材料研发", n=50),
        "2026年3月10日", "稀土功能材料", "稀土永磁材料制备", "赣州稀土产业园"),
    "blind_provincial_05": provincial(
        "钨资源绿色开采与综合利用高级研修班", "2026年7月6日至9日", "江西省赣州市", "矿业", "江西省自然资源厅",
        topic_text({"服务重大战略": "长江经济带绿色发展"}), JXUST, PROV_TRAINEES.format(w="矿山开采", n=42),
        "2026年3月10日", "钨资源绿色开采", "尾矿综合利用", "大余县钨矿"),
    "blind_national_03": national(
        "有色金属冶炼过程数字化转型高级研修班", "2026年5月18日至23日", "江西省赣州市", "冶金", "工业和信息化部",
        funding_text(True, False), topic_text({"突出数字技术": "工业互联网"}), JXUST,
        NAT_TRAINEES.format(w="有色冶炼", n=55), "冶炼数字化转型", "冶炼过程智能控制", "赣州有色冶金研究所"),
    # national, both project categories ticked (single choice)
    "blind_national_04": national(
        "陶瓷先进制造与文化创意高级研修班", "2026年9月14日至18日", "江西省景德镇市", "轻工", "工业和信息化部",
        funding_text(True, True, "学校自有资金"), topic_text({"对接产业需求": "新材料"}), JCI,
        NAT_TRAINEES.format(w="陶瓷研发设计", n=60), "陶瓷先进制造", "先进陶瓷成型", "景德镇陶溪川"),
    # the same project as blind_national_02 submitted again (same unit, name and dates), this time
    # self-funded with no source given and no 选题范围 box ticked
    "blind_national_05": national(
        "轨道交通智能运维技术高级研修班", "2026年9月1日—9月4日", "江西省南昌市", "交通运输", "交通运输部",
        funding_text(False, True), topic_text({}), ECJTU,
        NAT_TRAINEES.format(w="轨道交通运维", n=60), "轨道交通智能运维", "故障预测与健康管理", "南昌地铁车辆段"),
}


def main() -> None:
    for stem, spec in FORMS.items():
        doc = build_national(spec) if spec["kind"] == "national" else build_provincial(spec)
        doc.save(str(HERE / f"{stem}.docx"))
        print(stem)


if __name__ == "__main__":
    main()
