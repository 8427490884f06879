"""``zhifa demo-powers``: a power list (权责清单) for the demo agencies and published discretion standards."""

from __future__ import annotations

from decimal import Decimal

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from zhifa.core.audit import ObjectRef, bulk_link, record
from zhifa.core.commands import ZhifaCommand
from zhifa.core.models.audit import AuditAction
from zhifa.org.choices import Sector, UnitKind
from zhifa.org.models import Unit

from ...models.discretion import DiscretionEvent, DiscretionLevel, DiscretionStandard, StandardStatus
from ...models.laws import Article
from ...models.powers import Power, PowerKind, PowerVersion

#: Per sector: code prefix, regulated objects and the violations / duties the powers are about.
SECTOR_TOPICS = {
    Sector.MARKET_REGULATION: ("SJ", ["食品经营者", "药品零售企业", "特种设备使用单位", "计量器具使用者", "网络交易经营者"],
                               ["未取得许可从事经营", "销售不合格产品", "虚假宣传", "未按规定明码标价", "拒绝监督检查"]),
    Sector.URBAN_MANAGEMENT: ("CG", ["沿街商户", "建设单位", "户外广告设置人", "渣土运输单位", "物业服务企业"],
                              ["占道经营", "违法搭建建筑物", "擅自设置户外广告", "未按规定分类投放生活垃圾", "运输途中撒漏"]),
    Sector.ECOLOGY_ENVIRONMENT: ("HJ", ["排污单位", "建设项目单位", "机动车维修企业", "餐饮服务单位", "危险废物产生单位"],
                                 ["超标排放污染物", "未批先建", "未按规定设置排污口", "噪声污染扰民", "非法处置危险废物"]),
    Sector.EMERGENCY_MANAGEMENT: ("YJ", ["生产经营单位", "危险化学品经营单位", "烟花爆竹经营单位", "工贸企业", "小型加工场所"],
                                  ["未开展安全生产教育培训", "未建立事故隐患排查制度", "违规储存危险物品", "未配备应急救援器材", "特种作业人员无证上岗"]),
    Sector.TRANSPORT: ("JT", ["道路运输经营者", "出租汽车驾驶员", "机动车驾驶培训机构", "货运站经营者", "网约车平台公司"],
                       ["未取得道路运输许可", "超限运输", "拒载议价", "未按规定维护车辆", "擅自改装营运车辆"]),
    Sector.GENERAL: ("ZH", ["经营者", "单位", "个人", "建设单位", "物业服务企业"],
                     ["违反管理规定", "拒绝配合检查", "擅自改变用途", "未履行法定义务", "提供虚假材料"]),
    Sector.PUBLIC_SECURITY: ("GA", ["旅馆业经营者", "娱乐场所", "保安服务公司", "印章刻制单位", "典当行"],
                             ["未按规定登记住宿人员", "超时营业", "无证从事保安服务", "未备案刻制印章", "收当禁当物品"]),
}
#: The article each violation rests on: (name of the law as it ends its title, article number). A violation
#: whose law is not in the library gets no basis rather than an unrelated one.
ACT_BASIS = {
    "未取得许可从事经营": ("食品安全法", 122),
    "销售不合格产品": ("产品质量法", 50),
    "虚假宣传": ("反不正当竞争法", 20),
    "未按规定明码标价": ("价格法", 42),
    "拒绝监督检查": ("食品安全法", 133),
    "占道经营": ("城市市容和环境卫生管理条例", 36),
    "违法搭建建筑物": ("城乡规划法", 64),
    "擅自设置户外广告": ("城市市容和环境卫生管理条例", 36),
    "未按规定分类投放生活垃圾": ("固体废物污染环境防治法", 111),
    "运输途中撒漏": ("城市市容和环境卫生管理条例", 34),
    "超标排放污染物": ("大气污染防治法", 99),
    "未批先建": ("环境保护法", 61),
    "未按规定设置排污口": ("水污染防治法", 84),
    "噪声污染扰民": ("噪声污染防治法", 82),
    "非法处置危险废物": ("固体废物污染环境防治法", 112),
    "未开展安全生产教育培训": ("安全生产法", 97),
    "未建立事故隐患排查制度": ("安全生产法", 101),
    "违规储存危险物品": ("安全生产法", 100),
    "未配备应急救援器材": ("安全生产法", 97),
    "特种作业人员无证上岗": ("安全生产法", 97),
    "超限运输": ("道路交通安全法", 92),
    "提供虚假材料": ("行政许可法", 78),
    "未按规定登记住宿人员": ("治安管理处罚法", 56),
    "收当禁当物品": ("治安管理处罚法", 59),
}
#: The article a violation breaks, where the library holds it beside the punishing one of ``ACT_BASIS``: a case's
#: documents cite both (违反的规定 and 处罚依据).
VIOLATED_BASIS = {
    "占道经营": ("城市市容和环境卫生管理条例", 14),
    "擅自设置户外广告": ("城市市容和环境卫生管理条例", 11),
    "运输途中撒漏": ("城市市容和环境卫生管理条例", 15),
}
KIND_PATTERNS = [
    (PowerKind.PENALTY, "对{obj}{act}的行政处罚"),
    (PowerKind.INSPECTION, "对{obj}{act}情况的行政检查"),
    (PowerKind.COERCION, "对{obj}{act}涉及物品的查封、扣押"),
    (PowerKind.LICENSE, "{obj}相关事项许可（{act}的防范）"),
]
STANDARD_SECTORS = {Sector.MARKET_REGULATION, Sector.URBAN_MANAGEMENT, Sector.ECOLOGY_ENVIRONMENT,
                    Sector.EMERGENCY_MANAGEMENT}
