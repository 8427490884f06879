"""Citations such as 行政处罚法第六十四条第一款 resolve to the article, paragraph and item they name."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from zhifa.basedata.lawtext.citations import CitationError, parse_citation, split_citation
from zhifa.basedata.services.law_import import DATA_FOLDER, import_folder
from zhifa.basedata.models import Law
from zhifa.core.actor import Channel, actor_context

CHUFA = "行政处罚法(2021-01-22).md"


@pytest.fixture
def chufa(corpus, db):
    return Law.objects.get(short_title="行政处罚法")


def test_article_and_paragraph(chufa):
    citation = parse_citation("行政处罚法第三十三条第二款")
    assert citation.article.law == chufa
    assert citation.article.number == 33
    assert citation.paragraph == 2
    assert citation.label == "《行政处罚法》第三十三条第二款"
    assert citation.text.startswith("当事人有证据足以证明没有主观过错的，不予行政处罚。")


@pytest.mark.parametrize(
    "text", ["《中华人民共和国行政处罚法》第64条第1项", "中华人民共和国行政处罚法第六十四条第一项", "行政处罚法 第六十四条第一款第一项"]
)
def test_full_names_arabic_numbers_and_items(chufa, text):
    citation = parse_citation(text)
    assert citation.article.label == "第六十四条"
    assert citation.text == "（一）当事人要求听证的，应当在行政机关告知后五日内提出；"


def test_whole_article(chufa):
    citation = parse_citation("行政处罚法第六十四条")
    assert citation.text.startswith("听证应当依照以下程序组织：\n（一）")
    assert citation.label == "《行政处罚法》第六十四条"


def test_version_in_force_on_a_date_is_chosen(chufa, tmp_path):
    older = tmp_path / "old"
    older.mkdir()
    shutil.copy(DATA_FOLDER / CHUFA, older / "行政处罚法(2017-09-01).md")
    text = (older / "行政处罚法(2017-09-01).md").read_text(encoding="utf-8")
    (older / "行政处罚法(2017-09-01).md").write_text(text.replace("2021年7月15日起施行", "1996年10月1日起施行"), encoding="utf-8")
    with actor_context(channel=Channel.CLI):
        import_folder(older)
    assert parse_citation("行政处罚法第一条").article.law.version_date == dt.date(2021, 1, 22)
    assert parse_citation("行政处罚法第一条", on=dt.date(2020, 1, 1)).article.law.version_date == dt.date(2017, 9, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("处罚", "无法识别的法条引用"),
        ("行政处罚法第零条", "序号无效"),
        ("民法典第一条", "法规库中没有《民法典》"),
        ("行政处罚法第九十条", "《行政处罚法》没有第九十条"),
        ("行政处罚法第六十四条第二款", "《行政处罚法》第六十四条没有第二款"),
        ("行政处罚法第六十四条第九项", "《行政处罚法》第六十四条没有第九项"),
    ],
)
def test_errors_name_what_is_missing(chufa, text, message):
    with pytest.raises(CitationError, match=message):
        parse_citation(text)


def test_citation_is_read_without_the_database():
    parts = split_citation("《行政处罚法》第一百二十条之一第二款第三项")
    assert (parts.law_name, parts.article, parts.sub_number, parts.paragraph, parts.item) == ("行政处罚法", 120, 1, 2, 3)


def test_laws_outside_the_given_queryset_are_not_found(chufa):
    with pytest.raises(CitationError, match="法规库中没有"):
        parse_citation("行政处罚法第一条", laws=Law.objects.none())
