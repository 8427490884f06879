"""Chinese full-text search over the articles: exact matches, sensible ranking, highlighting, filters.

"Right" answers were chosen by reading the texts:
- 先行登记保存 is the evidence-preservation measure of 行政处罚法第五十六条; 公安机关办理行政案件程序规定
  第一百一十条 is the police rule saying the same for police cases. The general law comes first, the
  sector rule second; the other six hits only mention the measure in passing or in lists.
- 罚款 appears in hundreds of penalty clauses. The articles *about* the fine itself — its decision
  kept apart from its collection, payment within fifteen days, on-the-spot collection — are the
  right first answers: 行政处罚法第六十七条 (罚缴分离) and its siblings in 道路交通安全法 and
  治安管理处罚法, each naming 罚款 several times in a short text.
"""

from __future__ import annotations

import pytest

from tests.basedata.laws.conftest import article, law
from zhifa.basedata import search
from zhifa.basedata.choices import LawLevel, LawValidity
from zhifa.basedata.services.law_index import ARTICLE_KIND
from zhifa.basedata.selectors.laws import ArticleSearchResults
from zhifa.basedata.services.laws import law_refresh_validity
from zhifa.basedata.models import Article
from zhifa.basedata.search.tokens import normalise, parse_query

def ranked(query: str, within=None, limit: int = 10) -> list[Article]:
    within = within if within is not None else Article.objects.all()
    hits = search.search(ARTICLE_KIND, query, within=within, limit=limit)
    articles = Article.objects.select_related("law").in_bulk([hit.object_id for hit in hits])
    return [articles[hit.object_id] for hit in hits]


@pytest.fixture(scope="module")
def haystacks(corpus, django_db_blocker):
    """``(id, normalised title, normalised text)`` of every article, read once per module."""
    with django_db_blocker.unblock():
        return [
            (item.pk, normalise(f"{item.law.title} {item.chapter} {item.label}"), normalise(item.text))
            for item in Article.objects.select_related("law")
        ]


@pytest.fixture
def brute_force(haystacks):
    """Articles whose title (law, chapter, label) or text contains every term, found by scanning."""

    def scan(query: str) -> set[int]:
        terms = parse_query(query).texts
        return {pk for pk, title, body in haystacks if all(term in title or term in body for term in terms)}

    return scan


def all_matches(query: str) -> set[int]:
    hits = search.search(ARTICLE_KIND, query, within=Article.objects.all(), limit=10000)
    return {hit.object_id for hit in hits}


@pytest.mark.parametrize(
    "query",
    ["罚款", "扣押", "先行登记保存", "听证", "查封 扣押", "罚", "款", "5000元", "罚款、扣押", "行政处罚法 第五十六条", "GB"],
)
def test_search_finds_exactly_the_articles_containing_the_query(corpus, db, brute_force, query):
    expected = brute_force(query)
    assert all_matches(query) == expected
    assert search.count(ARTICLE_KIND, query, within=Article.objects.all()) == len(expected)


def test_two_character_words_are_found(corpus, db):
    # A trigram index returns nothing for these; the bigram index must find every occurrence.
    assert len(all_matches("罚款")) == 396
    assert len(all_matches("扣押")) == 58


def test_phrase_must_be_contiguous(corpus, db, brute_force):
    assert all_matches("罚款扣押") == set()  # both words are common, never adjacent
    assert len(all_matches("登记保存")) == len(brute_force("登记保存"))


def test_precautionary_registration_ranks_the_general_law_first(corpus, db):
    results = ranked("先行登记保存")
    assert results[0] == article("行政处罚法", 56)
    assert results[1] == article("公安机关办理行政案件程序规定", 110)
    assert len(results) == 8


def test_fine_ranks_the_articles_about_the_fine_first(corpus, db):
    results = ranked("罚款")
    assert article("行政处罚法", 67) in results[:3]
    assert all(item.text.count("罚款") >= 2 for item in results)
    assert all(item.law.level == LawLevel.LAW for item in results)


def test_title_hits_count(corpus, db):
    # “行政处罚” in the law's title lifts that law's hearing articles above other laws' hearings.
    results = ranked("行政处罚 听证", limit=5)
    assert {item.law.short_title for item in results} == {"行政处罚法"}


def test_level_filter(corpus, db):
    rules = Article.objects.filter(law__level=LawLevel.DEPARTMENTAL_RULE)
    results = ranked("先行登记保存", within=rules)
    assert results[0] == article("公安机关办理行政案件程序规定", 110)
    assert {item.law.level for item in results} == {LawLevel.DEPARTMENTAL_RULE}


def test_repealed_law_ranks_lower_and_validity_filter_excludes_it(corpus, db):
    chufa = law("行政处罚法")
    chufa.expires_on = chufa.effective_on
    chufa.save()
    law_refresh_validity(short_title="行政处罚法")
    assert law("行政处罚法").validity == LawValidity.REPEALED

    assert ranked("先行登记保存")[0] == article("公安机关办理行政案件程序规定", 110)
    in_force = Article.objects.filter(law__validity=LawValidity.IN_FORCE)
    assert article("行政处罚法", 56) not in ranked("先行登记保存", within=in_force)


def test_results_page_through_without_overlap(corpus, db):
    first = search.search(ARTICLE_KIND, "听证", within=Article.objects.all(), limit=10, offset=0)
    second = search.search(ARTICLE_KIND, "听证", within=Article.objects.all(), limit=10, offset=10)
    assert len(first) == len(second) == 10
    assert not {hit.object_id for hit in first} & {hit.object_id for hit in second}
    assert first[-1].score >= second[0].score


def test_nothing_is_found_outside_the_permitted_rows(corpus, db):
    assert search.search(ARTICLE_KIND, "罚款", within=Article.objects.none()) == []
    assert search.count(ARTICLE_KIND, "罚款", within=Article.objects.none()) == 0
    assert search.search(ARTICLE_KIND, "罚款", within=Article.objects.filter(pk__in=[])) == []


@pytest.mark.parametrize("query", ["", "   ", "，。！", "《》", "%", "_", "\\", '"', "x" * 500, "罚" * 200])
def test_odd_queries_do_not_crash(corpus, db, brute_force, query):
    expected = brute_force(query) if parse_query(query).terms else set()
    assert all_matches(query) == expected


def test_full_width_and_upper_case_are_normalised(corpus, db):
    assert all_matches("５０００元") == all_matches("5000元") != set()


def test_results_carry_highlighted_snippets(corpus, db):
    hits = ArticleSearchResults("先行登记保存", Article.objects.all())[:2]
    assert hits[0].article == article("行政处罚法", 56)
    assert "<mark>先行登记保存</mark>" in hits[0].snippet
    assert hits[0].title == "中华人民共和国行政处罚法"
    assert len(ArticleSearchResults("先行登记保存", Article.objects.all())) == 8


def test_highlight_escapes_everything_but_the_marks():
    assert search.highlight("a<b>罚款&罚款", ["罚款"]) == "a&lt;b&gt;<mark>罚款</mark>&amp;<mark>罚款</mark>"
    assert search.highlight("先行登记保存", ["登记", "记保"]) == "先行<mark>登记保</mark>存"
    assert search.highlight("ＧＢ 11643", ["gb"]) == "<mark>ＧＢ</mark> 11643"


def test_snippet_is_cut_around_the_first_hit():
    text = "甲" * 200 + "罚款" + "乙" * 200
    snippet = search.snippet(text, ["罚款"], width=60)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>罚款</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) == 62
