"""Generates docs/legal.md from the catalogue, so the documentation cannot drift from the code.

Example answers are computed with the built-in data (chinese-calendar and national defaults).
"""

from __future__ import annotations

import json

from .catalogue import KIND_LABELS, all_rules, to_json
from .engine import builtin_rules
from .thresholds import BUILTIN, SPECS

HEADER = """# 法律规则目录（自动生成）

> 本文件由 `zhifa legal-docs` 根据 `zhifa.legal` 的规则目录生成，请勿手工修改；
> 测试 `tests/legal/test_docs.py` 在本文件与代码不一致时失败。每条规则的法律依据（法律名称、条款、原文）见下文。

## 调用方式

三种方式使用相同的规则编号和参数名，答案完全相同：

- Python：`zhifa.legal.evaluate("payment_deadline", received_on="2026-01-31")`，返回 `Answer`，`as_json()` 为 JSON 形式；
- REST：`POST /api/legal/evaluate`，请求体 `{"rule": "payment_deadline", "received_on": "2026-01-31"}`；
  `GET /api/legal/rules` 列出全部规则及参数；
- 命令行：`zhifa legal payment_deadline --received_on 2026-01-31`，或
  `zhifa legal payment_deadline --json '{"received_on": "2026-01-31"}'`（与 REST 请求体相同的对象）。

答案是一个 JSON 对象：各规则的结果名，加上 `basis`（法律依据列表，每项含 `law`、`article`、`text`）和
`warnings`（中文提示列表）。输入有误时：REST 返回 400，命令行向 stderr 输出并以状态 2 退出，
Python 抛出 `zhifa.legal.RuleError`；三者的错误对象都是 `{"code", "message", "field"}`，`message` 为中文并指明参数。

## 约定

- 日期为 `YYYY-MM-DD`；金额以元为单位，不小于 0，最多两位小数；期间为 `[开始, 结束]`，两端均含。
- 期间起算日不计入（民法典第201条）；按月、年计算的，到期月对应日届满，无对应日的为月末日（第202条）。
- 行政处罚法的“二日、三日、五日、七日”和行政强制法十日以内的期限为工作日（调休上班日计入，法定节假日不计入）；
  其他期限为日历日。
- 约束当事人的期限（听证申请、缴款、复议、诉讼）最后一日为休息日的顺延至下一工作日（第203条）；
  约束行政机关的期限不顺延，届满日为休息日时给出提示。
- 工作日历是数据：内置 chinese-calendar 已收录年份的法定节假日和调休上班日；国务院公布次年节假日安排后由管理员录入。
- 节假日安排未完整录入的年份按“周六、周日休息”计算，答案带有提示。导入国务院安排（`zhifa legal-calendar import`）
  即标记该年完整（`--partial` 除外），部分录入的年份可在节假日页面或用 `zhifa legal-calendar complete 年份` 标记为完整。
- 导入只替换文件所属年份（`--year`，默认为有1月8日至12月24日之间日期的年份）；文件中其他年份的日期（如2023年安排中的
  2022-12-31）会改动该年时须确认（`--force`，页面勾选“允许改动其他年份的日期”），且只写入这些日期。
- “自立案之日起九十日内”等期限不含立案当日（民法典第201条）；个别机关把立案当日计为第一日，可通过设置
  `decision.count_filing_day` 改变，默认不计入。
- 加处罚款的天数：自缴款期限届满（遇休息日顺延）次日起至缴纳日，两端均含；复议、诉讼期间不计算（行政强制法第45条，
  行政处罚法第72条、第73条）。
- “以上、以下、以内”包括本数（民法典第1259条）。
- 法律留给部门或地方规定的数额（听证的较大数额、法制审核范围、较低数额罚款、公示期限、脱敏方案）为按地区、领域配置的
  门槛，内置全国默认值；未经全文核实的默认值在答案中给出提示。
- 规则按日期适用当时有效的法律：例如 2021年7月15日以前的违法行为适用 1996 年行政处罚法的简易程序数额。
- 规则按事实的日期（`decided_on` 决定日期、`published_on` 公示/公开日期）施行的标准判断；该日期为空时按当天（北京时间），答案带有提示。
- 地区配置按“区县 → 地市 → 省 → 全国”逐级查找；所填行政区划没有自己的配置而采用上级或全国标准时，答案带有提示。
- 每个期限、拦截和提示都写明法律依据（法律名称和条款）。

## 数据更新何时生效

管理员修改节假日安排或地方标准（网页、导入或命令）后：执行修改的进程在下一次计算时立即使用新数据；
其他应用服务器进程和任务进程每秒至多查询一次数据版本号，最迟约 1 秒后（环境变量
`ZHIFA_LEGAL_RECHECK_SECONDS`，默认 1）在下一次计算时重新加载。两次查询之间的计算不访问数据库，
在 Django 内每秒可计算一万次以上（见 docs/performance.md）。
"""


