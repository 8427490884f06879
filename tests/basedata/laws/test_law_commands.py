"""``zhifa import-laws`` and ``zhifa reindex-laws`` (on top of the imported library)."""

from __future__ import annotations

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from zhifa.basedata import search
from zhifa.basedata.services.law_import import DATA_FOLDER
from zhifa.basedata.services.law_index import ARTICLE_KIND
from zhifa.basedata.models import Article, Law, SearchEntry, SearchStatistics
from zhifa.core.actor import Channel
from zhifa.core.models import AuditEntry

CHUFA = "行政处罚法(2021-01-22).md"
QIANGZHI = "行政强制法(2011-06-30).md"


NEW_VERSION = "2030-01-01"


@pytest.fixture
def folder(tmp_path) -> Path:
    """Two packaged law files renamed as versions the library does not hold yet."""
    target = tmp_path / "laws"
    target.mkdir()
    for name in (CHUFA, QIANGZHI):
        shutil.copy(DATA_FOLDER / name, target / name.replace(name[-14:-4], NEW_VERSION))
    return target


def new_versions():
    return Law.objects.filter(version_date=dt.date.fromisoformat(NEW_VERSION))


def test_import_command_prints_counts_and_runs_as_cli(corpus, db, folder):
    out = StringIO()
    call_command("import_laws", str(folder), stdout=out)
    assert "法规 2 部：新增 2，更新 0，未变化 0；写入条文 157 条" in out.getvalue()
    ids = [str(pk) for pk in new_versions().values_list("pk", flat=True)]
    assert AuditEntry.objects.filter(action="import", channel=Channel.CLI, object_id__in=ids).count() == 2

    out = StringIO()
    call_command("import_laws", str(folder), stdout=out)
    assert "新增 0，更新 0，未变化 2；写入条文 0 条" in out.getvalue()
    assert new_versions().count() == 2


def test_default_folder_is_the_packaged_library(corpus, db):
    out = StringIO()
    call_command("import_laws", stdout=out)
    assert "法规 45 部：新增 0，更新 0，未变化 45" in out.getvalue()


def test_forced_import_rewrites_unchanged_files(corpus, db, folder):
    call_command("import_laws", str(folder), stdout=StringIO())
    out = StringIO()
    call_command("import_laws", str(folder), "--force", stdout=out)
    assert "新增 0，更新 2，未变化 0" in out.getvalue()
    assert Article.objects.filter(law__in=new_versions()).count() == 157


def test_import_command_reports_errors_and_writes_nothing(corpus, db, folder):
    name = CHUFA.replace("2021-01-22", NEW_VERSION)
    text = (folder / name).read_text(encoding="utf-8")
    (folder / name).write_text(text.replace("# 中华人民共和国行政处罚法", ""), encoding="utf-8")
    with pytest.raises(CommandError, match="未导入任何内容：\n行政处罚法\\(2030-01-01\\).md 第1行：缺少一级标题"):
        call_command("import_laws", str(folder), stdout=StringIO())
    assert not new_versions().exists()


def test_reindex_command_rebuilds_the_index(corpus, db):
    coercion = Article.objects.filter(law__short_title="行政强制法")
    SearchEntry.objects.filter(kind=ARTICLE_KIND, object_id__in=coercion.values("pk")).delete()
    assert search.search(ARTICLE_KIND, "扣押", within=coercion) == []

    out = StringIO()
    call_command("reindex_laws", stdout=out)

    assert "已重建法条索引：3528 条" in out.getvalue()
    assert SearchStatistics.objects.get(kind=ARTICLE_KIND).documents == 3528
    hits = search.search(ARTICLE_KIND, "扣押", within=coercion, limit=200)
    assert {hit.object_id for hit in hits} == {a.pk for a in coercion if "扣押" in a.text}
