"""Checks of the codes an inspection object carries, each answering a Chinese reason or ``None``.

统一社会信用代码 follows GB 32100-2015 (ISO 7064 MOD 31-3) and 身份证号 GB 11643-1999 (MOD 11-2), with the check characters
computed by python-stdnum; 行业代码 follows GB/T 4754-2017 (a section letter, then 2, 3 or 4 digits
whose first two must lie in the section's range). The same functions serve the model validators
(forms, API, services) and the bulk importer, so a code is judged the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import ric, uscc

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100: digits and letters without I, O, S, V, Z."""

#: GB/T 4754-2017: the two-digit divisions (大类) of each section (门类).
INDUSTRY_SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52), "G": (53, 60),
    "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72), "M": (73, 75), "N": (76, 79),
    "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90), "S": (91, 97), "T": (98, 98),
}
#: GB/T 4754-2017: the name of each section (门类), as people pick it in filters.
INDUSTRY_SECTION_NAMES: dict[str, str] = {
    "A": "农、林、牧、渔业", "B": "采矿业", "C": "制造业", "D": "电力、热力、燃气及水生产和供应业", "E": "建筑业",
    "F": "批发和零售业", "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业", "I": "信息传输、软件和信息技术服务业",
    "J": "金融业", "K": "房地产业", "L": "租赁和商务服务业", "M": "科学研究和技术服务业", "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业", "P": "教育", "Q": "卫生和社会工作", "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织", "T": "国际组织",
}
INDUSTRY_PATTERN = re.compile(r"^([A-T])(\d{2}(?:\d{1,2})?)?$")

#: Mainland China with a margin: catches swapped or missing coordinates.
LONGITUDE_RANGE = (Decimal("73"), Decimal("136"))
LATITUDE_RANGE = (Decimal("3"), Decimal("54"))

MOBILE_PATTERN = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d{9}$")
LANDLINE_PATTERN = re.compile(r"^(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?$")
SERVICE_PATTERN = re.compile(r"^[48]00-?\d{3}-?\d{4}$")

MSG_CREDIT_CODE = "统一社会信用代码“{value}”无效：{reason}"
MSG_ID_NUMBER = "身份证号无效：{reason}"
MSG_INDUSTRY_CODE = "行业代码“{value}”无效：{reason}"
MSG_PHONE = "联系电话“{value}”格式不正确：手机号为11位数字，固定电话如 0755-12345678"
MSG_LONGITUDE = "经度应在 73 至 136 之间（中国境内），收到“{value}”"
MSG_LATITUDE = "纬度应在 3 至 54 之间（中国境内），收到“{value}”"
MSG_NOT_A_NUMBER = "{label}应为数字，收到“{value}”"


def compact(value) -> str:
    """A code without spaces or hyphens, upper-case (``9131 0110-666007217t`` → ``91310110666007217T``)."""
    return "".join(str(value or "").split()).replace("-", "").upper()


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` (compacted) is not a valid 统一社会信用代码, or ``None`` when it is."""
    if len(code) != 18:
        return f"应为18位，实际为{len(code)}位"
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_ALPHABET:
            return f"第{position}位“{char}”不是代码字符（字母I、O、S、V、Z不使用）"
    if not code[2:8].isdigit():
        return "第3至8位应为登记管理机关行政区划代码（数字）"
    expected = uscc.calc_check_digit(code)
    if code[17] != expected:
        return f"校验码错误，末位应为“{expected}”"
    return None


def id_number_problem(number: str, *, today: dt.date | None = None) -> str | None:
    """Why ``number`` (compacted) is not a valid 18-digit 公民身份号码, or ``None`` when it is."""
    if len(number) == 15 and number.isdigit():
        return "15位旧号码已停止使用，请填写18位号码"
    if len(number) != 18:
        return f"应为18位，实际为{len(number)}位"
    if not (number[:17].isascii() and number[:17].isdigit()) or not (number[17].isdigit() or number[17] == "X"):
        return "前17位应为数字，最后一位应为数字或X"
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"出生日期{number[6:14]}不存在"
    if birth > (today or timezone.localdate()):
        return f"出生日期{birth:%Y-%m-%d}晚于今天"
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        return f"校验码错误，末位应为“{expected}”"
    return None


def industry_code_problem(code: str) -> str | None:
    """Why ``code`` is not a GB/T 4754-2017 industry code, or ``None`` when it is."""
    match = INDUSTRY_PATTERN.match(code)
    if not match:
        return "应为门类字母A–T，后接2至4位数字，例如 C1311、H62"
    section, digits = match.group(1), match.group(2)
    if digits:
        low, high = INDUSTRY_SECTIONS[section]
        division = int(digits[:2])
        if not low <= division <= high:
            return f"门类{section}的大类代码应在{low:02d}至{high:02d}之间"
    return None


def phone_problem(phone: str) -> str | None:
    """Why ``phone`` is neither a mobile, a landline nor a 400/800 number, or ``None``."""
    text = phone.replace(" ", "")
    if MOBILE_PATTERN.match(text) or LANDLINE_PATTERN.match(text) or SERVICE_PATTERN.match(text):
        return None
    return MSG_PHONE.format(value=phone)


def parse_coordinate(text: str, label: str) -> Decimal:
    """``text`` as a coordinate with six decimals; ``ValueError`` with a Chinese message otherwise."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(MSG_NOT_A_NUMBER.format(label=label, value=text)) from None
    if not value.is_finite():
        raise ValueError(MSG_NOT_A_NUMBER.format(label=label, value=text))
    return value.quantize(Decimal("0.000001"))


def longitude_problem(value: Decimal) -> str | None:
    low, high = LONGITUDE_RANGE
    return None if low <= value <= high else MSG_LONGITUDE.format(value=value)


def latitude_problem(value: Decimal) -> str | None:
    low, high = LATITUDE_RANGE
    return None if low <= value <= high else MSG_LATITUDE.format(value=value)


# --- Django validators (model fields, hence forms, the API and services) -----------------------


def validate_credit_code(value) -> None:
    problem = credit_code_problem(compact(value)) if value else None
    if problem:
        raise ValidationError(MSG_CREDIT_CODE.format(value=value, reason=problem), code="invalid_credit_code")


def validate_id_number(value) -> None:
    problem = id_number_problem(compact(value)) if value else None
    if problem:
        raise ValidationError(MSG_ID_NUMBER.format(reason=problem), code="invalid_id_number")


def validate_industry_code(value) -> None:
    problem = industry_code_problem(compact(value)) if value else None
    if problem:
        raise ValidationError(MSG_INDUSTRY_CODE.format(value=value, reason=problem), code="invalid_industry_code")


def validate_phone(value) -> None:
    problem = phone_problem(str(value).strip()) if value else None
    if problem:
        raise ValidationError(problem, code="invalid_phone")


def validate_longitude(value) -> None:
    problem = longitude_problem(Decimal(value)) if value is not None else None
    if problem:
        raise ValidationError(problem, code="invalid_longitude")


def validate_latitude(value) -> None:
    problem = latitude_problem(Decimal(value)) if value is not None else None
    if problem:
        raise ValidationError(problem, code="invalid_latitude")
