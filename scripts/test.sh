#!/usr/bin/env bash
# `make test`: install everything, then run the whole suite on SQLite and on PostgreSQL.
#
# PostgreSQL: $TEST_DATABASE_URL if set, else $DATABASE_URL if set, else a throw-away server
# started here on 127.0.0.1 and deleted at the end. Extra arguments go to pytest on both runs
# (e.g. `scripts/test.sh tests/org`). Exit status is non-zero when either run fails.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"

install_app

postgres_url="${TEST_DATABASE_URL:-${DATABASE_URL:-}}"
# poppler-utils: pdftotext reads the text of the rendered documents; Pango: WeasyPrint renders them.
packages=(chromium fonts-noto-cjk rsync poppler-utils libpango-1.0-0 libpangoft2-1.0-0)
[ -n "$postgres_url" ] || packages+=(postgresql)
ensure_debian_packages "${packages[@]}"

REPORTS="$(mktemp -d -t zhifa-test.XXXXXX)"
# Temporary files of the test processes (data directories, browser profiles) go here and are
# deleted with it.
mkdir "$REPORTS/tmp"
cleanup() {
  postgres_stop
  rm -rf "$REPORTS"
}
trap cleanup EXIT

if [ -z "$postgres_url" ]; then
  postgres_start
  postgres_url="$PG_TEMP_URL"
fi

# Prints "NAME: N passed, N failed, N skipped" from a JUnit report (NAME REPORT EXIT_STATUS).
summary_line() {
  "$VENV/bin/python" - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET

name, path, status = sys.argv[1:]
try:
    suites = ET.parse(path).getroot().iter("testsuite")
except (OSError, ET.ParseError):
    print(f"{name}: pytest 没有产生测试报告（退出码 {status}）")
    raise SystemExit(0)
total = failed = skipped = 0
for suite in suites:
    total += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"{name}: {total - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
}

run_suite() {
  local name="$1" report="$REPORTS/$1.xml"
  shift
  say "pytest -n 2 on $name"
  local status=0
  env "$@" TMPDIR="$REPORTS/tmp" "$VENV/bin/pytest" -n 2 --junitxml="$report" "${PYTEST_ARGS[@]}" || status=$?
  SUMMARIES+=("$(summary_line "$name" "$report" "$status")")
  return "$status"
}

PYTEST_ARGS=("$@")
SUMMARIES=()
sqlite_status=0
postgres_status=0
run_suite SQLite -u DATABASE_URL || sqlite_status=$?
run_suite PostgreSQL DATABASE_URL="$postgres_url" || postgres_status=$?

echo
printf '%s\n' "${SUMMARIES[@]}"
[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
