"""Copy the npm-managed front-end libraries into src/zhifa/static/vendor.

Run by `make bootstrap` after `npm ci`. Nothing is fetched at run time and nothing comes from a
CDN: the pages load only these copies.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "zhifa" / "static" / "vendor"

FILES = {
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "alpinejs/dist/cdn.min.js": "alpinejs/alpine.min.js",
    "@tabler/core/dist/css/tabler.min.css": "tabler/css/tabler.min.css",
    "@tabler/core/dist/js/tabler.min.js": "tabler/js/tabler.min.js",
    "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
}
#: Tabler icons the pages use (``{% icon "name" %}``): the menu groups, printing, the error pages.
ICONS = ("layout-dashboard", "briefcase", "eye-check", "database", "settings", "printer", "filter", "menu-2",
         "chevron-down", "alert-triangle")
FILES.update({f"@tabler/icons/icons/outline/{name}.svg": f"tabler-icons/{name}.svg" for name in ICONS})


def main() -> int:
    missing = [src for src in FILES if not (MODULES / src).exists()]
    if missing:
        print("缺少前端依赖，请先运行 npm ci：" + ", ".join(missing), file=sys.stderr)
        return 1
    for src, dest in FILES.items():
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / src, target)
    print(f"已复制 {len(FILES)} 个前端文件到 {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
