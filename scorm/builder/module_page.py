"""Render the single-unit build's one page: every lesson and the assessment, shown one at a time.

The whole module is one SCO, so it initializes once and terminates once per visit whatever the
platform's player does between SCOs (Moodle's 2004 player refuses a second ``Initialize`` on the
same page). The page carries its own table of contents and previous / next buttons; the runtime
(``lms-bridge-module.js``) shows one part at a time and keeps the place and the answers.

Lessons are written independently, so two lessons may use the same heading or footnote ids: each
lesson's ids (and the links, labels and ARIA references to them) get the prefix ``l<n>-``.
"""
from __future__ import annotations

import html
import re

from ..source.model import ModuleEdition
from .assessment import assessment_config, render_assessment_main
from .pages import render_lesson_body, render_page
from .text import interface_text

MODULE_PAGE = "index.html"
_ID_ATTRIBUTE = re.compile(r'(?<![\w-])(id|for|aria-labelledby|aria-describedby|aria-controls|headers)'
                           r'=(["\'])(.*?)\2')
_FRAGMENT_LINK = re.compile(r'(?<![\w-])href=(["\'])#(.*?)\1')


def prefix_ids(fragment: str, prefix: str) -> str:
    """``fragment`` with every id, and every reference to one inside it, prefixed."""
    def ids(match: re.Match) -> str:
        values = " ".join(prefix + value for value in match.group(3).split())
        return f"{match.group(1)}={match.group(2)}{values}{match.group(2)}"

    def links(match: re.Match) -> str:
        target = match.group(2)
        return f"href={match.group(1)}#{prefix + target if target else ''}{match.group(1)}"
    return _FRAGMENT_LINK.sub(links, _ID_ATTRIBUTE.sub(ids, fragment))


def render_module_page(edition: ModuleEdition, scorm_version: str) -> str:
    """The complete HTML document of the single-unit build of ``edition``."""
    text = interface_text(edition.language)
    parts = [_lesson_part(edition, index, text) for index in range(len(edition.lessons))]
    titles = [lesson.title for lesson in edition.lessons]
    if edition.assessment is not None:
        parts.append(_part(len(parts), "assessment", render_assessment_main(edition)))
        titles.append(edition.assessment.title)
    main = "\n".join([_table_of_contents(titles, text), *parts, _pager(text)])
    config = {"kind": "module", "scormVersion": scorm_version, "text": text,
              "rule": edition.completion_rule.value,
              "lessons": [{"id": lesson.key, "title": lesson.title} for lesson in edition.lessons],
              "assessment": assessment_config(edition) if edition.assessment else None}
    subtitle = text["part_position"].format(n=1, total=len(titles))
    return render_page(edition, titles[0], subtitle, main, config)


def _part(index: int, kind: str, content: str) -> str:
    return "\n".join([f'<section class="lmsb-part" id="lmsb-part-{index}" data-kind="{kind}" '
                      f'aria-labelledby="lmsb-part-{index}-title" hidden>',
                      content.replace("<h1>", f'<h1 id="lmsb-part-{index}-title">', 1),
                      "</section>"])


def _lesson_part(edition: ModuleEdition, index: int, text: dict[str, str]) -> str:
    lesson = edition.lessons[index]
    body = render_lesson_body(lesson)
    content = "\n".join([
        '<article class="lmsb-lesson">',
        f"<h1>{html.escape(lesson.title)}</h1>",
        prefix_ids(body.strip(), f"l{index + 1}-"),
        "</article>",
        '<div class="lmsb-end">',
        f'<p>{html.escape(text["end_text"])}</p>',
        f'<button type="button" class="lmsb-complete" data-part="{index}">'
        f'{html.escape(text["complete"])}</button>',
        "</div>",
    ])
    return _part(index, "lesson", content)


def _table_of_contents(titles: list[str], text: dict[str, str]) -> str:
    items = [f'<li><button type="button" class="lmsb-toc-link" data-part="{index}" '
             f'aria-controls="lmsb-part-{index}">{html.escape(title)}'
             f'<span class="lmsb-done-mark" hidden> ({html.escape(text["done_mark"])})</span>'
             "</button></li>" for index, title in enumerate(titles)]
    return "\n".join([f'<nav class="lmsb-toc" aria-label="{html.escape(text["contents"])}">',
                      '<ol>', *items, "</ol>", "</nav>"])


def _pager(text: dict[str, str]) -> str:
    return "\n".join([
        f'<nav class="lmsb-pager" aria-label="{html.escape(text["pages"])}">',
        f'<button type="button" id="lmsb-previous">{html.escape(text["previous"])}</button>',
        f'<button type="button" id="lmsb-next">{html.escape(text["next"])}</button>',
        "</nav>",
        '<p id="lmsb-status" class="lmsb-status" role="status" aria-live="polite"></p>',
    ])
