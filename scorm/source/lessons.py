"""Reading and checking the lesson files of a module source (``<lang>/lessons/NN-name.md|html``)."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from .fields import Findings
from .model import Lesson, LessonFormat
from .yaml_lines import line_of_offset

LESSON_FILE = re.compile(r"^(?P<number>\d+)-(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<ext>md|html)$")
IMAGE_PATH = re.compile(r"^images/(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*"
                        r"\.(?:svg|png|jpe?g|gif|webp)$", re.IGNORECASE)
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?P<src><[^>]*>|[^)\s]*)"
                            r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ATTRIBUTE = re.compile(r"""\b(?P<name>src|alt)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""",
                            re.IGNORECASE)
MARKDOWN_TITLE = re.compile(r"^#\s+(?P<title>.*?)\s*#*\s*$")
HTML_TITLE = re.compile(r"^<h1\b[^>]*>(?P<title>.*?)</h1>\s*$", re.IGNORECASE)
FENCE = re.compile(r"^\s*(```|~~~)")


def read_lessons(root: Path, language: str, findings: Findings) -> list[Lesson]:
    """The lessons of one language in file-name order, recording findings for bad ones."""
    folder = root / language / "lessons"
    relative = f"{language}/lessons/"
    if not folder.is_dir():
        findings.error(f"{language}/", 0, f"the folder {relative} is missing (one lesson file "
                       "per lesson, e.g. 01-introduction.md)")
        return []
    lessons: list[Lesson] = []
    seen_numbers: dict[int, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        lesson = _read_lesson(root, path, relative + path.name, findings)
        if lesson is None:
            continue
        if lesson.number in seen_numbers:
            findings.error(lesson.file, 1, f"lesson number {lesson.number} is already used by "
                           f"{seen_numbers[lesson.number]}")
            continue
        seen_numbers[lesson.number] = lesson.file
        lessons.append(lesson)
    if not lessons and not any(item.file.startswith(relative) for item in findings.errors):
        findings.error(relative, 0, "no lesson file (expected e.g. 01-introduction.md)")
    return sorted(lessons, key=lambda lesson: lesson.number)


def _read_lesson(root: Path, path: Path, file: str, findings: Findings) -> Lesson | None:
    match = LESSON_FILE.match(path.name)
    if match is None or not path.is_file():
        if path.suffix in (".md", ".html"):
            findings.error(file, 0, "a lesson file name is a number, a hyphen and a lower-case "
                           "name, e.g. 01-introduction.md")
        else:
            findings.warning(file, 0, "not a lesson (.md or .html): ignored")
        return None
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except OSError as exc:
        findings.error(file, 0, f"cannot read the lesson: {exc}")
        return None
    except UnicodeDecodeError as exc:
        findings.error(file, line_of_offset(data, exc.start), f"not UTF-8 text: {exc.reason} "
                       "(save the lesson as UTF-8)")
        return None
    lesson_format = LessonFormat(match["ext"])
    first, _, body = text.partition("\n")
    title = _title_of(first, lesson_format)
    if title is None:
        findings.error(file, 1, "the first line must be the lesson title, written '# Title'")
        return None
    images = check_images_exist(root, file, image_references(text, file, findings), findings)
    lesson = Lesson(key=f"{match['number']}-{match['name']}", number=int(match["number"]),
                    title=title, body=body, format=lesson_format, file=file, images=images)
    if not body.strip():
        findings.warning(file, 2, "the lesson has a title but no content")
    _warn_about_extra_titles(body, lesson, findings)
    return lesson


def _title_of(first_line: str, lesson_format: LessonFormat) -> str | None:
    match = MARKDOWN_TITLE.match(first_line)
    if match is None and lesson_format is LessonFormat.HTML:
        match = HTML_TITLE.match(first_line.strip())
        if match is not None:
            return html.unescape(re.sub(r"<[^>]+>", "", match["title"])).strip() or None
    return match["title"] if match is not None and match["title"] else None


def _warn_about_extra_titles(body: str, lesson: Lesson, findings: Findings) -> None:
    if lesson.format is not LessonFormat.MARKDOWN:
        return
    for number, line in _lines_outside_code(body, first_line=2):
        if MARKDOWN_TITLE.match(line):
            findings.warning(lesson.file, number, "only the first line may be a level-1 heading "
                             "('# '); use '## ' for sections so that screen readers see one title")


def image_references(text: str, file: str, findings: Findings,
                     first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield (line, 'images/...') for each well-formed image of ``text``; record bad ones."""
    for number, line in _lines_outside_code(text, first_line):
        for match in MARKDOWN_IMAGE.finditer(line):
            src = match["src"].strip("<>")
            if not match["alt"].strip():
                findings.error(file, number, f"image {src} has no alt text: write "
                               f"![what the image shows]({src})")
            if _is_valid_image_path(src, file, number, findings):
                yield number, src
        for tag in HTML_IMAGE.finditer(line):
            attributes = {m["name"].lower(): m["dq"] if m["dq"] is not None else
                          m["sq"] if m["sq"] is not None else m["bare"]
                          for m in HTML_ATTRIBUTE.finditer(tag.group(0))}
            src = attributes.get("src", "")
            if "alt" not in attributes:
                findings.error(file, number, f"image {src} has no alt attribute")
            elif not attributes["alt"].strip():
                findings.warning(file, number, f"image {src} has an empty alt: screen readers "
                                 "will skip it (right only for decoration)")
            if _is_valid_image_path(src, file, number, findings):
                yield number, src


def _is_valid_image_path(src: str, file: str, line: int, findings: Findings) -> bool:
    if IMAGE_PATH.match(src) and ".." not in src.split("/"):
        return True
    findings.error(file, line, f"image '{src}' must be a file of the module's images/ folder, "
                   "written images/<file> (.svg, .png, .jpg, .gif or .webp)")
    return False


def _lines_outside_code(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    fence: str | None = None
    for offset, line in enumerate(text.split("\n")):
        match = FENCE.match(line)
        if match is not None:
            if fence is None:
                fence = match.group(1)
            elif match.group(1) == fence:
                fence = None
            continue
        if fence is None:
            yield first_line + offset, line


def check_images_exist(root: Path, file: str, references: Iterator[tuple[int, str]],
                       findings: Findings) -> tuple[str, ...]:
    """The sorted images of (line, 'images/...') ``references``; an error for each missing one."""
    images = set()
    for line, src in references:
        if (root / src).is_file():
            images.add(src)
        else:
            findings.error(file, line, f"missing image: {src} is not in the module's images/ folder")
    return tuple(sorted(images))


def check_translations(lessons: dict[str, list[Lesson]], default: str, findings: Findings) -> None:
    """An error for every lesson of the default language that another language lacks, and back."""
    reference = {lesson.number: lesson for lesson in lessons.get(default, [])}
    for language, translated in lessons.items():
        if language == default:
            continue
        numbers = {lesson.number for lesson in translated}
        for number, lesson in reference.items():
            if number not in numbers:
                findings.error(lesson.file, 1, f"lesson {lesson.key} has no '{language}' "
                               f"translation: {language}/lessons/{lesson.key}.{lesson.format.value}"
                               " is missing")
        for lesson in translated:
            if lesson.number not in reference:
                findings.error(lesson.file, 1, f"lesson number {lesson.number} does not exist in "
                               f"the default language '{default}'")
