"""The agencies of the demo city: Shenzhen's city bureaus, their district branches, the district
agencies, the street enforcement teams and the justice bureaus that supervise them.

Names follow the real organisation of Shenzhen (e.g. 深圳市市场监督管理局盐田监管局); 文号代字 are
plausible, not official. Placeholders: ``{district}`` 盐田区, ``{d}`` 盐田, ``{a}`` the district's
one- or two-character abbreviation used in document numbers (深盐城管), ``{street}`` 沙头角街道.
The first department of every body is its legal department (法制科 / 政策法规处), where the legal
reviewers sit; officers and squad leaders are spread over the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhifa.org.choices import Sector

CITY_CODE = "440300"
CITY_NAME = "深圳市"

#: District codes in the order the demo uses them: 盐田 and 福田 first (the demo accounts live
#: there), then the others by code. ``--districts N`` keeps the first N.
DISTRICT_ORDER = ("440308", "440304", "440303", "440305", "440306", "440307", "440309", "440310", "440311")

#: Abbreviation of each district in document numbers (深盐城管罚〔2026〕第0012号).
DISTRICT_ABBREVIATIONS = {
    "440303": "罗",
    "440304": "福",
    "440305": "南",
    "440306": "宝",
    "440307": "龙",
    "440308": "盐",
    "440309": "龙华",
    "440310": "坪",
    "440311": "光明",
}


@dataclass(frozen=True)
class BodyTemplate:
    """An agency, enforcement subject or street team to create, with its departments."""

    key: str
    name: str
    short_name: str
    sector: str
    number_prefix: str
    departments: tuple[str, ...]


@dataclass(frozen=True)
class CityBureau:
    """A city-level agency and, optionally, the branch it keeps in every district (派出机构)."""

    body: BodyTemplate
    branch: BodyTemplate | None = None
    #: Per-street offices of the branch (e.g. 沙头角市场监管所), for the first streets of a district.
    street_offices: str = ""


CITY_BUREAUS: tuple[CityBureau, ...] = (
    CityBureau(
        BodyTemplate("market", "深圳市市场监督管理局", "市市场监管局", Sector.MARKET_REGULATION, "深市监",
                     ("政策法规处", "执法监督处", "食品安全监督管理处")),
        BodyTemplate("market", "深圳市市场监督管理局{d}监管局", "{d}市场监管局", Sector.MARKET_REGULATION, "深市监{a}",
                     ("法制科",)),
        street_offices="{street_short}市场监管所",
    ),
    CityBureau(
        BodyTemplate("ecology", "深圳市生态环境局", "市生态环境局", Sector.ECOLOGY_ENVIRONMENT, "深环",
                     ("政策法规处", "执法监督处")),
        BodyTemplate("ecology", "深圳市生态环境局{d}管理局", "{d}生态环境管理局", Sector.ECOLOGY_ENVIRONMENT, "深环{a}",
                     ("法制科", "执法监察科")),
    ),
    CityBureau(
        BodyTemplate("planning", "深圳市规划和自然资源局", "市规划和自然资源局", Sector.GENERAL, "深规划资源",
                     ("法规处", "执法监察处")),
        BodyTemplate("planning", "深圳市规划和自然资源局{d}管理局", "{d}规划资源管理局", Sector.GENERAL, "深规资{a}",
                     ("法制科", "土地监察科")),
    ),
    CityBureau(
        BodyTemplate("urban", "深圳市城市管理和综合执法局", "市城管和综合执法局", Sector.URBAN_MANAGEMENT, "深城管",
                     ("政策法规处", "执法监督处")),
    ),
    CityBureau(
        BodyTemplate("transport", "深圳市交通运输局", "市交通运输局", Sector.TRANSPORT, "深交",
                     ("政策法规处", "综合执法一处", "综合执法二处")),
    ),
    CityBureau(
        BodyTemplate("emergency", "深圳市应急管理局", "市应急管理局", Sector.EMERGENCY_MANAGEMENT, "深应急",
                     ("政策法规处", "执法监察处")),
    ),
    CityBureau(
        BodyTemplate("health", "深圳市卫生健康委员会", "市卫生健康委", Sector.GENERAL, "深卫健",
                     ("政策法规处", "综合监督处")),
    ),
    CityBureau(
        BodyTemplate("culture", "深圳市文化广电旅游体育局", "市文化广电旅游体育局", Sector.GENERAL, "深文旅",
                     ("政策法规处", "文化市场执法处")),
    ),
    CityBureau(
        BodyTemplate("housing", "深圳市住房和建设局", "市住房和建设局", Sector.GENERAL, "深建",
                     ("政策法规处", "建设工程质量安全监督处")),
    ),
    CityBureau(
        BodyTemplate("water", "深圳市水务局", "市水务局", Sector.GENERAL, "深水",
                     ("政策法规处", "水政监察处")),
    ),
)

#: Agencies every district government keeps.
DISTRICT_AGENCIES: tuple[BodyTemplate, ...] = (
    BodyTemplate("urban", "深圳市{district}城市管理和综合执法局", "{district}城管局", Sector.URBAN_MANAGEMENT, "深{a}城管",
                 ("法制科", "执法一中队", "执法二中队")),
    BodyTemplate("emergency", "深圳市{district}应急管理局", "{district}应急管理局", Sector.EMERGENCY_MANAGEMENT, "深{a}应急",
                 ("法规科", "安全生产执法大队")),
    BodyTemplate("health", "深圳市{district}卫生健康局", "{district}卫健局", Sector.GENERAL, "深{a}卫健",
                 ("法制科", "卫生监督科")),
)

#: Street enforcement teams (受委托组织 of the district 城管局); all streets of 盐田, the first
#: street of every other district.
STREET_TEAM = BodyTemplate("team", "深圳市{district}{street}综合行政执法队", "{street}执法队", Sector.URBAN_MANAGEMENT, "", ())
STREET_TEAMS_EVERYWHERE = ("440308",)
STREET_TEAMS_ELSEWHERE = 1
STREET_OFFICES_PER_DISTRICT = 2

#: Justice bureaus (监督机关).
CITY_JUSTICE = BodyTemplate("justice", "深圳市司法局", "市司法局", Sector.GENERAL, "", ("行政执法协调监督处", "法治督察处"))
DISTRICT_JUSTICE = BodyTemplate("justice", "深圳市{district}司法局", "{district}司法局", Sector.GENERAL, "", ("行政执法协调监督科",))
