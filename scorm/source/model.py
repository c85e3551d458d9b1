"""What a validated course-module source is: the dataclasses and enums ``scorm.source`` returns.

A source (``packages/<slug>/``) holds one module in several languages. :class:`ModuleSource` is the
whole of it; :meth:`ModuleSource.edition` gives the part one language build needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class CompletionRule(Enum):
    """When the module counts as done (the cmi5 ``moveOn`` vocabulary)."""

    COMPLETED = "Completed"
    PASSED = "Passed"
    COMPLETED_AND_PASSED = "CompletedAndPassed"
    COMPLETED_OR_PASSED = "CompletedOrPassed"
    NOT_APPLICABLE = "NotApplicable"

    @property
    def needs_passing(self) -> bool:
        """Whether the rule can only be met (or may be met) by passing a graded assessment."""
        return self in (CompletionRule.PASSED, CompletionRule.COMPLETED_AND_PASSED,
                        CompletionRule.COMPLETED_OR_PASSED)


class QuestionType(Enum):
    """The question types an assessment may use."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    NUMERIC = "numeric"
    MATCHING = "matching"
    FILL_IN = "fill_in"


class LessonFormat(Enum):
    """How a lesson file is written."""

    MARKDOWN = "md"
    HTML = "html"


class Severity(Enum):
    """An error stops a build; a warning is reported and the build goes on."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class SourceFinding:
    """One problem in a source, located by file (relative to the module folder) and 1-based line."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True)
class Lesson:
    """One lesson file of one language; ``key`` (e.g. ``01-introduction``) is shared by all languages."""

    key: str
    number: int
    title: str
    body: str
    format: LessonFormat
    file: str
    images: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """One choice of a single/multiple choice question."""

    id: str
    text: str
    is_correct: bool = False


@dataclass(frozen=True)
class MatchPair:
    """One source and the target it must be matched with."""

    source: str
    target: str


@dataclass(frozen=True)
class Question:
    """One question; only the fields of its type are filled."""

    id: str
    type: QuestionType
    prompt: str
    line: int
    points: float = 1
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    choices: tuple[Choice, ...] = ()
    true_false_answer: bool | None = None
    numeric_answer: float | None = None
    tolerance: float = 0.0
    accepted: tuple[str, ...] = ()
    case_sensitive: bool = False
    pairs: tuple[MatchPair, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """The assessment (or ungraded self-check) of one language."""

    title: str
    instructions: str
    is_graded: bool
    questions: tuple[Question, ...]
    file: str
    images: tuple[str, ...] = ()

    @property
    def total_points(self) -> float:
        """The sum of the points of every question."""
        return sum(question.points for question in self.questions)


@dataclass(frozen=True)
class ModuleEdition:
    """Everything one language build of a module needs."""

    slug: str
    version: str
    topic: str
    language: str
    title: str
    description: str
    keywords: tuple[str, ...]
    mastery_score: float | None
    completion_rule: CompletionRule
    typical_duration_minutes: int | None
    lessons: tuple[Lesson, ...]
    assessment: Assessment | None
    images: tuple[str, ...]


@dataclass(frozen=True)
class ModuleSource:
    """A validated module source in all its languages (``languages[0]`` is the default)."""

    root: Path
    slug: str
    version: str
    topic: str
    languages: tuple[str, ...]
    title: dict[str, str]
    description: dict[str, str]
    keywords: dict[str, tuple[str, ...]]
    mastery_score: float | None
    completion_rule: CompletionRule
    typical_duration_minutes: int | None
    lessons: dict[str, tuple[Lesson, ...]]
    assessments: dict[str, Assessment]
    warnings: tuple[SourceFinding, ...] = field(default=())

    @property
    def default_language(self) -> str:
        """The first declared language."""
        return self.languages[0]

    def edition(self, language: str) -> ModuleEdition:
        """The part of the source one language needs; raises KeyError for an undeclared language."""
        if language not in self.languages:
            raise KeyError(language)
        lessons = self.lessons[language]
        assessment = self.assessments.get(language)
        images = {image for lesson in lessons for image in lesson.images}
        if assessment is not None:
            images.update(assessment.images)
        return ModuleEdition(
            slug=self.slug, version=self.version, topic=self.topic, language=language,
            title=self.title[language], description=self.description[language],
            keywords=self.keywords[language], mastery_score=self.mastery_score,
            completion_rule=self.completion_rule,
            typical_duration_minutes=self.typical_duration_minutes, lessons=lessons,
            assessment=assessment, images=tuple(images))