def _param_type(param) -> str:
    text = KIND_LABELS[param.kind]
    if param.choices:
        text += "：" + "、".join(f"`{value}` {label}" for value, label in param.choices)
    return text


def _default(param) -> str:
    if param.required:
        return "必填"
    default = param.default
    if default in (None, "", ()):
        return "可选"
    return f"可选，默认 `{json.dumps(to_json(default), ensure_ascii=False)}`"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown() -> str:
    """The full text of docs/legal.md."""
    rules = builtin_rules()
    lines = [HEADER]
    categories: dict[str, list] = {}
    for rule in all_rules():
        categories.setdefault(rule.category, []).append(rule)
    lines.append("## 规则一览\n")
    lines.append("| 规则编号 | 名称 | 类别 |")
    lines.append("|---|---|---|")
    for rule in all_rules():
        lines.append(f"| [`{rule.id}`](#{rule.id}) | {rule.title} | {rule.category} |")
    lines.append("")
    for category, members in categories.items():
        lines.append(f"## {category}\n")
        for rule in members:
            lines.append(f'<a id="{rule.id}"></a>\n')
            lines.append(f"### `{rule.id}` — {rule.title}\n")
            lines.append(rule.summary + "\n")
            lines.append("| 参数 | 含义 | 类型 | 是否必填 |")
            lines.append("|---|---|---|---|")
            for param in rule.params:
                meaning = param.label + (f"（{param.help}）" if param.help else "")
                lines.append(f"| `{param.name}` | {_escape(meaning)} | {_escape(_param_type(param))} | {_default(param)} |")
            lines.append("")
            lines.append("| 结果 | 含义 | 类型 |")
            lines.append("|---|---|---|")
            for result in rule.results:
                kind = {"date": "日期", "bool": "是/否", "int": "整数", "amount": "金额（元）", "text": "文本"}.get(result.kind, "")
                if result.choices:
                    kind = "、".join(f"`{value}` {label}" for value, label in result.choices)
                lines.append(f"| `{result.name}` | {result.label} | {_escape(kind)} |")
            lines.append("")
            lines.append("法律依据：\n")
            for citation in rule.basis:
                lines.append(f"- {citation.law} {citation.article}：{citation.text}")
            lines.append("")
            example = dict(rule.examples[0])
            answer = rules.evaluate(rule.id, example).as_json()
            shown = {k: v for k, v in answer.items() if k != "basis"}
            lines.append("示例：\n")
            lines.append("```")
            lines.append(f"zhifa legal {rule.id} --json '{json.dumps(example, ensure_ascii=False)}'")
            lines.append(json.dumps(shown, ensure_ascii=False, indent=2))
            lines.append("```\n")
    lines.append("## 可配置的法定标准（全国默认值）\n")
    lines.append("管理员可在“系统管理 → 法定标准配置”按地区（行政区划代码前缀）、执法领域和生效日期覆盖下列默认值。"
                 "匹配顺序：指定领域的优先，其次地区代码前缀越长越优先，再次生效日期越晚越优先。"
                 "标注“未核实”的数值在答案中附带提示。\n")
    lines.append("| 配置项 | 含义 | 领域 | 生效日期 | 默认值 | 依据 | 核实 |")
    lines.append("|---|---|---|---|---|---|---|")
    for record in sorted(BUILTIN, key=lambda r: (r.key, r.sector, r.effective_from)):
        spec = SPECS[record.key]
        where = record.sector or "全部"
        source = f"{record.basis.law} {record.basis.article}" if record.basis else "—"
        verified = "已核实" if record.verified else "未核实"
        lines.append(
            f"| `{record.key}` | {spec.label} | {where} | {record.effective_from} | {spec.format(record.value)} | "
            f"{_escape(source)} | {verified} |"
        )
    lines.append("")
    return "\n".join(lines)
