"""What a law file implies but does not state: issuing body, effect level and dates.

The file gives a title, history lines (``2021年1月22日 第十三届全国人民代表大会常务委员会…修订``) and
the text. From them:

- **issuing body**: the body named in the latest history event that is not an approval (批准 by a
  provincial congress does not make it the author), e.g. 全国人民代表大会常务委员会, 国务院, 公安部,
  深圳市人民代表大会常务委员会; when no line names one, the usual body of the level.
- **level**: from the body (a congress → 法律 or 地方性法规, 国务院 → 行政法规, a ministry → 部门规章,
  a local government → 地方政府规章, a supreme court → 司法解释) and the title (法 / 条例 / 规定 /
  办法); files under a ``local/`` folder are local legislation.
- **promulgated on**: the version date of the file name (the adoption or promulgation of this text).
- **effective on**: the earliest of the text's own ``自…起施行`` date and a history ``施行`` line that
  is not before the version date; when both are older (an amendment by decision keeps the original
  article), the version date, since such decisions take effect on promulgation.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..choices import LawLevel
from .numerals import DATE_RE, find_dates

if TYPE_CHECKING:
    from .parser import ParsedLaw

NATIONAL_TITLE_PREFIX = "中华人民共和国"
LOCAL_CONGRESS_RE = re.compile(r"([\u4e00-\u9fff]{1,12}?[省市州县区])第[一二三四五六七八九十]+届人民代表大会(常务委员会)?")
LOCAL_GOVERNMENT_RE = re.compile(r"([\u4e00-\u9fff]{1,12}?[省市州县区])人民政府")
MINISTRY_RE = re.compile(r"(?:中华人民共和国)?([\u4e00-\u9fff]{2,20}?(?:部|总局|委员会|署|局|银行))(?:令|部长|局长|主任|关于)")
EFFECTIVE_IN_TEXT_RE = re.compile(r"自(?P<when>[^，。；]{2,20}?)起施行")
SUPREME_BODIES = ("最高人民法院", "最高人民检察院")
RULE_SUFFIXES = ("规定", "办法", "细则", "规则", "条例", "实施办法")


def starts_with_date(line: str) -> bool:
    """Whether a history line begins a new event (``2021年1月22日 …``)."""
    match = DATE_RE.match(line)
    return match is not None


def history_events(history: list[str]) -> list[tuple[dt.date, str]]:
    """``(date, text after the date)`` per event; a line may hold several (``…第一次修正根据2009年…``)."""
    events = []
    for line in history:
        dates = find_dates(line)
        for index, (_, end, date) in enumerate(dates):
            stop = dates[index + 1][0] if index + 1 < len(dates) else len(line)
            events.append((date, line[end:stop]))
    return events


def body_of_event(text: str) -> str:
    """The legislating body named in one history event, or ``""``."""
    if "全国人民代表大会常务委员会" in text:
        return "全国人民代表大会常务委员会"
    if "全国人民代表大会" in text:
        return "全国人民代表大会"
    for supreme in SUPREME_BODIES:
        if supreme in text:
            return supreme
    congress = LOCAL_CONGRESS_RE.search(text)
    if congress:
        return f"{congress[1]}人民代表大会" + ("常务委员会" if congress[2] else "")
    government = LOCAL_GOVERNMENT_RE.search(text)
    if government:
        return f"{government[1]}人民政府"
    if "国务院" in text:
        return "国务院"
    ministry = MINISTRY_RE.search(text)
    if ministry:
        return ministry[1]
    return ""


def infer_issuing_body(history: list[str]) -> str:
    """The body of the latest non-approval event that names one."""
    for _, text in reversed(history_events(history)):
        if "批准" in text:
            continue
        body = body_of_event(text)
        if body:
            return body
    return ""


def infer_level(title: str, body: str, *, local: bool) -> str:
    """The effect level from the issuing body and the kind of title (see the module docstring)."""
    name = title.removeprefix(NATIONAL_TITLE_PREFIX)
    is_rule = name.endswith(RULE_SUFFIXES)
    if body in SUPREME_BODIES:
        return LawLevel.JUDICIAL_INTERPRETATION
    if body.startswith("全国人民代表大会"):
        return LawLevel.LAW
    if body.endswith(("人民代表大会", "人民代表大会常务委员会")):
        return LawLevel.LOCAL_REGULATION
    if body.endswith("人民政府"):
        return LawLevel.LOCAL_GOVERNMENT_RULE if is_rule else LawLevel.NORMATIVE_DOCUMENT
    if body == "国务院":
        return LawLevel.ADMINISTRATIVE_REGULATION if is_rule else LawLevel.NORMATIVE_DOCUMENT
    if body:
        return LawLevel.DEPARTMENTAL_RULE if is_rule else LawLevel.NORMATIVE_DOCUMENT
    if local:
        return LawLevel.LOCAL_REGULATION if name.endswith("条例") else LawLevel.LOCAL_GOVERNMENT_RULE
    if name.endswith("法"):
        return LawLevel.LAW
    if name.endswith("条例"):
        return LawLevel.ADMINISTRATIVE_REGULATION
    if is_rule:
        return LawLevel.DEPARTMENTAL_RULE
    return LawLevel.NORMATIVE_DOCUMENT


DEFAULT_BODY = {
    LawLevel.LAW: "全国人民代表大会常务委员会",
    LawLevel.ADMINISTRATIVE_REGULATION: "国务院",
}


def effective_date_in_text(law: ParsedLaw):
    """The date of the last ``自…起施行`` in the articles, or ``None`` (also for 自公布之日起施行)."""
    found = None
    for article in law.articles:
        for match in EFFECTIVE_IN_TEXT_RE.finditer(article.text):
            dates = find_dates(match["when"])
            found = dates[0][2] if dates else None
    return found


def infer_effective_on(law: ParsedLaw):
    """See the module docstring: the first effective date on or after the version date."""
    candidates = [effective_date_in_text(law)]
    candidates += [date for date, text in history_events(law.history) if "施行" in text]
    later = [date for date in candidates if date and date >= law.version_date]
    return min(later) if later else law.version_date


def infer(law: ParsedLaw) -> None:
    """Fill the inferred fields of ``law`` in place."""
    body = infer_issuing_body(law.history)
    law.level = infer_level(law.title, body, local=law.local)
    law.issuing_body = body or DEFAULT_BODY.get(law.level, "")
    law.promulgated_on = law.version_date
    law.effective_on = infer_effective_on(law)
