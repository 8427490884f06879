"""The law file format and Chinese numerals, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.basedata.choices import LawLevel
from zhifa.basedata.lawtext.numerals import cn_to_int, find_dates, int_to_cn
from zhifa.basedata.lawtext.parser import LawFormatError, parse_law_text
from zhifa.basedata.search.tokens import document_tokens, parse_query

SAMPLE = """# 某市市容管理规定

2020年5月1日 某市第一届人民代表大会常务委员会第三次会议通过

2020年6月1日 某省第二届人民代表大会常务委员会第四次会议批准

<!-- INFO END -->

为了加强市容管理，制定本规定。

## 第一章 总则

第一条 为了规范市容管理，\u200b制定本规定。

第二条 本规定所称市容，包括：

(一)建筑物外观；

（二）户外广告。

前款所称户外广告，不含临时标语。

## 第二章 附则

### 第一节 施行

第二条之一 本规定所称“以上”包括本数。

第三条　本规定自2020年10月1日起施行。
"""


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("六十四", 64), ("一百", 100), ("一百零一", 101),
     ("一百一十", 110), ("二百六十六", 266), ("一千零一", 1001), ("二〇二一", 2021), ("两千", 2000)],
)
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


def test_numerals_round_trip():
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 3000))
    assert int_to_cn(101) == "一百零一"
    assert int_to_cn(15) == "十五"
    assert int_to_cn(110) == "一百一十"


def test_not_a_numeral_is_refused():
    with pytest.raises(ValueError):
        cn_to_int("第三")


def test_dates_in_arabic_full_width_and_chinese_digits():
    found = [date for _, _, date in find_dates("２０１２年１２月３日通过，2013年1月1日施行，二〇一四年六月二十九日修正，2013年2月30日")]
    assert found == [dt.date(2012, 12, 3), dt.date(2013, 1, 1), dt.date(2014, 6, 29)]


def test_sample_file_is_read_completely():
    law = parse_law_text(SAMPLE, source_name="local/某市市容管理规定(2020-06-15).md", local=True)
    assert law.title == "某市市容管理规定"
    assert law.short_title == "某市市容管理规定"
    assert law.version_date == dt.date(2020, 6, 15)
    assert law.preamble == "为了加强市容管理，制定本规定。"
    assert [a.label for a in law.articles] == ["第一条", "第二条", "第二条之一", "第三条"]
    assert law.articles[0].text == "为了规范市容管理，制定本规定。"  # zero-width space dropped
    assert law.articles[1].paragraphs == [
        {"text": "本规定所称市容，包括：", "items": ["(一)建筑物外观；", "（二）户外广告。"]},
        {"text": "前款所称户外广告，不含临时标语。", "items": []},
    ]
    assert law.articles[1].chapter == "第一章 总则"
    assert law.articles[2].chapter == "第二章 附则 / 第一节 施行"
    assert law.articles[3].text == "本规定自2020年10月1日起施行。"  # full-width space after the label
    assert law.level == LawLevel.LOCAL_REGULATION
    assert law.issuing_body == "某市人民代表大会常务委员会"  # the approving province is not the author
    assert law.effective_on == dt.date(2020, 10, 1)


def test_a_paragraph_quoting_an_article_does_not_start_one():
    text = SAMPLE.replace("前款所称户外广告", "第一条规定的户外广告")
    law = parse_law_text(text, source_name="某市市容管理规定(2020-06-15).md")
    assert len(law.articles) == 4
    assert law.articles[1].paragraphs[1]["text"].startswith("第一条规定的户外广告")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("第三条　本规定", "第五条　本规定"), "第二条之一之后是第五条"),
        (("第一条 为了", "第二条 为了"), "第一个条文是第二条，应为第一条"),
        (("# 某市市容管理规定", "某市市容管理规定"), "缺少一级标题"),
        (("<!-- INFO END -->", "<!-- END -->"), "缺少 <!-- INFO END --> 标记"),
    ],
)
def test_format_errors_name_the_problem(change, message):
    with pytest.raises(LawFormatError) as raised:
        parse_law_text(SAMPLE.replace(*change), source_name="某市市容管理规定(2020-06-15).md")
    assert message in str(raised.value)
    assert str(raised.value).startswith("某市市容管理规定(2020-06-15).md")


def test_file_name_must_carry_the_version_date():
    with pytest.raises(LawFormatError, match="文件名应为"):
        parse_law_text(SAMPLE, source_name="某市市容管理规定.md")
    with pytest.raises(LawFormatError, match="日期无效"):
        parse_law_text(SAMPLE, source_name="某市市容管理规定(2020-02-30).md")


def test_bigram_tokens():
    assert document_tokens("行政处罚，罚款5000元；ＧＢ") == "行政 政处 处罚 罚款 5000 gb"
    assert parse_query("先行登记保存").terms[0].tokens == ("先行", "行登", "登记", "记保", "保存")
    single = parse_query("罚").terms[0]
    assert single.tokens == () and not single.exact
