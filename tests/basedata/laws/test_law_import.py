"""Importing the law library: every law with its articles and dates; re-import updates in place."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.basedata.laws.conftest import article, law
from zhifa.basedata import search
from zhifa.basedata.choices import LawLevel, LawValidity
from zhifa.basedata.services.law_import import DATA_FOLDER, LawImportError, import_folder, law_files
from zhifa.basedata.services.law_index import ARTICLE_KIND
from zhifa.basedata.models import Article, Law, SearchEntry, SearchStatistics
from zhifa.core.actor import Channel, actor_context
from zhifa.core.models import AuditEntry

REPOSITORY = Path(__file__).resolve().parents[3]
SHARED_FOLDER = REPOSITORY.parent / "shared" / "data" / "laws"  # the workspace source of the packaged copy
CHUFA = "行政处罚法(2021-01-22).md"


def run_import(folder: Path, **options):
    with actor_context(channel=Channel.CLI):
        return import_folder(folder, **options)


def copy_of(tmp_path: Path, *names: str) -> Path:
    """A folder holding copies of the named packaged law files."""
    folder = tmp_path / "laws"
    folder.mkdir()
    for name in names:
        shutil.copy(DATA_FOLDER / name, folder / Path(name).name)
    return folder


def assert_statistics_are_exact() -> None:
    """The ranking's document count and total length match the index entries."""
    stats = SearchStatistics.objects.get(kind=ARTICLE_KIND)
    bodies = SearchEntry.objects.filter(kind=ARTICLE_KIND).values_list("body", flat=True)
    assert stats.documents == len(bodies)
    assert stats.total_length == sum(len(body) for body in bodies)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the packaged corpus ---------------------------------------------------------------------


def test_packaged_library_is_the_shared_corpus():
    packaged = {p.relative_to(DATA_FOLDER).as_posix(): p.read_bytes() for p in law_files(DATA_FOLDER)}
    assert len(packaged) == 45
    assert "local/深圳经济特区安全生产监督管理条例(2022-06-30).md" in packaged
    if SHARED_FOLDER.is_dir():  # in the workspace, the packaged copy must not drift from the source
        shared = {p.relative_to(SHARED_FOLDER).as_posix(): p.read_bytes() for p in law_files(SHARED_FOLDER)}
        assert packaged == shared


def test_every_law_is_imported_with_its_articles(corpus, db):
    assert len(corpus.created) == 45
    assert Law.objects.count() == 45
    assert Article.objects.count() == corpus.articles_written == 3528
    assert law("行政处罚法").articles.count() == 86
    assert law("行政强制法").articles.count() == 71
    assert law("食品安全法").articles.count() == 154
    assert SearchEntry.objects.filter(kind=ARTICLE_KIND).count() == 3528
    assert_statistics_are_exact()


@pytest.mark.parametrize(
    ("short_title", "version", "effective"),
    [
        ("行政处罚法", dt.date(2021, 1, 22), dt.date(2021, 7, 15)),  # 修订: the text's own 施行 date
        ("行政强制法", dt.date(2011, 6, 30), dt.date(2012, 1, 1)),
        ("食品安全法", dt.date(2021, 4, 29), dt.date(2021, 4, 29)),  # 修正 by decision: 2015 date in text is older
        ("食品安全法实施条例", dt.date(2019, 10, 11), dt.date(2019, 12, 1)),  # history line “2019年12月1日 施行”
        ("广告法", dt.date(2021, 4, 29), dt.date(2021, 4, 29)),  # history “2015年9月1日 施行” predates the version
        ("行政执法机关移送涉嫌犯罪案件的规定", dt.date(2020, 8, 7), dt.date(2020, 8, 7)),  # 自公布之日起施行
        ("公安机关办理行政案件程序规定", dt.date(2019, 4, 27), dt.date(2019, 4, 27)),  # full-width digits
    ],
)
def test_dates_come_from_file_name_history_and_text(corpus, db, short_title, version, effective):
    imported = law(short_title)
    assert imported.version_date == version
    assert imported.promulgated_on == version
    assert imported.effective_on == effective
    assert imported.validity == LawValidity.IN_FORCE


