"""How documents write dates and amounts: “二〇二六年十二月六日”, “20,000.00”."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

DIGITS = "〇一二三四五六七八九"


def _small_number(value: int) -> str:
    """1–31 in Chinese numerals as dates write them: 十, 十二, 二十, 二十一, 三十一."""
    tens, units = divmod(value, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十"))
    return text + (DIGITS[units] if units else "")


def cn_date(value: dt.date | dt.datetime | None) -> str:
    """A date as official documents write it, e.g. ``二〇二六年十二月六日``; ``""`` for none."""
    if value is None:
        return ""
    year = "".join(DIGITS[int(d)] for d in str(value.year))
    return f"{year}年{_small_number(value.month)}月{_small_number(value.day)}日"


def amount(value: Decimal | int | float | None) -> str:
    """An amount of yuan with thousands separators and two decimals; ``""`` for none or zero."""
    if not value:
        return ""
    return f"{Decimal(value):,.2f}"
