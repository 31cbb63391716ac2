"""
Turn a memo's body into safe HTML: plain text is escaped, Markdown is rendered and then sanitised.

Markdown lets raw HTML through by design, so its output goes through nh3 with a short list of the
tags Markdown itself produces; anything else (script, style, iframe, event handlers, javascript:
links) is removed, and <script>/<style> lose their content too. markdown-it parses in time linear in
the body: a body of nested brackets or lists, pasted or forged, costs no more than any other.
"""

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from .constants import Format

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def markdown_sanitise(text: str) -> str:
    """Return Markdown text rendered to HTML that keeps only harmless tags and links."""
    html = MARKDOWN.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def isi_html(*, isi: str, format: str) -> SafeString:
    """Return the body as HTML safe to put in a page or a PDF."""
    if format == Format.MARKDOWN:
        return mark_safe(markdown_sanitise(isi))  # nosec B308 B703 - nh3 has just sanitised it
    return mark_safe(linebreaks(isi, autoescape=True))  # nosec B308 B703 - linebreaks escaped it
