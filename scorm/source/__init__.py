"""Load and validate course-module sources (``packages/<slug>/``), the input of ``scorm.builder``.

Parts: ``loading`` (the entry point and ``module.yaml``), ``lessons``, ``assessment``, ``fields``
(typed field reading with located findings), ``yaml_lines`` (YAML that keeps line numbers) and
``model`` (what a loaded source is). Callers use the names re-exported here.
"""
from .loading import SourceError, load_module_source
from .model import (Assessment, Choice, CompletionRule, Lesson, LessonFormat, MatchPair,
                    ModuleEdition, ModuleSource, Question, QuestionType, Severity, SourceFinding)

__all__ = [
    "Assessment", "Choice", "CompletionRule", "Lesson", "LessonFormat", "MatchPair",
    "ModuleEdition", "ModuleSource", "Question", "QuestionType", "Severity", "SourceError",
    "SourceFinding", "load_module_source",
]
