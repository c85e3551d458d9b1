"""Load and validate a course-module source (``packages/<slug>/``), the input of the SCORM builder.

The format is documented for coordinators in ``packages/README.md``. :func:`load_module_source`
reads everything, collects every problem with the file and line it is on, and either returns a
:class:`ModuleSource` (with its warnings) or raises one :class:`SourceError` listing them all.

Errors::

    ScormError
    └── SourceError      the source is not a valid module; .findings lists file, line and problem
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..errors import ScormError
from .assessment import check_assessment_translation, read_assessment
from .fields import FieldReader, Findings
from .images import check_svg
from .lessons import check_images_exist, check_translations, image_references, read_lessons
from .model import Assessment, CompletionRule, Lesson, ModuleSource, Severity, SourceFinding
from .yaml_lines import YamlMap, YamlSyntaxError, load_yaml_file

__all__ = ["SourceError", "load_module_source"]

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
MODULE_REQUIRED = ("slug", "version", "topic", "languages", "title", "description", "keywords")
MODULE_OPTIONAL = ("mastery_score", "completion_rule", "typical_duration_minutes")


class SourceError(ScormError):
    """A module source is invalid; ``findings`` holds every error and warning, located."""

    def __init__(self, source_dir: Path, findings: list[SourceFinding]) -> None:
        self.source_dir = source_dir
        self.findings = tuple(findings)
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        lines = "\n".join(f"  {finding}" for finding in errors)
        super().__init__(f"{source_dir}: {len(errors)} problem(s) to fix:\n{lines}")

    @property
    def errors(self) -> tuple[SourceFinding, ...]:
        """The findings that stop the build."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


def load_module_source(source_dir: Path | str) -> ModuleSource:
    """Read and validate the module in ``source_dir``; raises SourceError listing every problem."""
    root = Path(source_dir)
    findings = Findings()
    data, fields = _read_module_yaml(root, findings)
    languages = fields["languages"]
    if not languages:
        raise SourceError(root, findings.items)
    _check_language_folders(root, languages, findings)
    lessons = {language: read_lessons(root, language, findings) for language in languages}
    check_translations(lessons, languages[0], findings)
    assessments = _read_assessments(root, languages, findings)
    _check_images(root, lessons, assessments, findings)
    if languages[0] in assessments or not (root / languages[0] / "assessment.yaml").is_file():
        _check_scoring(data, fields, assessments.get(languages[0]), findings)
    if findings.errors:
        raise SourceError(root, findings.items)
    return ModuleSource(root=root, lessons=_keyed_like_default(lessons, languages[0]),
                        assessments=assessments, warnings=tuple(findings.warnings), **fields)


def _check_language_folders(root: Path, languages: tuple[str, ...], findings: Findings) -> None:
    """An error for each folder written like a language (``es/lessons/``...) that module.yaml does
    not declare: its lessons would silently be left out of every build."""
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        is_language = path.is_dir() and (path / "lessons").is_dir() \
            or (path / "assessment.yaml").is_file()
        if is_language and path.name not in languages and LANGUAGE.match(path.name):
            findings.error(f"{path.name}/", 0, f"this language folder is not in module.yaml's "
                           f"'languages' ({', '.join(languages)}): add '{path.name}' to "
                           "'languages' (and its title, description and keywords) or remove "
                           "the folder")


def _read_module_yaml(root: Path, findings: Findings) -> tuple[YamlMap, dict]:
    """The fields of module.yaml (None for each bad one) and the mapping they came from."""
    reader = FieldReader("module.yaml", findings)
    data: YamlMap | None = YamlMap(0)
    if not (root / "module.yaml").is_file():
        reader.error(0, f"no module.yaml in {root} (is this a module folder?)")
    else:
        try:
            data = reader.mapping(load_yaml_file(root / "module.yaml"), 1, "module.yaml")
        except YamlSyntaxError as exc:
            reader.error(exc.line, str(exc))
    if data is None or not data:
        return YamlMap(0), {"languages": ()}
    reader.check_keys(data, MODULE_REQUIRED, MODULE_OPTIONAL, "module")
    languages = _read_languages(data, reader)
    fields = {
        "slug": _read_slug(data, root, reader),
        "version": _read_pattern(data, "version", SEMVER, "semantic version such as 1.0.0", reader),
        "topic": reader.text(data, "topic", "module"),
        "languages": languages,
        "title": _read_translated_text(data, "title", languages, reader),
        "description": _read_translated_text(data, "description", languages, reader),
        "keywords": _read_keywords(data, languages, reader),
        "mastery_score": reader.number(data, "mastery_score", "module", 0, 100)
        if "mastery_score" in data else None,
        "completion_rule": _read_completion_rule(data, reader),
        "typical_duration_minutes": _read_duration(data, reader),
    }
    return data, fields


def _read_slug(data: YamlMap, root: Path, reader: FieldReader) -> str | None:
    slug = _read_pattern(data, "slug", SLUG, "lower-case name such as hs-classification", reader)
    if slug is not None and root.resolve().name != slug:
        reader.error(data.line_of("slug"), f"slug '{slug}' must be the name of the module's "
                     f"folder ('{root.resolve().name}')")
    return slug


def _read_pattern(data: YamlMap, key: str, pattern: re.Pattern, what: str,
                  reader: FieldReader) -> str | None:
    value = data.get(key)
    if isinstance(value, str) and pattern.match(value):
        return value
    if key in data:
        reader.error(data.line_of(key), f"'{key}' must be a {what}, not {value!r}"
                     + (" (write it in quotes)" if isinstance(value, float) else ""))
    return None


