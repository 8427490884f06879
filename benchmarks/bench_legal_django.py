"""Benchmark of ``zhifa.legal.evaluate()`` inside Django: the database-backed rules, as views call them.

Run: ``ZHIFA_DEMO=1 ZHIFA_DATA_DIR=var/bench [DATABASE_URL=postgres://…] .venv/bin/python
benchmarks/bench_legal_django.py [--count 10000] [--repeat 5]`` on a migrated database. The same
workload as ``bench_legal.py`` (every catalogue example, dates shifted) goes through
``zhifa.legal.evaluate`` — the provider installed by the legal app, which reads the data-version
token at most once per ``ZHIFA_LEGAL_RECHECK_SECONDS`` — and each answer is serialised with
``as_json()``. It prints evaluations per second (best and median round) and the token queries made.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")

import django  # noqa: E402

django.setup()

from bench_legal import workload  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from zhifa.legal import evaluate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    cases = workload(options.count)
    for rule_id, params in cases[:200]:
        evaluate(rule_id, **params).as_json()
    timings, queries = [], 0
    for _ in range(options.repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            for rule_id, params in cases:
                evaluate(rule_id, **params).as_json()
            timings.append(time.perf_counter() - start)
        queries += len(captured)
    best, median = min(timings), statistics.median(timings)
    print(f"{connection.vendor}: {options.count} evaluations × {options.repeat}: best {options.count / best:,.0f}/s, "
          f"median {options.count / median:,.0f}/s; {queries} token queries in {sum(timings):.1f} s")


if __name__ == "__main__":
    main()