LEVEL_SETS = [
    [("轻微", ["warning"], None, None), ("一般", ["fine"], 1000, 10000)],
    [("轻微", ["warning"], None, None), ("一般", ["fine"], 2000, 20000), ("严重", ["fine", "confiscate_gains"], 20000, 100000)],
    [("轻微", ["warning"], None, None), ("一般", ["fine"], 500, 5000), ("较重", ["fine"], 5000, 20000),
     ("严重", ["fine", "confiscate_gains"], 20000, 50000)],
]
STANDARDS_PER_AGENCY = 3


class Command(ZhifaCommand):
    help = "为演示执法机关生成权责清单（默认1000项职权）及市场监管、城市管理、生态环境、应急管理常用职权的已发布自由裁量基准"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="生成多少项职权（默认1000）")
        parser.add_argument("--if-empty", action="store_true", help="已有职权时不做任何事")

    def run(self, *args, **options):
        if Power.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有职权，跳过演示数据。")
                return
            raise CommandError("已有职权；演示数据只能写入空库（加 --if-empty 可在有数据时跳过）")
        agencies = list(Unit.objects.filter(kind=UnitKind.AGENCY).order_by("pk"))
        if not agencies:
            raise CommandError("没有找到执法机关，请先运行 zhifa demo-data")
        with transaction.atomic():
            powers = self.make_powers(agencies, options["count"])
            standards = self.make_standards(powers)
        self.stdout.write(f"已生成职权 {len(powers)} 项，已发布自由裁量基准 {standards} 个。")

    def make_powers(self, agencies, count) -> list[Power]:
        """``count`` powers spread over the agencies, each named after its agency's sector and resting on the
        article of ``ACT_BASIS`` that punishes its violation (and the one of ``VIOLATED_BASIS`` it breaks)."""
        basis_of = self.basis_articles()
        powers, violations = [], []
        for n in range(count):
            agency = agencies[n % len(agencies)]
            prefix, objects, acts = SECTOR_TOPICS.get(agency.sector, SECTOR_TOPICS[Sector.GENERAL])
            serial = n // len(agencies)
            kind, pattern = KIND_PATTERNS[serial % len(KIND_PATTERNS)]
            obj, act = objects[(serial // 4) % len(objects)], acts[(serial // 20) % len(acts)]
            name = pattern.format(obj=obj, act=act)
            if serial >= 100:
                name = f"{name}（{serial // 100 + 1}）"
            powers.append(Power(code=f"{prefix}-{agency.pk:04d}-{serial + 1:04d}", name=name, kind=kind,
                                unit=agency, time_limit_days=90 if kind == PowerKind.PENALTY else 30))
            violations.append(act)
        powers = Power.objects.bulk_create(powers)
        bulk_link(Power, "subjects", [(p, p.unit_id) for p in powers])
        bulk_link(Power, "basis", [(p, article) for p, act in zip(powers, violations) for article in basis_of.get(act, [])])
        PowerVersion.objects.bulk_create([
            PowerVersion(power=p, version=1, reason="演示数据", data={"code": p.code, "name": p.name, "kind": p.kind})
            for p in powers
        ])
        record(AuditAction.CREATE, ObjectRef("basedata.power", "", "演示权责清单"),
               message=f"批量生成演示职权 {len(powers)} 项")
        return powers

    @staticmethod
    def basis_articles() -> dict[str, list[int]]:
        """``{violation: [article id, …]}``: the punishing article of ``ACT_BASIS`` and the violated one of
        ``VIOLATED_BASIS``, for the violations whose law is in the library."""
        found: dict[str, list[int]] = {}
        for table in (VIOLATED_BASIS, ACT_BASIS):
            for act, (law, number) in table.items():
                article = (Article.objects.filter(law__title__endswith=law, number=number, sub_number=0)
                           .order_by("-law__version_date").first())
                if article is not None:
                    found.setdefault(act, []).append(article.pk)
        return found

    def make_standards(self, powers) -> int:
        """A published standard with 2–4 levels for the first penalty powers of each agency in the main sectors."""
        now, chosen, per_unit = timezone.now(), [], {}
        units = {u.pk: u for u in Unit.objects.filter(pk__in={p.unit_id for p in powers})}
        for power in powers:
            unit = units[power.unit_id]
            if power.kind == PowerKind.PENALTY and unit.sector in STANDARD_SECTORS:
                if per_unit.get(unit.pk, 0) < STANDARDS_PER_AGENCY:
                    per_unit[unit.pk] = per_unit.get(unit.pk, 0) + 1
                    chosen.append(power)
        standards = DiscretionStandard.objects.bulk_create([
            DiscretionStandard(power=p, unit_id=p.unit_id, title=f"{p.name.removeprefix('对')}裁量基准",
                               status=StandardStatus.PUBLISHED, published_at=now)
            for p in chosen
        ])
        levels = []
        for i, standard in enumerate(standards):
            for order, (circumstance, kinds, low, high) in enumerate(LEVEL_SETS[i % len(LEVEL_SETS)], start=1):
                levels.append(DiscretionLevel(
                    standard=standard, order=order, circumstance=circumstance, penalty_kinds=kinds,
                    fine_min=None if low is None else Decimal(low), fine_max=None if high is None else Decimal(high),
                    condition=f"{circumstance}情节", description=f"按{circumstance}情形裁量"))
        DiscretionLevel.objects.bulk_create(levels)
        DiscretionEvent.objects.bulk_create([
            DiscretionEvent(standard=s, action="发布", to_status=StandardStatus.PUBLISHED, reason="演示数据")
            for s in standards
        ])
        record(AuditAction.CREATE, ObjectRef("basedata.discretionstandard", "", "演示自由裁量基准"),
               message=f"批量生成已发布自由裁量基准 {len(standards)} 个，裁量阶次 {len(levels)} 个")
        return len(standards)