@pytest.mark.parametrize(
    ("short_title", "level", "body"),
    [
        ("行政处罚法", LawLevel.LAW, "全国人民代表大会常务委员会"),
        ("食品安全法实施条例", LawLevel.ADMINISTRATIVE_REGULATION, "国务院"),
        ("市场主体登记管理条例", LawLevel.ADMINISTRATIVE_REGULATION, "国务院"),  # no history lines at all
        ("无证无照经营查处办法", LawLevel.ADMINISTRATIVE_REGULATION, "国务院"),
        ("公安机关办理行政案件程序规定", LawLevel.DEPARTMENTAL_RULE, "公安部"),
        ("市场监督管理行政处罚信息公示规定", LawLevel.DEPARTMENTAL_RULE, "国家市场监督管理总局"),
        ("丽水市城市养犬管理规定", LawLevel.LOCAL_REGULATION, "丽水市人民代表大会常务委员会"),  # not the approving province
        ("深圳经济特区安全生产监督管理条例", LawLevel.LOCAL_REGULATION, "深圳市人民代表大会常务委员会"),
    ],
)
def test_level_and_issuing_body_are_inferred(corpus, db, short_title, level, body):
    imported = law(short_title)
    assert (imported.level, imported.issuing_body) == (level, body)


def test_articles_keep_chapters_paragraphs_and_items(corpus, db):
    hearing = article("行政处罚法", 64)
    assert hearing.label == "第六十四条"
    assert hearing.chapter == "第五章 行政处罚的决定 / 第四节 听证程序"
    assert len(hearing.paragraphs) == 1
    assert hearing.paragraphs[0]["text"] == "听证应当依照以下程序组织："
    assert len(hearing.paragraphs[0]["items"]) == 8
    assert hearing.paragraphs[0]["items"][0] == "（一）当事人要求听证的，应当在行政机关告知后五日内提出；"
    notice = article("行政处罚法", 63)
    assert [len(p["items"]) for p in notice.paragraphs] == [6, 0]
    assert notice.paragraphs[1]["text"] == "当事人不承担行政机关组织听证的费用。"
    assert len(article("行政处罚法", 33).paragraphs) == 3
    hundred_and_one = article("食品安全法", 101)
    assert hundred_and_one.label == "第一百零一条"
    assert hundred_and_one.text.startswith("国家出入境检验检疫部门可以对向我国境内出口食品的国家（地区）")
    assert article("行政处罚法", 1).order == 1
    assert article("行政处罚法", 86).order == 86


def test_import_is_audited_per_law(corpus, db):
    imported = law("行政强制法")
    entry = AuditEntry.objects.get(action="import", object_type="basedata.law", object_id=str(imported.pk))
    assert entry.channel == Channel.CLI
    assert entry.changes["articles"] == {"created": 71, "updated": 0, "deleted": 0}
    assert "导入法规《中华人民共和国行政强制法》（2011-06-30 版本）" in entry.message and ".md" not in entry.message


# --- re-import -------------------------------------------------------------------------------


def test_reimport_of_unchanged_files_changes_nothing(corpus, db):
    ids = set(Article.objects.values_list("pk", flat=True))
    audit_rows = AuditEntry.objects.count()
    report = run_import(DATA_FOLDER)
    assert len(report.unchanged) == 45 and not report.created and not report.updated
    assert set(Article.objects.values_list("pk", flat=True)) == ids
    assert Law.objects.count() == 45
    assert AuditEntry.objects.count() == audit_rows


def test_reimport_of_a_changed_file_updates_in_place(corpus, db, tmp_path):
    folder = copy_of(tmp_path, CHUFA)
    before = article("行政处罚法", 56)
    laws_before = Law.objects.count()
    edit(folder / CHUFA, "可以先行登记保存，并应当在七日内", "可以先行登记封存，并应当在七日内")
    edit(folder / CHUFA, "第八十六条 本法自2021年7月15日起施行。", "第八十六条 本法自2021年7月16日起施行。")

    report = run_import(folder)

    assert report.updated == ["行政处罚法(2021-01-22)"]
    assert Law.objects.count() == laws_before
    after = article("行政处罚法", 56)
    assert after.pk == before.pk
    assert "先行登记封存" in after.text
    assert law("行政处罚法").effective_on == dt.date(2021, 7, 16)
    assert law("行政处罚法").articles.count() == 86
    this_law = Article.objects.filter(law__short_title="行政处罚法")
    assert [hit.object_id for hit in search.search(ARTICLE_KIND, "先行登记封存", within=this_law)] == [after.pk]
    assert search.search(ARTICLE_KIND, "先行登记保存", within=this_law) == []
    entry = AuditEntry.objects.filter(action="import", object_id=str(after.law_id)).order_by("-seq").first()
    assert entry.changes["articles"] == {"created": 0, "updated": 2, "deleted": 0}
    assert_statistics_are_exact()


