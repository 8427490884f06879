"""Run the mixed load test (``locustfile.py``) against ``zhifa serve`` at 100, 300 and 500 users.

Run (on a PostgreSQL demo database: the demo city loaded with ``make demo``'s commands)::

    ZHIFA_DEMO=1 ZHIFA_DATA_DIR=var/load DATABASE_URL=postgres://…/zhifa_load \\
        .venv/bin/python benchmarks/load/run_load.py [--workers 3] [--users 100,300,500] \\
        [--spawn-rate 10] [--hold 120]

It starts ``zhifa serve --workers N`` on 127.0.0.1 (a free port; its log goes to
``$ZHIFA_DATA_DIR/load/server.log``), waits for ``/healthz``, then for each user count runs locust
headless from zero: the users start at ``--spawn-rate`` per second (each signs in as it starts),
then all of them work for ``--hold`` seconds. It prints, per stage, the load average before and
after and two tables of one row per endpoint (requests, errors, requests/s, p50/p95/p99 in
milliseconds): the whole stage, the ramp and its sign-ins included (locust's own figures), and the
steady part, from the moment the last person has started to the end (from the request log the
locustfile writes). The server is stopped at the end. The figures go to docs/performance.md
("Mixed load").
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
HOST = "127.0.0.1"
STARTUP_SECONDS = 300  # collectstatic and worker start-up on a busy machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"服务在 {STARTUP_SECONDS} 秒内没有启动，见服务日志")


def start_server(workers: int, port: int, log_path: Path) -> subprocess.Popen:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    command = [str(ROOT / ".venv/bin/zhifa"), "serve", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def run_stage(url: str, users: int, spawn_rate: float, hold: int, prefix: Path) -> tuple[list[dict], list[dict]]:
    """Run one stage; return locust's rows for the whole stage and the rows of its steady part."""
    run_time = int(users / spawn_rate) + hold
    log_path = Path(f"{prefix}_requests.tsv")
    command = [
        str(ROOT / ".venv/bin/locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
        "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{run_time}s",
        "--host", url, "--csv", str(prefix), "--stop-timeout", "10",
    ]
    environment = {**os.environ, "ZHIFA_LOAD_LOG": str(log_path)}
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    with open(f"{prefix}_stats.csv", newline="") as handle:
        whole = list(csv.DictReader(handle))
    return whole, steady_rows(log_path)


def percentile(ordered: list[float], share: float) -> int:
    """The nearest-rank percentile of an ascending list, in whole milliseconds."""
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)])


def steady_rows(log_path: Path) -> list[dict]:
    """Rows like locust's for the requests logged after the ``#steady`` mark (empty without one)."""
    start, requests = None, []
    for line in log_path.read_text().splitlines():
        fields = line.split("\t")
        if fields[0] == "#steady":
            start = start or float(fields[1])
        else:
            requests.append((float(fields[0]), fields[1], fields[2], float(fields[3]), fields[4] == "1"))
    if start is None:
        return []
    requests = [request for request in requests if request[0] >= start]
    seconds = max(request[0] for request in requests) - start if requests else 0
    groups = {"Aggregated": requests}
    for request in requests:
        groups.setdefault((request[1], request[2]), []).append(request)
    rows = []
    for key, members in groups.items():
        times = sorted(member[3] for member in members)
        kind, name = ("", "Aggregated") if key == "Aggregated" else key
        rows.append({
            "Type": kind, "Name": name, "Request Count": len(members),
            "Failure Count": sum(member[4] for member in members),
            "Requests/s": len(members) / seconds if seconds else 0,
            "50%": percentile(times, 0.50), "95%": percentile(times, 0.95), "99%": percentile(times, 0.99),
        })
    return rows


def print_stage(title: str, rows: list[dict]) -> None:
    print(f"\n{title}\n")
    print("| endpoint | requests | errors | requests/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for row in sorted(rows, key=lambda row: (row["Name"] == "Aggregated", row["Name"])):
        name = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}".strip()
        print(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
              f"{row['50%']} | {row['95%']} | {row['99%']} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers of zhifa serve")
    parser.add_argument("--users", default="100,300,500", help="user counts, one stage each")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--hold", type=int, default=120, help="seconds all users work after the ramp")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("请用 DATABASE_URL 指向 PostgreSQL 演示数据库（负载测试在 PostgreSQL 上运行）")
    port = free_port()
    url = f"http://{HOST}:{port}"
    data_dir = Path(os.environ.get("ZHIFA_DATA_DIR", ROOT / "var"))
    server = start_server(options.workers, port, data_dir / "load" / "server.log")
    try:
        wait_until_up(url)
        print(f"# zhifa serve --workers {options.workers} at {url}; think time 5–15 s; spawn rate "
              f"{options.spawn_rate:g}/s; hold {options.hold} s; {os.cpu_count()} CPUs")
        with tempfile.TemporaryDirectory() as scratch:
            for users in (int(value) for value in options.users.split(",")):
                before = os.getloadavg()[0]
                whole, steady = run_stage(url, users, options.spawn_rate, options.hold, Path(scratch) / f"u{users}")
                after = os.getloadavg()[0]
                print_stage(f"{users} users, whole stage (load average {before:.1f} before, {after:.1f} after)", whole)
                print_stage(f"{users} users, steady part (after the last person started)", steady)
    finally:
        stop_server(server)


if __name__ == "__main__":
    sys.exit(main())
