"""Loading and validating module sources: every broken source names its file and line."""
from __future__ import annotations

import pytest

from tests.scorm.module_source_fixture import (ASSESSMENT_EN, ASSESSMENT_FR, LESSON_EN_1, MODULE_YAML,
                                   write_fixture_module)
from scorm.errors import ScormError
from scorm.source import CompletionRule, QuestionType, Severity, SourceError, load_module_source
from scorm.source.yaml_lines import YamlSyntaxError, load_yaml_text


def test_fixture_module_loads_with_every_field(tmp_path):
    module = load_module_source(write_fixture_module(tmp_path))

    assert (module.slug, module.version, module.languages) == ("tiny-module", "1.2.0", ("en", "fr"))
    assert module.mastery_score == 70
    assert module.completion_rule is CompletionRule.COMPLETED_AND_PASSED
    assert module.title == {"en": "Tiny module", "fr": "Petit module"}
    assert module.keywords["fr"] == ("tarif", "test")
    assert module.warnings == ()
    questions = module.assessments["en"].questions
    assert {q.type for q in questions} == set(QuestionType)
    assert questions[1].points == 2 and questions[3].tolerance == 1


def test_translated_lessons_take_the_keys_of_the_default_language(tmp_path):
    module = load_module_source(write_fixture_module(tmp_path))

    assert [lesson.key for lesson in module.lessons["fr"]] == \
        [lesson.key for lesson in module.lessons["en"]] == \
        ["01-reading-the-tariff", "02-interpretative-rules"]
    assert module.lessons["fr"][0].title == "Lire le tarif"
    assert module.lessons["fr"][0].file == "fr/lessons/01-lire-le-tarif.md"


def test_edition_gathers_one_language_and_the_images_it_uses(tmp_path):
    edition = load_module_source(write_fixture_module(tmp_path)).edition("fr")

    assert (edition.language, edition.title) == ("fr", "Petit module")
    assert edition.images == ("images/heading.svg",)
    assert edition.assessment.title == "Vérifiez vos connaissances"


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def _question(extra: str) -> str:
    """The English assessment with one more question appended (it starts on line 39)."""
    return ASSESSMENT_EN + extra


# (case, changed files, expected file, expected line, words of the message)
BROKEN_SOURCES = [
    ("mastery score above 100",
     {"module.yaml": _replace(MODULE_YAML, "mastery_score: 70", "mastery_score: 170")},
     "module.yaml", 8, "between 0 and 100"),
    ("mastery score not a number",
     {"module.yaml": _replace(MODULE_YAML, "mastery_score: 70", "mastery_score: seventy")},
     "module.yaml", 8, "must be a number"),
    ("version not semver",
     {"module.yaml": _replace(MODULE_YAML, "version: 1.2.0", "version: 1.2")},
     "module.yaml", 2, "semantic version"),
    ("unknown completion rule",
     {"module.yaml": _replace(MODULE_YAML, "CompletedAndPassed", "Finished")},
     "module.yaml", 9, "unknown completion_rule"),
    ("title missing a language",
     {"module.yaml": _replace(MODULE_YAML, ', fr: "Petit module"', "")},
     "module.yaml", 5, "no 'fr' translation"),
    ("slug not the folder name",
     {"module.yaml": _replace(MODULE_YAML, "slug: tiny-module", "slug: other-module")},
     "module.yaml", 1, "name of the module's folder"),
    ("module.yaml not YAML",
     {"module.yaml": _replace(MODULE_YAML, "topic: HS classification", "topic: [unclosed")},
     "module.yaml", 4, "not valid YAML"),
    ("mastery score without a graded assessment",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "graded: true", "graded: false"),
      "fr/assessment.yaml": _replace(ASSESSMENT_FR, "graded: true", "graded: false")},
     "module.yaml", 8, "needs a graded assessment"),
    ("missing lesson translation",
     {"fr/lessons/02-regles-interpretatives.md": None},
     "en/lessons/02-interpretative-rules.md", 1, "no 'fr' translation"),
    ("missing assessment translation",
     {"fr/assessment.yaml": None},
     "en/assessment.yaml", 1, "fr/assessment.yaml is missing"),
    ("lesson without a title line",
     {"en/lessons/02-interpretative-rules.md": "Apply GIR 1 first.\n"},
     "en/lessons/02-interpretative-rules.md", 1, "first line must be the lesson title"),
    ("missing image",
     {"en/lessons/01-reading-the-tariff.md": _replace(LESSON_EN_1, "images/heading.svg",
                                                      "images/nowhere.svg")},
     "en/lessons/01-reading-the-tariff.md", 5, "missing image"),
    ("image without alt text",
     {"en/lessons/01-reading-the-tariff.md": _replace(
         LESSON_EN_1, "![A tariff heading: four digits]", "![]")},
     "en/lessons/01-reading-the-tariff.md", 5, "no alt text"),
    ("html image without alt attribute",
     {"en/lessons/02-interpretative-rules.md": "# Rules\n\nText\n<img src=\"images/heading.svg\">\n"},
     "en/lessons/02-interpretative-rules.md", 4, "no alt attribute"),
    ("image outside images/",
     {"en/lessons/02-interpretative-rules.md": "# Rules\n\n![Logo](https://example.org/a.png)\n"},
     "en/lessons/02-interpretative-rules.md", 3, "images/ folder"),
    ("single choice without a correct choice",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, '{id: b, text: "Four", correct: true}',
                                     '{id: b, text: "Four"}')},
     "en/assessment.yaml", 8, "no choice is marked"),
    ("single choice with two correct choices",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, '{id: a, text: "Two"}',
                                     '{id: a, text: "Two", correct: true}')},
     "en/assessment.yaml", 8, "exactly one correct choice"),
    ("unknown question type",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "type: true_false", "type: yes_no")},
     "en/assessment.yaml", 21, "unknown type 'yes_no'"),
    ("duplicate question id",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "id: q-numeric", "id: q-single")},
     "en/assessment.yaml", 24, "already used on line 5"),
    ("duplicate choice id",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, '{id: b, text: "Heading"',
                                     '{id: a, text: "Heading"')},
     "en/assessment.yaml", 17, "choice id 'a' is used twice"),
    ("question id with capitals",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "id: q-fill-in", "id: Q_Fill")},
     "en/assessment.yaml", 29, "only a-z, 0-9"),
    ("true/false without an answer",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "    answer: true\n", "")},
     "en/assessment.yaml", 20, "needs 'answer: true'"),
    ("numeric with a text answer",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "answer: 97", "answer: ninety-seven")},
     "en/assessment.yaml", 27, "'answer' must be a number"),
    ("negative tolerance",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, "tolerance: 1", "tolerance: -1")},
     "en/assessment.yaml", 28, "at least 0"),
    ("fill-in without accepted answers",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN, 'accepted: ["heading", "headings"]',
                                     "accepted: []")},
     "en/assessment.yaml", 32, "1 to 10 answers"),
    ("matching with one pair",
     {"en/assessment.yaml": _replace(ASSESSMENT_EN,
                                     '      - {source: "Heading", target: "4 digits"}\n', "")},
     "en/assessment.yaml", 36, "2 to 9 pairs"),
    ("translation with another answer",
     {"fr/assessment.yaml": _replace(ASSESSMENT_FR,
                                     "answer: 97", "answer: 96")},
     "fr/assessment.yaml", 23, "differ from en/assessment.yaml line 24"),
    ("image in a question prompt that is missing",
     {"en/assessment.yaml": _question('  - id: q-extra\n    type: true_false\n'
                                      '    prompt: "![Map](images/map.png) Is this a map?"\n'
                                      '    answer: true\n')},
     "en/assessment.yaml", 39, "missing image"),
]


