# shellcheck shell=bash
# Shared helpers for the set-up scripts. Source it: it defines these and moves to the repository root.
#
#   install_app                  uv (if missing) → uv sync --frozen → npm ci → static files
#   ensure_debian_packages P...  apt-get installs the packages of the list that are missing
#   say MESSAGE                  one progress line on stderr

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
cd "$ROOT" || exit 1

say() {
  printf '\n==> %s\n' "$*" >&2
}

die() {
  printf '错误：%s\n' "$*" >&2
  exit 1
}

# Run as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "需要 root 权限安装系统软件包（没有 sudo）：$*"
  fi
}

# python3 inside the repository is the pyenv/uv interpreter named by .python-version (3.12).
python_for_uv() {
  local python
  python="$(command -v python3)" || die "找不到 python3"
  "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' \
    || die "python3 不是 3.12（.python-version 要求 3.12）：$("$python" --version 2>&1)"
  "$python" -c 'import sys; print(sys.executable)'
}

install_app() {
  local python
  python="$(python_for_uv)"
  if ! "$python" -m uv --version >/dev/null 2>&1; then
    say "安装 uv"
    "$python" -m pip install --quiet uv
  fi
  say "安装 Python 依赖（uv sync --frozen，含 dev 组）"
  UV_PYTHON="$python" "$python" -m uv sync --frozen
  # npm ci rewrites node_modules/.package-lock.json: when that is newer than both manifests, the
  # installed tree is the locked one and reinstalling would only cost time.
  if [ node_modules/.package-lock.json -nt package-lock.json ] && [ node_modules/.package-lock.json -nt package.json ]; then
    say "前端依赖已是锁定版本，跳过 npm ci"
  else
    command -v npm >/dev/null 2>&1 || die "找不到 npm（需要 Node.js 20+）"
    say "安装前端依赖（npm ci）"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  say "复制前端文件到 static/vendor"
  "$VENV/bin/python" scripts/build_static.py
}

# Installs the Debian packages of the list that are not installed yet; one apt-get run for all.
ensure_debian_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "缺少系统软件包 ${missing[*]}，且本机没有 apt-get，请手动安装"
  say "安装系统软件包：${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
