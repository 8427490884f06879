"""Chinese numerals as written in statutes: 第一百零一条, 第十条, 二〇二一年七月十五日."""

from __future__ import annotations

import datetime as dt
import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "万"
CN_DIGITS = "零一二三四五六七八九"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

DATE_RE = re.compile(
    r"([0-9０-９]{4}|[零〇○一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def cn_to_int(text: str) -> int:
    """The value of a Chinese numeral (``一百零一`` → 101, ``十五`` → 15, ``二〇二一`` → 2021).

    Raises ``ValueError`` for text that is not a numeral.
    """
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        raise ValueError(f"不是中文数字：{text}")
    if not any(ch in UNITS or ch == "万" for ch in text):
        # Positional digits, as in years: 二〇二一.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    digit = 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (digit or 1) * UNITS[ch]
            digit = 0
        else:  # 万
            total += (section + digit) * 10000
            section = 0
            digit = 0
    return total + section + digit


def int_to_cn(value: int) -> str:
    """The statute spelling of a positive integer below 10 000 (101 → 一百零一, 110 → 一百一十, 15 → 十五)."""
    if not 0 < value < 10000:
        raise ValueError(f"超出范围：{value}")
    parts = []
    pending_zero = False
    for unit_value, unit_name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit_value % 10
        if digit == 0:
            if parts:
                pending_zero = True
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(CN_DIGITS[digit] + unit_name)
    text = "".join(parts)
    if 10 <= value < 20:
        text = text[1:]  # 十五, not 一十五
    return text


def parse_number(text: str) -> int:
    """A number written in Arabic (ASCII or full-width) or Chinese digits."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    return cn_to_int(text)


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every valid ``YYYY年M月D日`` date in ``text`` with its span; impossible dates are skipped."""
    found = []
    for match in DATE_RE.finditer(text):
        try:
            year, month, day = (parse_number(group) for group in match.groups())
            found.append((match.start(), match.end(), dt.date(year, month, day)))
        except ValueError:
            continue
    return found
