#!/usr/bin/env bash
# `make bootstrap`: install the Python and front-end dependencies only (no system packages).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

install_app
