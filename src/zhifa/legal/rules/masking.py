"""Masking (脱敏) of personal data in a decision text before publication.

The duty comes from 行政处罚法第48条、第50条, 个人信息保护法第28条、第34条 and 政府信息公开条例第15条; no
national list of fields exists, so the ``standard`` list follows 浙江省行政处罚结果信息网上公开暂行办法第7条.

Profiles:

- ``standard`` — the recommended default: remove ID numbers, phone numbers and e-mail, bank
  accounts, health information, vehicle plates, property certificate numbers, home addresses
  (keeping the county-level area) and names of natural persons other than the punished party
  (witnesses, victims, informants, employees); keep the punished party's name and a legal
  person's name and credit code.
- ``anonymize`` — as ``standard``, and the punished natural person's name becomes 张某.

Detection works on number formats and on field labels such as “当事人：”“住址：”; the answer
always carries a warning that a person must review the result before publication.
"""

from __future__ import annotations

import re

from stdnum.cn import ric, uscc

from .. import basis as B
from ..catalogue import Param, Result, rule
from ..engine import Context
from .common import USCC_ALPHABET

MASK = "***"
PROFILES = (("standard", "标准（保留被处罚自然人姓名）"), ("anonymize", "匿名（被处罚自然人姓名也隐去）"))
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "西门", "南宫", "独孤", "申屠", "闻人", "万俟", "呼延",
)
_END = r"[^，,。；;、\n\r（(）)]+"
_SEP = r"\s*[：:]\s*"
_NAME = re.compile(r"^[\u4e00-\u9fa5]{1,3}(?:·[\u4e00-\u9fa5]{1,6})?[\u4e00-\u9fa5]$")
_ORG_END = re.compile(r"(公司|厂|店|中心|合作社|事务所|协会|学会|学校|医院|集团|商行|超市|酒店|餐厅|委员会|局|部|站|所|社|院|馆|场|行|坊|室|队|会)$")


def _label(words: str) -> re.Pattern:
    return re.compile(rf"(?P<label>{words}){_SEP}(?P<value>{_END})")


PARTY_LABELS = _label("当事人|被处罚人|违法行为人|行政相对人|相对人")
OTHER_PERSON_LABELS = _label("证人|被害人|受害人|举报人|投诉人|见证人|被侵害人|在场人员?|员工|雇员|从业人员")
ADDRESS_LABELS = _label("家庭住址|现住址|住址|户籍地址|户籍所在地|户籍地|居住地址|现居住地|居住地")
REMOVE_LABELS = _label(
    "公民身份号码|身份证件号码|身份证号码|身份证号|证件号码|联系电话|电话号码|电话|手机号码|手机号|手机|联系方式|传真|"
    "电子邮箱|电子邮件|邮箱|银行账号|银行账户|开户账号|账号|账户|卡号|健康状况|病史|病情|诊断结果|诊断|"
    "不动产权证书号|不动产权证号|房产证号|产权证号|权属证书编号|车牌号码|车牌号|号牌号码"
)
PATTERNS = (
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    re.compile(r"(?<![0-9A-Za-z])0\d{2,3}-\d{7,8}(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)"),
    re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]·?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]"),
    re.compile(r"(?:不动产权第|不动产证明第|房权证)[^，,。；;\s]{1,40}?号"),
)
LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{15,19}[Xx]?(?![0-9A-Za-z])")
COUNTY = re.compile(r"^.{0,20}?(?:(?<!自治)区|县|旗)")
CITY = re.compile(r"^.{0,12}?市")


def _is_person(name: str) -> bool:
    return bool(_NAME.match(name)) and not _ORG_END.search(name)


def pseudonym(name: str) -> str:
    """张三 → 张某, 欧阳娜娜 → 欧阳某."""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
    return surname + "某"


def county_prefix(address: str) -> str:
    """The address up to the county-level area (区/县/旗, else 市), or nothing."""
    found = COUNTY.match(address) or CITY.match(address)
    return found.group(0) if found else ""


def _long_number(match: re.Match) -> str:
    """Mask ID-like and account-like numbers, but keep a valid all-digit credit code."""
    text = match.group(0)
    if len(text) == 18 and all(c in USCC_ALPHABET for c in text) and text[17] == uscc.calc_check_digit(text):
        if text[17] != ric.calc_check_digit(text):
            return text
    return MASK


def mask_text(text: str, profile: str) -> str:
    """``text`` with personal data replaced according to ``profile``."""
    names: set[str] = set()
    for match in OTHER_PERSON_LABELS.finditer(text):
        value = match.group("value").strip()
        if _is_person(value):
            names.add(value)
    if profile == "anonymize":
        for match in PARTY_LABELS.finditer(text):
            value = match.group("value").strip()
            if _is_person(value):
                names.add(value)
    text = ADDRESS_LABELS.sub(lambda m: m.group(0)[: m.start("value") - m.start()] + county_prefix(m.group("value")) + MASK, text)
    text = REMOVE_LABELS.sub(lambda m: m.group(0)[: m.start("value") - m.start()] + MASK, text)
    for pattern in PATTERNS:
        text = pattern.sub(MASK, text)
    text = LONG_NUMBER.sub(_long_number, text)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, pseudonym(name))
    return text


@rule(
    "mask",
    title="公开文书脱敏",
    category="执法公示",
    summary="按脱敏方案隐去身份证号码、电话、电子邮箱、银行账号、健康状况、车牌号码、不动产权证号、家庭住址（保留到县级）"
    "和被处罚人以外的自然人姓名；anonymize 方案还将被处罚自然人姓名改为“某”。结果须人工复核。",
    params=[
        Param("text", "text", "文书文本", max_length=100000),
        Param("profile", "choice", "脱敏方案", required=False, choices=PROFILES, help="为空时按配置（默认 standard）"),
        Param("published_on", "date", "公开日期", required=False, help="按该日施行的脱敏配置；为空时按当天"),
    ],
    results=[Result("text", "text", "脱敏后的文本")],
    basis=[B.CF_50, B.ZJ_GK_7, B.GRXX_28],
    examples=[{"text": "当事人：张三，身份证号码：11010519491231002X，住址：广东省深圳市盐田区沙头角街道海景路1号，"
               "联系电话：13800138000。证人：李四。", "profile": "standard"}],
)
def mask(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_50, B.GRXX_28)
    profile = p["profile"] or ctx.threshold("masking.profile", on=ctx.facts_date(p["published_on"], "公开日期"))
    ctx.warn("自动脱敏依据号码格式和“当事人：”“住址：”等标签识别，可能遗漏或误隐，公开前须人工复核。")
    return {"text": mask_text(p["text"], profile)}
