"""The violations of the demo cases: per sector a cause (案由), believable facts and the usual fines.

The cause is taken from the demo power list when the case's unit (or the bureau above it) lists a
power for the same violation (``power_act`` is how the power list names it); otherwise the
catalogue's own ``cause`` is used. Fines are in yuan; ``simple_fine`` is the range of an on-the-spot
fine (简易程序), ``None`` where the violation is never decided on the spot.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhifa.basedata.models.objects import ObjectKind
from zhifa.org.choices import Sector

from ..choices import CaseSource

PERSON, COMPANY = ObjectKind.INDIVIDUAL, ObjectKind.ENTERPRISE


@dataclass(frozen=True)
class Violation:
    """One kind of violation a demo case can be about."""

    sector: str
    cause: str
    power_act: str
    facts: str  # placeholders: {day} 发现日期, {party} 当事人, {address} 地点, {detail} one of ``details``
    details: tuple[str, ...]
    fine_range: tuple[int, int]
    simple_fine: tuple[int, int] | None
    party_kinds: tuple[str, ...]
    sources: tuple[str, ...]


MARKET, URBAN, ECOLOGY = Sector.MARKET_REGULATION, Sector.URBAN_MANAGEMENT, Sector.ECOLOGY_ENVIRONMENT
S = CaseSource

VIOLATIONS: tuple[Violation, ...] = (
    Violation(
        MARKET, "未取得食品经营许可从事食品经营", "未取得许可从事经营",
        "{day}，执法人员对{address}进行检查，发现{party}未取得《食品经营许可证》，擅自从事{detail}，"
        "现场查见在售食品及销售记录。",
        ("预包装食品和散装熟食销售", "餐饮服务，日均接待顾客约六十人", "网络订餐外卖制作"),
        (5000, 100000), None, (COMPANY,), (S.INSPECTION, S.COMPLAINT),
    ),
    Violation(
        MARKET, "无照经营", "",
        "{day}，根据群众举报，执法人员在{address}查实{party}未依法取得营业执照，以{detail}，"
        "经营时间约三个月，违法经营额约一万二千元。",
        ("五金建材零售的名义对外经营", "手机维修和配件销售的名义对外经营", "服装批发的名义对外经营"),
        (2000, 10000), (200, 200), (PERSON, COMPANY), (S.COMPLAINT, S.INSPECTION),
    ),
    Violation(
        MARKET, "发布虚假广告", "虚假宣传",
        "{day}，执法人员发现{party}在其经营场所（{address}）及微信公众号发布广告，宣称{detail}，"
        "当事人无法提供相关证明材料，广告费用约八千元。",
        ("所售保健食品“可治愈高血压、糖尿病”", "培训课程“百分之百通过考试、不过全额退款”",
         "房源“地铁口五分钟、稳赚不赔”"),
        (20000, 200000), None, (COMPANY,), (S.CLUE, S.SELF_DISCOVERED),
    ),
    Violation(
        MARKET, "销售超过保质期的食品", "",
        "{day}，执法人员对{party}（{address}）开展食品安全检查，在货架上查见{detail}，"
        "均已超过标签标示的保质期，货值金额约四百元。",
        ("超过保质期的酸奶十二盒、面包八袋", "超过保质期的饼干二十包", "超过保质期的速冻水饺十五袋"),
        (5000, 50000), None, (COMPANY,), (S.INSPECTION, S.COMPLAINT),
    ),
    Violation(
        MARKET, "销售不合格产品", "销售不合格产品",
        "{day}，经抽样检验，{party}（{address}）销售的{detail}不合格，当事人已销售同批次产品约三百件。",
        ("电热水壶（耐压试验项目）", "儿童服装（纤维含量项目）", "插线板（结构项目）"),
        (10000, 150000), None, (COMPANY,), (S.INSPECTION, S.TRANSFER),
    ),
    Violation(
        MARKET, "未按规定明码标价", "未按规定明码标价",
        "{day}，执法人员检查发现{party}（{address}）{detail}，未按规定明码标价。",
        ("所售水果、蔬菜未标示价格", "理发服务项目价目表未公示", "部分商品标价签与实际收费不符"),
        (1000, 10000), (200, 2000), (COMPANY, PERSON), (S.INSPECTION,),
    ),
    Violation(
        URBAN, "占道经营", "占道经营",
        "{day}，执法人员巡查时发现{party}在{address}门前人行道上{detail}，占用公共通道约六平方米，"
        "经劝导后仍未改正。",
        ("摆放桌椅经营夜宵", "堆放水果摊位经营", "摆卖日用百货"),
        (500, 20000), (50, 200), (PERSON, COMPANY), (S.SELF_DISCOVERED, S.COMPLAINT, S.INSPECTION),
    ),
    Violation(
        URBAN, "违法建设", "违法搭建建筑物",
        "{day}，执法人员巡查发现{party}在{address}{detail}，未取得建设工程规划许可证。",
        ("楼顶搭建钢结构房屋约八十平方米", "院内搭建砖混结构仓库约一百二十平方米", "天台加建彩钢板房约四十平方米"),
        (10000, 200000), None, (COMPANY, PERSON), (S.SELF_DISCOVERED, S.COMPLAINT, S.SUPERVISION_ORDER),
    ),
    Violation(
        URBAN, "运输渣土沿途撒漏", "运输途中撒漏",
        "{day}，执法人员在{address}附近路段查见{party}的渣土运输车辆{detail}，污染路面约五十米。",
        ("未密闭运输，沿途撒漏泥土", "车厢后挡板未关闭，沿途撒漏建筑垃圾", "车轮带泥上路，沿途污染路面"),
        (5000, 50000), None, (COMPANY,), (S.SELF_DISCOVERED, S.COMPLAINT),
    ),
    Violation(
        URBAN, "擅自设置户外广告", "擅自设置户外广告",
        "{day}，执法人员巡查发现{party}在{address}外墙{detail}，未经批准。",
        ("设置大型喷绘广告牌约十五平方米", "悬挂横幅广告三条", "设置立柱式灯箱广告两个"),
        (1000, 20000), (200, 2000), (COMPANY,), (S.SELF_DISCOVERED, S.INSPECTION),
    ),
    Violation(
        URBAN, "未按规定分类投放生活垃圾", "未按规定分类投放生活垃圾",
        "{day}，执法人员检查发现{party}（{address}）{detail}，经教育后仍未改正。",
        ("将厨余垃圾混入其他垃圾投放", "将废弃包装物随意堆放于垃圾收集点外", "未设置分类收集容器"),
        (1000, 10000), (50, 200), (COMPANY, PERSON), (S.INSPECTION, S.COMPLAINT),
    ),
    Violation(
        ECOLOGY, "超标排放大气污染物", "超标排放污染物",
        "{day}，执法人员对{party}（{address}）开展现场检查并委托监测，{detail}，超过排放标准。",
        ("喷涂车间排气筒挥发性有机物排放浓度超标一点八倍", "锅炉烟气颗粒物排放浓度超标一点三倍",
         "注塑车间非甲烷总烃排放浓度超标二点一倍"),
        (100000, 1000000), None, (COMPANY,), (S.INSPECTION, S.COMPLAINT),
    ),
    Violation(
        ECOLOGY, "未批先建", "未批先建",
        "{day}，执法人员检查发现{party}（{address}）{detail}，其环境影响评价文件未经审批。",
        ("电镀生产线已建成并投入试生产", "新增喷涂工序已开工建设", "扩建的注塑车间已投入生产"),
        (50000, 500000), None, (COMPANY,), (S.INSPECTION, S.CLUE),
    ),
    Violation(
        ECOLOGY, "未按规定设置排污口", "未按规定设置排污口",
        "{day}，执法人员检查发现{party}（{address}）{detail}。",
        ("私设暗管将清洗废水排入市政雨水管网", "在厂区围墙外设置未经登记的排污口", "生产废水经雨水口直接外排"),
        (20000, 200000), None, (COMPANY,), (S.INSPECTION, S.COMPLAINT),
    ),
    Violation(
        ECOLOGY, "噪声污染扰民", "噪声污染扰民",
        "{day}，根据周边居民投诉，执法人员在{address}监测，{party}{detail}，超过噪声排放标准。",
        ("夜间生产设备噪声达六十二分贝", "冷却塔夜间运行噪声达五十八分贝", "夜间装卸作业噪声达六十五分贝"),
        (5000, 100000), None, (COMPANY,), (S.COMPLAINT,),
    ),
    Violation(
        ECOLOGY, "非法处置危险废物", "非法处置危险废物",
        "{day}，执法人员检查发现{party}（{address}）{detail}，未交由有资质单位处置。",
        ("将废机油约两吨混入一般工业固体废物", "将废活性炭露天堆放于厂区空地", "将废切削液倾倒于厂区排水沟"),
        (100000, 1000000), None, (COMPANY,), (S.INSPECTION, S.TRANSFER),
    ),
)

SECTORS = (MARKET, URBAN, ECOLOGY)


def violations_of(sector: str) -> list[Violation]:
    """The violations a unit of ``sector`` handles (empty for the sectors the demo cases leave out)."""
    return [v for v in VIOLATIONS if v.sector == sector]


#: 来源说明 by source, before the demo marker.
SOURCE_NOTES = {
    S.CLUE: "案源线索转办",
    S.INSPECTION: "日常监督检查发现",
    S.COMPLAINT: "群众投诉举报",
    S.TRANSFER: "相关部门移送",
    S.SUPERVISION_ORDER: "上级交办",
    S.SELF_DISCOVERED: "执法巡查发现",
}

#: The opinion written on each step when it is approved.
OPINIONS = {
    "filing": "经初步核实，有违法事实，属本机关管辖，符合立案条件，同意立案。",
    "investigation": "已制作现场检查笔录、询问笔录，调取相关证据材料，调查取证完毕。",
    "investigation_report": "违法事实清楚，证据确凿，建议依法给予行政处罚。",
    "case_review": "事实清楚，证据充分，程序合法，处罚建议适当，同意。",
    "legal_review": "主体适格，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意。",
    "collective_discussion": "经负责人集体讨论，同意承办机构的处理意见。",
    "notification": "已向当事人送达行政处罚告知书，告知其陈述、申辩及听证权利。",
    "hearing": "听证会已依法举行，当事人陈述申辩意见已记录在案，听证报告已提交。",
    "decision": "同意作出行政处罚决定。",
    "service": "行政处罚决定书已直接送达当事人，当事人签收。",
    "execution": "当事人已按期缴纳罚款，执行完毕。",
    "closing": "案件处罚决定已执行完毕，同意结案。",
    "archiving": "案卷材料齐全，已装订归档。",
}