def test_reimport_removes_articles_dropped_from_the_file(corpus, db, tmp_path):
    folder = copy_of(tmp_path, "计量法(2018-10-26).md")
    last = article("计量法", 34)
    text = (folder / "计量法(2018-10-26).md").read_text(encoding="utf-8")
    (folder / "计量法(2018-10-26).md").write_text(text[: text.index("第三十四条")], encoding="utf-8")

    run_import(folder)

    assert not Article.objects.filter(pk=last.pk).exists()
    assert not SearchEntry.objects.filter(kind=ARTICLE_KIND, object_id=last.pk).exists()
    assert law("计量法").articles.count() == 33
    assert_statistics_are_exact()


def test_a_newer_version_supersedes_the_older_one(corpus, db, tmp_path):
    folder = copy_of(tmp_path, CHUFA)
    (folder / CHUFA).rename(folder / "行政处罚法(2017-09-01).md")
    edit(folder / "行政处罚法(2017-09-01).md", "本法自2021年7月15日起施行。", "本法自1996年10月1日起施行。")

    report = run_import(folder)

    assert report.created == ["行政处罚法(2017-09-01)"]
    older = Law.objects.get(short_title="行政处罚法", version_date=dt.date(2017, 9, 1))
    newer = Law.objects.get(short_title="行政处罚法", version_date=dt.date(2021, 1, 22))
    assert older.validity == LawValidity.AMENDED
    assert newer.validity == LawValidity.IN_FORCE
    boosts = SearchEntry.objects.filter(kind=ARTICLE_KIND, object_id__in=older.articles.values("pk"))
    assert set(boosts.values_list("boost", flat=True)) == {0.5}  # 已修改 weighs half in ranking


def test_a_version_not_yet_in_force_leaves_the_current_one_in_force(corpus, db, tmp_path):
    folder = copy_of(tmp_path, CHUFA)
    (folder / CHUFA).rename(folder / "行政处罚法(2099-01-01).md")
    edit(folder / "行政处罚法(2099-01-01).md", "本法自2021年7月15日起施行。", "本法自2099年7月1日起施行。")

    run_import(folder)

    future = Law.objects.get(short_title="行政处罚法", version_date=dt.date(2099, 1, 1))
    assert future.validity == LawValidity.NOT_YET_EFFECTIVE
    assert future.effective_on == dt.date(2099, 7, 1)
    assert Law.objects.get(short_title="行政处罚法", version_date=dt.date(2021, 1, 22)).validity == LawValidity.IN_FORCE


# --- bad input -------------------------------------------------------------------------------


def test_malformed_files_are_all_reported_and_nothing_is_imported(corpus, db, tmp_path):
    folder = copy_of(tmp_path, CHUFA, "计量法(2018-10-26).md")
    edit(folder / CHUFA, "可以先行登记保存", "可以先行登记封存")
    edit(folder / "计量法(2018-10-26).md", "第五条 ", "第六条 ")
    shutil.copy(folder / CHUFA, folder / "行政处罚法.md")

    with pytest.raises(LawImportError) as raised:
        run_import(folder)

    messages = raised.value.errors
    assert len(messages) == 2
    assert any(m.startswith("计量法(2018-10-26).md 第") and "第四条之后是第六条" in m for m in messages)
    assert any(m.startswith("行政处罚法.md：文件名应为") for m in messages)
    assert "先行登记保存" in article("行政处罚法", 56).text  # the valid file was not imported either


def test_missing_info_end_marker_is_named(corpus, db, tmp_path):
    folder = copy_of(tmp_path, CHUFA)
    edit(folder / CHUFA, "<!-- INFO END -->", "")
    with pytest.raises(LawImportError, match="缺少 <!-- INFO END --> 标记"):
        run_import(folder)


def test_a_folder_without_law_files_is_refused(corpus, db, tmp_path):
    with pytest.raises(LawImportError, match="没有 .md 法规文件"):
        run_import(tmp_path)
