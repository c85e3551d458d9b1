"""Render lesson pages (Markdown or HTML sources) into complete, accessible HTML documents.

Output is deterministic: the same lesson always gives the same bytes. Pages carry no inline
script or style (packages are served under a restrictive Content-Security-Policy): behaviour comes
from the shared runtime script, and page data from a JSON ``<script type="application/json">``.
"""
from __future__ import annotations

import html
import json
import re

import markdown

from ..source.model import Lesson, LessonFormat, ModuleEdition
from .sanitize import clean_fragment, removed_markup
from .text import interface_text, text_direction

# The style sheet, then the scripts in the order they load (lms-bridge-content.js starts the page).
ASSET_FILES = ("assets/lms-bridge-content.css", "assets/lms-bridge-scorm.js",
               "assets/lms-bridge-assessment.js", "assets/lms-bridge-module.js",
               "assets/lms-bridge-content.js")
_EXTENSIONS = ["abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
               "tables", "sane_lists", "toc"]
# Column alignment as attributes, not style="": inline styles are refused by a strict CSP.
_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}


def _markdown_html(text: str) -> str:
    """Markdown to HTML as written, raw HTML included (not yet cleaned)."""
    converter = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS,
                                  output_format="html")
    return converter.convert(text)


def render_markdown(text: str) -> str:
    """Markdown to a cleaned HTML fragment (no script, see ``sanitize``), with accessible tables."""
    fragment = clean_fragment(_markdown_html(text))
    fragment = re.sub(r"<th(?=[ >])", '<th scope="col"', fragment)
    # A wide table scrolls inside its own box on a phone instead of widening the page.
    return fragment.replace("<table>", '<div class="lmsb-table"><table>') \
        .replace("</table>", "</table></div>")


def render_inline(text: str) -> str:
    """Markdown of one paragraph to inline HTML (no surrounding <p>) when it is one paragraph."""
    fragment = render_markdown(text)
    match = re.fullmatch(r"<p>(.*)</p>", fragment, flags=re.DOTALL)
    return match.group(1) if match and "<p>" not in match.group(1) else fragment


def is_inline(fragment: str) -> bool:
    """Whether a rendered fragment holds only phrasing content (fits in a legend or label)."""
    return re.search(r"<(p|div|ul|ol|table|h\d|pre|blockquote|dl)\b", fragment) is None


def render_lesson_body(lesson: Lesson) -> str:
    """The cleaned HTML fragment of a lesson's body, whether written in Markdown or HTML."""
    if lesson.format is LessonFormat.MARKDOWN:
        return render_markdown(lesson.body)
    return clean_fragment(lesson.body)


def markup_removed_from(lesson: Lesson) -> list[str]:
    """What building ``lesson`` removes from its raw HTML (see ``sanitize.removed_markup``)."""
    raw = _markdown_html(lesson.body) if lesson.format is LessonFormat.MARKDOWN else lesson.body
    return removed_markup(raw)


def render_lesson_page(edition: ModuleEdition, lesson: Lesson, scorm_version: str) -> str:
    """The complete HTML document of one lesson SCO."""
    text = interface_text(edition.language)
    position = edition.lessons.index(lesson) + 1
    body = render_lesson_body(lesson)
    main = "\n".join([
        '<article class="lmsb-lesson">',
        f"<h1>{html.escape(lesson.title)}</h1>",
        body.strip(),
        "</article>",
        '<section class="lmsb-end" aria-labelledby="lmsb-end-title">',
        f'<h2 id="lmsb-end-title">{html.escape(text["end_title"])}</h2>',
        f'<p>{html.escape(text["end_text"])}</p>',
        f'<button type="button" id="lmsb-complete">{html.escape(text["complete"])}</button>',
        '<p id="lmsb-status" role="status" aria-live="polite"></p>',
        "</section>",
    ])
    config = {"kind": "lesson", "scormVersion": scorm_version, "text": text}
    subtitle = text["lesson_position"].format(n=position, total=len(edition.lessons))
    return render_page(edition, lesson.title, subtitle, main, config)


def render_page(edition: ModuleEdition, title: str, subtitle: str, main: str,
                config: dict) -> str:
    """Wrap ``main`` in the document every SCO page shares (head, header, notice, config)."""
    text = interface_text(edition.language)
    language = html.escape(edition.language)
    # "</" inside the JSON would end the script element early.
    data = json.dumps(config, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("</", "<\\/")
    scripts = "\n".join(f'<script src="{name}" defer></script>' for name in ASSET_FILES[1:])
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{language}" dir="{text_direction(edition.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)} – {html.escape(edition.title)}</title>",
        f'<link rel="stylesheet" href="{ASSET_FILES[0]}">',
        scripts,
        "</head>",
        "<body>",
        f'<a class="lmsb-skip" href="#lmsb-main">{html.escape(text["skip"])}</a>',
        '<header class="lmsb-header">',
        f'<p class="lmsb-module">{html.escape(edition.title)}</p>',
        f'<p class="lmsb-position">{html.escape(subtitle)}</p>',
        "</header>",
        '<div id="lmsb-notice" class="lmsb-notice" role="status" aria-live="polite" hidden></div>',
        '<main id="lmsb-main" tabindex="-1">',
        main,
        "</main>",
        f'<script type="application/json" id="lmsb-config">{data}</script>',
        "</body>",
        "</html>",
        "",
    ])