@pytest.mark.parametrize("changes, file, line, words",
                         [case[1:] for case in BROKEN_SOURCES],
                         ids=[case[0] for case in BROKEN_SOURCES])
def test_broken_source_is_reported_with_file_and_line(tmp_path, changes, file, line, words):
    with pytest.raises(SourceError) as raised:
        load_module_source(write_fixture_module(tmp_path, changes))

    located = [(f.file, f.line) for f in raised.value.errors if words in f.message]
    assert located == [(file, line)], raised.value.findings
    assert f"{file}:{line}:" in str(raised.value)


def test_source_error_is_a_scorm_error_and_lists_every_problem(tmp_path):
    changes = {"module.yaml": _replace(MODULE_YAML, "mastery_score: 70", "mastery_score: 170"),
               "fr/lessons/02-regles-interpretatives.md": None}

    with pytest.raises(ScormError) as raised:
        load_module_source(write_fixture_module(tmp_path, changes))

    assert isinstance(raised.value, SourceError)
    assert {f.file for f in raised.value.errors} == \
        {"module.yaml", "en/lessons/02-interpretative-rules.md"}


def test_folder_without_module_yaml_is_reported(tmp_path):
    with pytest.raises(SourceError, match="no module.yaml"):
        load_module_source(tmp_path)


@pytest.mark.parametrize("changes, words", [
    ({"images/unused.png": "not really a png"}, "no lesson uses this image"),
    ({"module.yaml": MODULE_YAML + "author: Jane\n"}, "unknown field 'author'"),
    ({"en/lessons/02-interpretative-rules.md": "# Rules\n\n# Another title\n"},
     "only the first line may be a level-1 heading"),
    ({"en/lessons/notes.txt": "draft"}, "not a lesson"),
])
def test_harmless_problems_are_warnings(tmp_path, changes, words):
    module = load_module_source(write_fixture_module(tmp_path, changes))

    assert [w.severity for w in module.warnings if words in w.message] == [Severity.WARNING]


def test_lesson_files_are_ordered_by_number_not_by_text(tmp_path):
    changes = {"en/lessons/10-later.md": "# Later\n\nText.\n",
               "fr/lessons/10-plus-tard.md": "# Plus tard\n\nTexte.\n"}

    module = load_module_source(write_fixture_module(tmp_path, changes))

    assert [lesson.number for lesson in module.lessons["en"]] == [1, 2, 10]


def test_completion_rule_defaults_to_completed_without_mastery_score(tmp_path):
    module_yaml = _replace(_replace(MODULE_YAML, "mastery_score: 70\n", ""),
                           "completion_rule: CompletedAndPassed\n", "")
    ungraded = {"en/assessment.yaml": _replace(ASSESSMENT_EN, "graded: true", "graded: false"),
                "fr/assessment.yaml": _replace(ASSESSMENT_FR, "graded: true", "graded: false"),
                "module.yaml": module_yaml}

    module = load_module_source(write_fixture_module(tmp_path, ungraded))

    assert module.completion_rule is CompletionRule.COMPLETED
    assert module.mastery_score is None and not module.assessments["en"].is_graded


@pytest.mark.parametrize("text, line", [
    ("a: 1\nb: [2\n", 3),
    ("a: 1\n  b: 2\n", 2),
])
def test_yaml_syntax_errors_carry_their_line(text, line):
    with pytest.raises(YamlSyntaxError) as raised:
        load_yaml_text(text)

    assert raised.value.line == line


def test_yaml_values_remember_the_line_of_each_key_and_item():
    data = load_yaml_text("title: x\nitems:\n  - one\n  - {id: two}\n")

    assert data.line_of("items") == 2
    assert data["items"].line_of(1) == 4
    assert data["items"][1].line_of("id") == 4
