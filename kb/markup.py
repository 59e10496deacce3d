"""Markdown to safe HTML: rendered with python-markdown, then cleaned with nh3 (an allow-list)."""
from __future__ import annotations

import threading

import markdown as md
import nh3

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h2", "h3", "h4", "blockquote", "code", "pre",
                "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


_local = threading.local()


def _converter() -> md.Markdown:
    # Building a Markdown parser costs more than converting one description: one per thread, reset.
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    return converter


def render(text: str) -> str:
    """Render editor Markdown to HTML that cannot carry script, styles or unsafe links."""
    html = _converter().reset().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