def _read_languages(data: YamlMap, reader: FieldReader) -> tuple[str, ...]:
    if "languages" not in data:
        return ()
    line = data.line_of("languages")
    languages = reader.text_list(data["languages"], line, "'languages'") or ()
    for language in languages:
        if not LANGUAGE.match(language):
            reader.error(line, f"'{language}' is not a language code such as en, fr or pt-BR")
    if len(set(languages)) != len(languages):
        reader.error(line, "'languages' lists a language twice")
    if "languages" in data and not languages:
        reader.error(line, "'languages' must list at least one language, e.g. [en, fr]")
    return languages


def _read_translations(data: YamlMap, key: str, languages: tuple[str, ...],
                       reader: FieldReader) -> YamlMap | None:
    if key not in data:
        return None
    translations = reader.mapping(data[key], data.line_of(key), f"'{key}'")
    if translations is None:
        return None
    for language in languages:
        if language not in translations:
            reader.error(data.line_of(key), f"'{key}' has no '{language}' translation")
    for language in translations:
        if language not in languages:
            reader.findings.warning(reader.file, translations.line_of(language),
                                    f"'{key}' has a '{language}' text but '{language}' is not in "
                                    "'languages': ignored")
    return translations


def _read_translated_text(data: YamlMap, key: str, languages: tuple[str, ...],
                          reader: FieldReader) -> dict[str, str] | None:
    translations = _read_translations(data, key, languages, reader)
    if translations is None:
        return None
    return {language: reader.text(translations, language, f"'{key}'") for language in languages
            if language in translations}


def _read_keywords(data: YamlMap, languages: tuple[str, ...],
                   reader: FieldReader) -> dict[str, tuple[str, ...]] | None:
    translations = _read_translations(data, "keywords", languages, reader)
    if translations is None:
        return None
    return {language: reader.text_list(translations[language], translations.line_of(language),
                                       f"'keywords' ({language})")
            for language in languages if language in translations}


def _read_completion_rule(data: YamlMap, reader: FieldReader) -> CompletionRule | None:
    if "completion_rule" not in data:
        return CompletionRule.COMPLETED_AND_PASSED if "mastery_score" in data \
            else CompletionRule.COMPLETED
    try:
        return CompletionRule(data["completion_rule"])
    except ValueError:
        known = ", ".join(rule.value for rule in CompletionRule)
        reader.error(data.line_of("completion_rule"), f"unknown completion_rule "
                     f"{data['completion_rule']!r} (one of {known})")
        return None


def _read_duration(data: YamlMap, reader: FieldReader) -> int | None:
    if "typical_duration_minutes" not in data:
        return None
    value = data["typical_duration_minutes"]
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    reader.error(data.line_of("typical_duration_minutes"),
                 f"'typical_duration_minutes' must be a whole number of minutes, not {value!r}")
    return None


def _read_assessments(root: Path, languages: tuple[str, ...],
                      findings: Findings) -> dict[str, Assessment]:
    present = [language for language in languages
               if (root / language / "assessment.yaml").is_file()]
    for language in languages:
        if present and language not in present:
            findings.error(f"{present[0]}/assessment.yaml", 1, f"the assessment has no "
                           f"'{language}' translation: {language}/assessment.yaml is missing")
    assessments = {}
    for language in present:
        assessment = read_assessment(root, language, findings)
        if assessment is not None:
            assessments[language] = assessment
    reference = assessments.get(languages[0])
    for language, assessment in assessments.items():
        if reference is not None and language != languages[0]:
            check_assessment_translation(reference, assessment, findings)
    return assessments


def _check_images(root: Path, lessons: dict[str, list[Lesson]],
                  assessments: dict[str, Assessment], findings: Findings) -> None:
    used = {src for lesson_list in lessons.values() for lesson in lesson_list
            for src in lesson.images}
    for language, assessment in list(assessments.items()):
        references = (reference for question in assessment.questions
                      for reference in image_references(question.prompt, assessment.file,
                                                        findings, question.line))
        images = check_images_exist(root, assessment.file, references, findings)
        assessments[language] = dataclasses.replace(assessment, images=images)
        used.update(images)
    for name in sorted(used):
        if name.lower().endswith(".svg"):
            check_svg(root, name, findings)
    _warn_about_unused_images(root, used, findings)


def _warn_about_unused_images(root: Path, used: set[str], findings: Findings) -> None:
    folder = root / "images"
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_file() and not path.name.startswith(".") and name not in used:
            findings.warning(name, 0, "no lesson uses this image: it is left out of the package")


def _check_scoring(data: YamlMap, fields: dict, assessment: Assessment | None,
                   findings: Findings) -> None:
    reader = FieldReader("module.yaml", findings)
    rule = fields["completion_rule"]
    is_graded = assessment is not None and assessment.is_graded
    if fields["mastery_score"] is not None and not is_graded:
        reader.error(data.line_of("mastery_score"), "'mastery_score' needs a graded assessment (assessment.yaml with "
                     "'graded: true'); omit it for an ungraded module")
    if rule is not None and rule.needs_passing and "mastery_score" not in data:
        reader.error(data.line_of("completion_rule"),
                     f"completion_rule {rule.value} needs a 'mastery_score' and a graded assessment")
    if is_graded and "mastery_score" not in data:
        findings.warning(assessment.file, 1, "the assessment is graded but module.yaml has no "
                         "'mastery_score': scores are reported, nobody passes or fails")


def _keyed_like_default(lessons: dict[str, list[Lesson]],
                        default: str) -> dict[str, tuple[Lesson, ...]]:
    # A translated file may have a translated name; the package uses the default-language key.
    keys = {lesson.number: lesson.key for lesson in lessons[default]}
    return {language: tuple(dataclasses.replace(lesson, key=keys[lesson.number])
                            for lesson in lesson_list)
            for language, lesson_list in lessons.items()}
