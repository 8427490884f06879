"""Rendering a template version with a context: sandboxed Django template language, then WeasyPrint.

The sandbox is a template engine of its own: no loaders (no ``include``/``extends`` of files), no tag
libraries to ``load``, autoescaping on, and a context of plain JSON data, so a template sees nothing
but what the document was given. WeasyPrint fetches nothing either: every URL in the HTML or CSS is
refused, and the Chinese text is set in the Noto CJK fonts that the set-up installs (found by
fontconfig, no web fonts), so the text of the PDF is extractable.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template import Context, Engine, Template, TemplateDoesNotExist, TemplateSyntaxError
from django.utils.html import escape

SANDBOX = Engine(loaders=[], libraries={}, autoescape=True, string_if_invalid="", debug=False)
MSG_SYNTAX = "文书模板“{name}”有语法错误：{error}"
DRAFT_CSS = """
.zhifa-draft { position: fixed; top: 42%; left: 0; right: 0; text-align: center; font-size: 110pt;
  color: rgba(160, 160, 160, 0.28); transform: rotate(-30deg); letter-spacing: 30pt; z-index: -1; }
"""
PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body>{watermark}{body}</body></html>"""


def compile_body(body: str, *, name: str) -> Template:
    """The body compiled in the sandbox and tried on an empty context.

    ``ValidationError`` naming the template on a syntax error, an unknown tag library or a file it
    would include.
    """
    try:
        template = Template(body, engine=SANDBOX)
        template.render(Context({}))
    except (TemplateSyntaxError, TemplateDoesNotExist) as error:
        raise ValidationError(MSG_SYNTAX.format(name=name, error=error)) from None
    return template


def render_html(template, context: dict, *, draft: bool) -> str:
    """The full HTML page of ``template`` (a ``DocumentTemplate``) filled with ``context``."""
    body = Template(template.body, engine=SANDBOX).render(Context(context, autoescape=True))
    watermark = '<div class="zhifa-draft">草稿</div>' if draft else ""
    return PAGE.format(title=escape(template.name), watermark=watermark, body=body)


def render_pdf(template, context: dict, *, draft: bool = False) -> bytes:
    """The PDF of ``template`` filled with ``context``; a draft carries the 草稿 watermark."""
    from weasyprint import CSS, HTML  # imported on use: loading Pango costs time at start-up
    from weasyprint.urls import URLFetcher

    refuse_every_url = URLFetcher(allowed_protocols=())
    html = render_html(template, context, draft=draft)
    stylesheets = [CSS(string=template.css + (DRAFT_CSS if draft else ""), url_fetcher=refuse_every_url)]
    return HTML(string=html, url_fetcher=refuse_every_url).write_pdf(stylesheets=stylesheets)
