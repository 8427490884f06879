"""Realistic market-registration rows for the demo city and the import benchmark.

Rows carry the column headers of ``importer.COLUMNS`` and valid codes: credit codes
(``91440300MA5…`` companies registered by the city bureau, ``92440308…`` 个体工商户 registered in
their district) with the GB 11714 and GB 32100 check characters, and 身份证号 with their MOD 11-2
check digit, both computed with python-stdnum. The same seed gives the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

from faker import Faker
from stdnum.cn import ric, uscc

from zhifa.org.choices import Sector

from ..services.object_validation import CREDIT_CODE_ALPHABET

CITY_CODE = "440300"
CITY_NAME = "深圳市"
CITY_AUTHORITY = "深圳市市场监督管理局"

#: Approximate centre (longitude, latitude) of each Shenzhen district; rows scatter around it.
DISTRICT_CENTRES = {
    "440303": (114.131, 22.548), "440304": (114.055, 22.522), "440305": (113.930, 22.533),
    "440306": (113.884, 22.555), "440307": (114.247, 22.720), "440308": (114.237, 22.557),
    "440309": (114.045, 22.696), "440310": (114.346, 22.708), "440311": (113.936, 22.749),
}
CITY_CENTRE = (114.057, 22.543)


@dataclass(frozen=True)
class Trade:
    """A line of business: its GB/T 4754 code, the words of company and shop names, its sector."""

    industry_code: str
    company_word: str
    shop_word: str
    sector: str


TRADES: tuple[Trade, ...] = (
    Trade("H6210", "餐饮管理", "餐厅", Sector.MARKET_REGULATION),
    Trade("H6220", "快餐", "快餐店", Sector.MARKET_REGULATION),
    Trade("H6231", "茶业", "茶馆", Sector.MARKET_REGULATION),
    Trade("H6232", "咖啡", "咖啡馆", Sector.MARKET_REGULATION),
    Trade("F5212", "超市", "超市", Sector.MARKET_REGULATION),
    Trade("F5213", "便利店", "便利店", Sector.MARKET_REGULATION),
    Trade("F5251", "医药", "大药房", Sector.MARKET_REGULATION),
    Trade("I6513", "软件科技", "电脑工作室", Sector.MARKET_REGULATION),
    Trade("C3921", "通信设备", "电子加工厂", Sector.MARKET_REGULATION),
    Trade("C3911", "电子科技", "电子商行", Sector.MARKET_REGULATION),
    Trade("O8010", "家政服务", "家政服务部", Sector.URBAN_MANAGEMENT),
    Trade("L7259", "广告", "广告部", Sector.URBAN_MANAGEMENT),
    Trade("N7820", "环境卫生", "保洁服务部", Sector.URBAN_MANAGEMENT),
    Trade("C2929", "塑胶制品", "塑胶加工厂", Sector.ECOLOGY_ENVIRONMENT),
    Trade("C3360", "五金表面处理", "电镀加工厂", Sector.ECOLOGY_ENVIRONMENT),
    Trade("F5265", "石油化工", "加油站", Sector.EMERGENCY_MANAGEMENT),
    Trade("G5941", "仓储物流", "仓储部", Sector.EMERGENCY_MANAGEMENT),
    Trade("G5431", "货运", "货运部", Sector.TRANSPORT),
    Trade("E4710", "建筑工程", "装修队", Sector.GENERAL),
)
STATUS_WEIGHTS = (("存续", 90), ("吊销", 4), ("注销", 4), ("迁出", 2))
URBAN_INDIVIDUAL_SHARE = 0.3
"""Share of urban-management rows that are natural persons (unlicensed vendors and the like)."""


@dataclass(frozen=True)
class Place:
    """Where generated objects lie: a district, one of its streets (code and name)."""

    district_code: str
    district_name: str
    street_code: str
    street_name: str


def organisation_code(serial: int) -> str:
    """A unique 9-character organisation code (GB 11714) for ``serial``: ``MA5`` + 5 characters + check."""
    digits = []
    for _ in range(5):
        serial, index = divmod(serial, len(CREDIT_CODE_ALPHABET))
        digits.append(CREDIT_CODE_ALPHABET[index])
    body = "MA5" + "".join(reversed(digits))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(char, 36) * weight for char, weight in zip(body, weights)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(prefix: str, region_code: str, serial: int) -> str:
    """A valid 统一社会信用代码: ``prefix`` (91 company, 92 个体工商户) + region + organisation code + check."""
    first17 = f"{prefix}{region_code}{organisation_code(serial)}"
    return first17 + uscc.calc_check_digit(first17)


BIRTH_DAYS = 365 * 45


def id_number(region_code: str, serial: int) -> str:
    """A valid 18-digit 身份证号 of an adult born in ``region_code``, unique for each ``serial``."""
    days, sequence = divmod(serial, 1000)
    birth = dt.date(1955, 1, 1) + dt.timedelta(days=(days * 7919) % BIRTH_DAYS)
    first17 = f"{region_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + ric.calc_check_digit(first17 + "?")  # stdnum expects a placeholder check digit


class RowFactory:
    """Makes one row at a time from a seeded ``Random`` and ``Faker``; serials keep codes unique."""

    def __init__(self, seed: int, *, first_serial: int = 0):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.serial = first_serial
        self.statuses = [word for word, weight in STATUS_WEIGHTS for _ in range(weight)]

    def _next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def _address(self, place: Place) -> str:
        return f"{CITY_NAME}{place.district_name}{place.street_name}{self.fake.street_name()}{self.rng.randint(1, 399)}号"

    def _coordinates(self, place: Place) -> tuple[str, str]:
        longitude, latitude = DISTRICT_CENTRES.get(place.district_code, CITY_CENTRE)
        return (f"{longitude + self.rng.uniform(-0.03, 0.03):.6f}", f"{latitude + self.rng.uniform(-0.02, 0.02):.6f}")

    def _phone(self) -> str:
        return self.fake.phone_number() if self.rng.random() < 0.7 else f"0755-{self.rng.randint(20000000, 89999999)}"

    def row(self, place: Place, trade: Trade) -> dict[str, str]:
        """A company (most), a 个体工商户, or now and then an individual (for urban management)."""
        rng = self.rng
        if trade.sector == Sector.URBAN_MANAGEMENT and rng.random() < URBAN_INDIVIDUAL_SHARE:
            return self.individual(place, trade)
        longitude, latitude = self._coordinates(place)
        person = self.fake.name()
        established = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 25))
        if rng.random() < 0.3:
            street = place.street_name.removesuffix("街道")
            name = f"{place.district_name}{street}{person[0]}记{trade.shop_word}"
            code = credit_code("92", place.district_code, self._next_serial())
            authority = f"{CITY_AUTHORITY}{place.district_name.removesuffix('区')}监管局"
        else:
            name = f"{CITY_NAME}{self.fake.company_prefix()}{trade.company_word}有限公司"
            code = credit_code("91", CITY_CODE, self._next_serial())
            authority = CITY_AUTHORITY
        address = self._address(place)
        return {
            "统一社会信用代码": code, "名称": name, "类别": "企业", "身份证号": "", "法定代表人": person,
            "登记机关": authority, "成立日期": established.isoformat(), "住所": address,
            "经营场所": address if rng.random() < 0.6 else self._address(place), "经度": longitude, "纬度": latitude,
            "行业代码": trade.industry_code, "登记状态": rng.choice(self.statuses), "联系人": person,
            "联系电话": self._phone(), "所属区划": place.street_code, "监管领域": str(Sector(trade.sector).label),
        }

    def individual(self, place: Place, trade: Trade) -> dict[str, str]:
        """A natural person (e.g. an unlicensed street vendor) with a valid 身份证号."""
        longitude, latitude = self._coordinates(place)
        person = self.fake.name()
        return {
            "统一社会信用代码": "", "名称": person, "类别": "个人",
            "身份证号": id_number(place.district_code, self._next_serial()), "法定代表人": "", "登记机关": "", "成立日期": "", "住所": self._address(place), "经营场所": self._address(place),
            "经度": longitude, "纬度": latitude, "行业代码": trade.industry_code, "登记状态": "存续", "联系人": "",
            "联系电话": self.fake.phone_number(), "所属区划": place.street_code,
            "监管领域": str(Sector(trade.sector).label),
        }


def rows(seed: int, count: int, places: list[Place], trades: tuple[Trade, ...] = TRADES,
         *, first_serial: int = 0) -> Iterator[dict[str, str]]:
    """``count`` rows spread over ``places`` and ``trades``."""
    factory = RowFactory(seed, first_serial=first_serial)
    for _ in range(count):
        yield factory.row(factory.rng.choice(places), factory.rng.choice(trades))


def csv_bytes(records) -> bytes:
    """Rows as a UTF-8 CSV file (with BOM, as Excel saves it)."""
    buffer = io.StringIO()
    writer = None
    for record in records:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(record))
            writer.writeheader()
        writer.writerow(record)
    return buffer.getvalue().encode("utf-8-sig")
