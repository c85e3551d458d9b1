"""A hostile source builds into pages that carry none of its script (``scorm.builder.sanitize``).

Markdown allows raw HTML and an ``.html`` lesson is HTML: whatever a source file says, the built
package has no script element of its own, no event handler, no ``javascript:`` URL, no frame,
no style element or attribute. The builder's own ``<script src="assets/...">`` and JSON data
element are the only scripts of a page.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import html

from scorm.builder import ScormTarget, Units, build_package
from scorm.builder.sanitize import clean_fragment, removed_markup
from tests.scorm.module_source_fixture import ASSESSMENT_EN, write_fixture_module

HOSTILE_MARKDOWN = """\
# Reading the tariff

Plain text stays.<script>alert("md-script")</script>

<img src="images/heading.svg" alt="A heading" onerror="alert('md-onerror')">

<a href="javascript:alert('md-js-link')">a link</a> and [another](javascript:alert('md-js-md'))

<iframe src="https://evil.example/frame"></iframe>
<style>body { display: none }</style>
<p style="color: red" onclick="alert('md-onclick')">Styled</p>
<object data="evil.swf"></object><embed src="evil.swf">
<svg><script>alert('md-svg')</script></svg>
<form action="https://evil.example"><input name="x"></form>
<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">

| Level | Digits |
|---|---|
| Chapter | 2 |
"""

HOSTILE_HTML = """\
<h1>The rules</h1>
<p onmouseover="alert('html-hover')">Apply GIR 1 first.</p>
<script src="https://evil.example/x.js"></script>
<div><img src="images/heading.svg" alt="A heading" onload="alert('html-onload')"></div>
<iframe srcdoc="<script>alert('html-srcdoc')</script>"></iframe>
<a href=" JaVaScRiPt:alert('html-js')">trick</a>
"""

HOSTILE_PROMPT = ASSESSMENT_EN.replace(
    'prompt: "How many digits has a heading?"',
    'prompt: "How many digits? <img src=images/heading.svg alt=H onerror=alert(\'prompt-onerror\')>'
    '<script>alert(\'prompt-script\')</script>"')
HOSTILE_FEEDBACK = HOSTILE_PROMPT.replace(
    'feedback: {correct: "Yes.", incorrect: "A heading has four digits."}',
    'feedback: {correct: "Yes.<script>alert(\'feedback\')</script>", '
    'incorrect: "<a href=\'javascript:alert(1)\'>No</a>"}')

# Elements that would mean the hostile source got through (text that merely mentions alert()
# is harmless: it is escaped text, or data in the JSON element the runtime never runs).
FORBIDDEN_ELEMENTS = ("iframe", "style", "object", "embed", "form", "input", "base", "svg",
                      "frame", "link")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "srcdoc")


def _problems(page: str) -> list[str]:
    """Every element or attribute of a page that could run script or restyle it."""
    tree = html.fromstring(page)
    found = [f"<{e.tag}>" for e in tree.iter() if isinstance(e.tag, str)
             and e.tag in FORBIDDEN_ELEMENTS]
    found += [f"<script {dict(s.attrib)}>" for s in tree.iter("script")
              if not (s.get("src", "").startswith("assets/") and not s.text)
              and s.get("type") != "application/json"]
    found += [f"{e.tag} {name}" for e in tree.iter() if isinstance(e.tag, str)
              for name in e.attrib if name.lower().startswith("on") or name == "style"]
    found += [f"{e.tag} {name}={e.get(name)!r}" for e in tree.iter() if isinstance(e.tag, str)
              for name in URL_ATTRIBUTES if name in e.attrib
              and re.match(r"\s*(javascript|data|vbscript):|https?://evil", e.get(name), re.I)]
    found += [f"meta {dict(m.attrib)}" for m in tree.iter("meta") if m.get("http-equiv")]
    return found


@pytest.fixture
def hostile_source(tmp_path: Path) -> Path:
    return write_fixture_module(tmp_path, {
        "en/lessons/01-reading-the-tariff.md": HOSTILE_MARKDOWN,
        "en/lessons/02-interpretative-rules.md": None,
        "en/lessons/02-interpretative-rules.html": HOSTILE_HTML,
        "en/assessment.yaml": HOSTILE_FEEDBACK,
    })


def _pages(zip_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.endswith(".html")}


@pytest.mark.parametrize("units", [Units.SINGLE, Units.PER_LESSON])
@pytest.mark.parametrize("target", [ScormTarget.SCORM_12, ScormTarget.SCORM_2004])
def test_a_hostile_source_builds_into_pages_without_its_script(hostile_source, tmp_path, units,
                                                               target):
    built = build_package(hostile_source, target, "en", tmp_path / "out", units=units)
    benign = build_package(write_fixture_module(tmp_path / "benign"), target, "en",
                           tmp_path / "benign-out", units=units)
    pages, own = _pages(built), _pages(benign)
    assert pages.keys() == own.keys()
    for name, page in pages.items():
        # the builder's own <link>, <form>, <input> and scripts, and nothing of the source's
        assert sorted(_problems(page)) == sorted(_problems(own[name])), name
        assert "<script>alert" not in page and "evil.example" not in page, name
    text = "\n".join(pages.values())
    assert "Plain text stays." in text and "Apply GIR 1 first." in text  # the content stays
    assert 'alt="A heading"' in text and "images/heading.svg" in text


def test_the_check_finds_what_it_looks_for():
    # The check above must be able to fail: an unsanitised page trips every rule.
    page = ('<html><head><meta http-equiv="refresh" content="0"></head><body>'
            '<script>alert(1)</script><p onclick="x()" style="c">t</p>'
            '<a href=" javascript:x()">l</a><iframe></iframe></body></html>')
    assert len(_problems(page)) == 6


def test_the_markdown_the_builder_writes_survives_cleaning():
    # What the Markdown extensions produce (footnotes, tables, heading ids) is kept as is.
    fragment = ('<h2 id="sec">Sec</h2><p>Text<sup id="fnref:1"><a class="footnote-ref" '
                'href="#fn:1">1</a></sup></p><table><thead><tr><th align="left" scope="col">'
                'A</th></tr></thead><tbody><tr><td align="right">1</td></tr></tbody></table>'
                '<abbr title="Harmonized System">HS</abbr>')
    assert clean_fragment(fragment) == fragment


@pytest.mark.parametrize("fragment, kept", [
    ('<a href="https://www.wcoomd.org/">WCO</a>', '<a href="https://www.wcoomd.org/">WCO</a>'),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<img src="images/a.svg" alt="A" onerror="alert(1)">', '<img src="images/a.svg" alt="A">'),
    ("<script>alert(1)</script>after", "after"),
    ("<style>p{}</style>after", "after"),
    ('<iframe src="https://x.example"></iframe>after', "after"),
    ('<p style="color:red">x</p>', "<p>x</p>"),
])
def test_clean_fragment(fragment, kept):
    assert clean_fragment(fragment) == kept


def test_removed_markup_names_what_cleaning_takes_out():
    assert removed_markup(HOSTILE_HTML) == [
        "onmouseover on <p>", "<script>", "onload on <img>", "<iframe>",
        "javascript: address on <a>"]
    assert removed_markup('<h2 id="s">S</h2><p><a href="https://x.example/">x</a></p>') == []
