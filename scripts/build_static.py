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
    # The API documentation page (/api/docs/, drf-spectacular's SWAGGER_UI_DIST points here).
    "swagger-ui-dist/swagger-ui.css": "swagger-ui/swagger-ui.css",
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui-standalone-preset.js": "swagger-ui/swagger-ui-standalone-preset.js",
    "swagger-ui-dist/favicon-32x32.png": "swagger-ui/favicon-32x32.png",
    "bpmn-js/dist/bpmn-modeler.production.min.js": "bpmn-js/bpmn-modeler.min.js",
    "bpmn-js/dist/assets/diagram-js.css": "bpmn-js/diagram-js.css",
    "bpmn-js/dist/assets/bpmn-js.css": "bpmn-js/bpmn-js.css",
    "bpmn-js-properties-panel/dist/bpmn-js-properties-panel.umd.js": "bpmn-js/properties-panel.umd.js",
    "@bpmn-io/properties-panel/dist/assets/properties-panel.css": "bpmn-js/properties-panel.css",
    "camunda-bpmn-moddle/resources/camunda.json": "bpmn-js/camunda.json",
}
# Whole folders (fonts referenced by relative paths from their CSS).
FOLDERS = {
    "bpmn-js/dist/assets/bpmn-font": "bpmn-js/bpmn-font",
}
#: Tabler icons the pages use (``{% icon "name" %}``): the menu groups, printing, the error pages.
ICONS = ("layout-dashboard", "briefcase", "eye-check", "database", "settings", "printer", "filter", "menu-2",
         "chevron-down", "alert-triangle")
FILES.update({f"@tabler/icons/icons/outline/{name}.svg": f"tabler-icons/{name}.svg" for name in ICONS})


def main() -> int:
    missing = [src for src in (*FILES, *FOLDERS) if not (MODULES / src).exists()]
    if missing:
        print("缺少前端依赖，请先运行 npm ci：" + ", ".join(missing), file=sys.stderr)
        return 1
    for src, dest in FILES.items():
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / src, target)
    for src, dest in FOLDERS.items():
        shutil.copytree(MODULES / src, VENDOR / dest, dirs_exist_ok=True)
    print(f"已复制 {len(FILES)} 个前端文件和 {len(FOLDERS)} 个目录到 {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
