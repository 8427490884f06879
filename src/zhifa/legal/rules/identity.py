"""Identifier checks: 公民身份号码 (GB 11643) and 统一社会信用代码 (GB 32100), via python-stdnum."""

from __future__ import annotations

import datetime as dt

from stdnum import numdb
from stdnum.cn import ric, uscc

from .. import basis as B
from ..catalogue import Param, Result, rule
from ..engine import Context
from .common import USCC_ALPHABET

CATEGORY = "身份核验"
VALID = Result("valid", "bool", "是否有效")
REASON = Result("reason", "text", "说明")


def _compact(value: str) -> str:
    return "".join(value.split()).replace("-", "").upper()


def _birth_date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _region_known(code: str) -> bool:
    return bool(numdb.get("cn/loc").info(code)[-1][1])


@rule(
    "id_number",
    title="公民身份号码校验",
    category=CATEGORY,
    summary="18位号码核对长度、字符、出生日期（须真实存在且不晚于今天）和ISO 7064 MOD 11-2校验码；小写x按X处理；"
    "15位旧号码（无校验码）只核对出生日期；地址码不在代码表中时仅提示。",
    params=[Param("value", "text", "身份证号码", max_length=64)],
    results=[VALID, REASON],
    basis=[B.GB11643_CHECK],
    examples=[{"value": "11010519491231002X"}],
)
def id_number(ctx: Context, p: dict) -> dict:
    ctx.cite(B.GB11643_CHECK)
    raw = "".join(p["value"].split())
    number = raw.upper()
    if len(number) == 15:
        if not number.isascii() or not number.isdigit():
            return {"valid": False, "reason": "15位旧号码应全部为数字"}
        birth = _birth_date("19" + number[6:12])
        if birth is None:
            return {"valid": False, "reason": f"出生日期不存在：19{number[6:12]}"}
        ctx.warn("15位号码为GB 11643-1989旧号码，没有校验码，建议核对换发后的18位号码。")
        return {"valid": True, "reason": "15位旧号码，出生日期有效"}
    if len(number) != 18:
        return {"valid": False, "reason": f"长度应为18位（或15位旧号码），实际为{len(number)}位"}
    if not (number[:17].isascii() and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
        return {"valid": False, "reason": "前17位应为数字，最后一位应为数字或X"}
    birth = _birth_date(number[6:14])
    if birth is None:
        return {"valid": False, "reason": f"出生日期不存在：{number[6:14]}"}
    if birth > ctx.today:
        return {"valid": False, "reason": f"出生日期晚于今天：{birth.isoformat()}"}
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        return {"valid": False, "reason": f"校验码错误：应为{expected}"}
    if raw[17] == "x":
        ctx.warn("校验码写成了小写x，标准写法为大写X。")
    if not _region_known(number[:6]):
        ctx.warn(f"地址码{number[:6]}不在行政区划代码表中，请核对（不影响校验结果）。")
    return {"valid": True, "reason": "号码格式、出生日期和校验码均正确"}


def _org_code_ok(body: str) -> bool:
    """GB 11714 check of the 9-character organisation code inside a credit code."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    try:
        total = sum(int(c, 36) * w for c, w in zip(body[:8], weights))
    except ValueError:
        return False
    check = 11 - total % 11
    return body[8] == {10: "X", 11: "0"}.get(check, str(check))


@rule(
    "credit_code",
    title="统一社会信用代码校验",
    category=CATEGORY,
    summary="核对长度18位、字符集（不使用I、O、S、V、Z）、第3至8位行政区划码为数字，以及GB 32100校验码；"
    "第9至17位组织机构代码（GB 11714）校验不符时仅提示。",
    params=[Param("value", "text", "统一社会信用代码", max_length=64)],
    results=[VALID, REASON],
    basis=[B.GB32100_CHECK],
    examples=[{"value": "91310110666007217T"}],
)
def credit_code(ctx: Context, p: dict) -> dict:
    ctx.cite(B.GB32100_CHECK)
    code = _compact(p["value"])
    if len(code) != 18:
        return {"valid": False, "reason": f"长度应为18位，实际为{len(code)}位"}
    bad = sorted({c for c in code if c not in USCC_ALPHABET})
    if bad:
        return {"valid": False, "reason": f"含有代码字符集以外的字符：{'、'.join(bad)}"}
    if not code[2:8].isdigit():
        return {"valid": False, "reason": "第3至8位（登记管理机关行政区划码）应为数字"}
    expected = uscc.calc_check_digit(code)
    if code[17] != expected:
        return {"valid": False, "reason": f"校验码错误：应为{expected}"}
    if not _org_code_ok(code[8:17]):
        ctx.warn("第9至17位不符合组织机构代码（GB 11714）校验规则，请核对（不影响校验结果）。")
    return {"valid": True, "reason": "代码格式和校验码均正确"}
