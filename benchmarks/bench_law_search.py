"""Benchmark of the laws full-text search (docs/performance.md, "Laws full-text search").

Run: ``.venv/bin/python benchmarks/bench_law_search.py``

Imports the packaged laws library (45 files, 3,528 articles) into a throw-away SQLite database —
and into a throw-away PostgreSQL database when ``DATABASE_URL`` points at a server (a
``test_<name>`` database is created and dropped; the database named in the URL is not touched) —
then times 200 searches as the search page runs them: count the matches and fetch the first page
of 20 ranked articles with highlighted snippets. Prints median, p95 and the slowest queries.
On PostgreSQL the tables are analysed after the import first, as autovacuum would do.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 200

# Two-character words, longer words and phrases, several terms, a law name with an article
# number, a single character (LIKE fallback), digits; some with an effect-level filter.
QUERIES = [
    ("罚款", None), ("扣押", None), ("查封", None), ("听证", None), ("吊销", None), ("警告", None),
    ("责令改正", None), ("没收违法所得", None), ("先行登记保存", None), ("行政复议", None),
    ("行政诉讼", None), ("食品安全", None), ("安全生产", None), ("个人信息", None), ("营业执照", None),
    ("当场收缴", None), ("法定代表人", None), ("情节严重", None), ("责令停产停业", None), ("违法所得", None),
    ("罚款 当场", None), ("查封 扣押 期限", None), ("听证 费用", None), ("行政处罚法 第五十六条", None),
    ("行政强制法 催告", None), ("罚", None), ("证", None), ("5000元", None), ("二年内", None),
    ("罚款", "法律"), ("先行登记保存", "部门规章"), ("扣押", "法律"), ("听证", "行政法规"),
    ("举报", None), ("投诉", None), ("抽样检验", None), ("明码标价", None), ("噪声", None),
    ("扬尘", None), ("养犬", None),
]


def child(vendor: str) -> None:
    """Run the benchmark on one database (in its own process, so Django is configured once)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False  # no query log: measure the search, not the debug cursor
    from zhifa.basedata.services.law_import import import_folder
    from zhifa.basedata.selectors.laws import ArticleSearchResults
    from zhifa.basedata.models import Article
    from zhifa.core.actor import Channel, actor_context

    if vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp(prefix="zhifa-bench-")) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        with actor_context(channel=Channel.CLI):
            report = import_folder()
        imported = time.perf_counter() - started
        articles = Article.objects.count()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # what autovacuum does shortly after a bulk import

        timings = []
        for index in range(RUNS):
            query, level = QUERIES[index % len(QUERIES)]
            within = Article.objects.select_related("law")
            if level:
                within = within.filter(law__level=level)
            started = time.perf_counter()
            results = ArticleSearchResults(query, within)
            total = results.count()
            page = results[0:20]
            [str(hit.snippet) for hit in page]
            timings.append(((time.perf_counter() - started) * 1000, query, level, total))

        millis = sorted(t[0] for t in timings)
        p95 = millis[int(len(millis) * 0.95) - 1]
        print(f"[{connection.vendor} {connection.Database.sqlite_version if vendor == 'sqlite' else connection.pg_version}]"
              f" imported {report.total} laws / {articles} articles in {imported:.1f} s")
        print(f"  {RUNS} searches (count + first page of 20 with snippets): "
              f"median {statistics.median(millis):.1f} ms, p95 {p95:.1f} ms, max {millis[-1]:.1f} ms")
        slowest = {}
        for ms, query, level, total in sorted(timings, reverse=True):
            slowest.setdefault((query, level), (ms, total))
        for (query, level), (ms, total) in list(slowest.items())[:5]:
            label = f"{query}" + (f" [{level}]" if level else "")
            print(f"    slowest: {label:<24} {total:>4} hits  {ms:.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    targets = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        targets.append("postgresql")
    for vendor in targets:
        child_env = dict(env)
        if vendor == "sqlite":
            child_env.pop("DATABASE_URL", None)
        result = subprocess.run([sys.executable, __file__, "--child", vendor], env=child_env, cwd=ROOT)
        if result.returncode:
            return result.returncode
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        raise SystemExit(main())
