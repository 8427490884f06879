"""Benchmark of the legal rules engine: 10,000 rule evaluations, pure core (no database).

Run: ``.venv/bin/python benchmarks/bench_legal.py [--count 10000] [--repeat 5]``. Each evaluation
uses one catalogue example with every date shifted by a different number of days, so the inputs
vary across holidays and the threshold cache does not make later rounds trivially cheap. The
result is reported in docs/performance.md ("Legal rules engine").
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from zhifa.legal import all_rules, builtin_rules  # noqa: E402

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def shift(value, days: int):
    """``value`` with every YYYY-MM-DD string moved by ``days`` days."""
    if isinstance(value, str) and DATE.match(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    if isinstance(value, list):
        return [shift(v, days) for v in value]
    return value


def workload(count: int) -> list[tuple[str, dict]]:
    examples = [(rule.id, dict(example)) for rule in all_rules() for example in rule.examples]
    return [
        (rule_id, {k: shift(v, i % 365) for k, v in params.items()})
        for i, (rule_id, params) in ((i, examples[i % len(examples)]) for i in range(count))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    rules = builtin_rules()
    cases = workload(options.count)
    for rule_id, params in cases[:200]:  # warm-up: imports, numdb, regexes
        rules.evaluate(rule_id, params).as_json()
    timings = []
    for _ in range(options.repeat):
        start = time.perf_counter()
        for rule_id, params in cases:
            rules.evaluate(rule_id, params).as_json()
        timings.append(time.perf_counter() - start)
    per_rule = {}
    for rule_id, params in cases[: len(all_rules()) * 20]:
        start = time.perf_counter()
        rules.evaluate(rule_id, params).as_json()
        per_rule.setdefault(rule_id, []).append(time.perf_counter() - start)
    slowest = sorted(((statistics.median(v) * 1e6, k) for k, v in per_rule.items()), reverse=True)[:3]
    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.processor() or 'unknown CPU'})")
    print(f"{options.count} evaluations (evaluate + as_json, {len(all_rules())} rules, mixed inputs), {options.repeat} rounds:")
    print(f"  best {min(timings):.3f} s, median {statistics.median(timings):.3f} s "
          f"({statistics.median(timings) / options.count * 1e6:.1f} µs per evaluation)")
    print("  slowest rules (median µs): " + ", ".join(f"{name} {us:.0f}" for us, name in slowest))


if __name__ == "__main__":
    main()
