"""The SCORM 1.2 run-time data model (RTE section 3.4, the CMI data model) as data."""
from __future__ import annotations

from scorm.runtime.patterns import INTERACTION_TYPES_12
from scorm.runtime.rules import Access, CollectionRule, ElementRule, RuleSet

RW, RO, WO = Access.READ_WRITE, Access.READ_ONLY, Access.WRITE_ONLY

LESSON_STATUS = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
#: The SCO may not set "not attempted" (RTE 3.4.4: only the LMS starts there).
LESSON_STATUS_WRITABLE = LESSON_STATUS[:-1]
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
RESULTS = ("correct", "wrong", "unanticipated", "neutral")


def _score(prefix: str) -> tuple[ElementRule, ...]:
    return tuple(
        ElementRule(f"{prefix}.{part}", RW, "CMIDecimal", minimum=0, maximum=100, empty_ok=True)
        for part in ("raw", "min", "max")
    )


ELEMENTS: tuple[ElementRule, ...] = (
    ElementRule("cmi._version", RO, "CMIString255", default="3.4"),
    ElementRule("cmi.core.student_id", RO, "CMIIdentifier", spm=255, default=""),
    ElementRule("cmi.core.student_name", RO, "CMIString255", spm=255, default=""),
    ElementRule("cmi.core.lesson_location", RW, "CMIString255", spm=255, default=""),
    ElementRule("cmi.core.credit", RO, "CMIVocabulary", vocab=("credit", "no-credit"), default="credit"),
    ElementRule(
        "cmi.core.lesson_status", RW, "CMIVocabulary", vocab=LESSON_STATUS_WRITABLE,
        default="not attempted",
    ),
    ElementRule(
        "cmi.core.entry", RO, "CMIVocabulary", vocab=("ab-initio", "resume", ""), default="ab-initio"
    ),
    *_score("cmi.core.score"),
    ElementRule("cmi.core.total_time", RO, "CMITimespan", default="0000:00:00.00"),
    ElementRule(
        "cmi.core.lesson_mode", RO, "CMIVocabulary", vocab=("browse", "normal", "review"),
        default="normal",
    ),
    ElementRule("cmi.core.exit", WO, "CMIVocabulary", vocab=("time-out", "suspend", "logout", "")),
    ElementRule("cmi.core.session_time", WO, "CMITimespan"),
    ElementRule("cmi.suspend_data", RW, "CMIString4096", spm=4096, default=""),
    ElementRule("cmi.launch_data", RO, "CMIString4096", spm=4096, default=""),
    ElementRule("cmi.comments", RW, "CMIString4096", spm=4096, default=""),
    ElementRule("cmi.comments_from_lms", RO, "CMIString4096", spm=4096, default=""),
    ElementRule("cmi.objectives.n.id", RW, "CMIIdentifier", spm=255),
    *_score("cmi.objectives.n.score"),
    ElementRule("cmi.objectives.n.status", RW, "CMIVocabulary", vocab=LESSON_STATUS),
    ElementRule("cmi.student_data.mastery_score", RO, "CMIDecimal", minimum=0, maximum=100, default=""),
    ElementRule("cmi.student_data.max_time_allowed", RO, "CMITimespan", default=""),
    ElementRule(
        "cmi.student_data.time_limit_action", RO, "CMIVocabulary", vocab=TIME_LIMIT_ACTIONS,
        default="",
    ),
    ElementRule("cmi.student_preference.audio", RW, "CMISInteger", minimum=-1, maximum=100, default="0"),
    ElementRule("cmi.student_preference.language", RW, "CMIString255", spm=255, default=""),
    ElementRule("cmi.student_preference.speed", RW, "CMISInteger", minimum=-100, maximum=100, default="0"),
    ElementRule("cmi.student_preference.text", RW, "CMISInteger", minimum=-1, maximum=1, default="0"),
    ElementRule("cmi.interactions.n.id", WO, "CMIIdentifier", spm=255),
    ElementRule("cmi.interactions.n.objectives.n.id", WO, "CMIIdentifier", spm=255),
    ElementRule("cmi.interactions.n.time", WO, "CMITime"),
    ElementRule("cmi.interactions.n.type", WO, "CMIVocabulary", vocab=INTERACTION_TYPES_12),
    ElementRule("cmi.interactions.n.correct_responses.n.pattern", WO, "CMIFeedback", spm=255),
    ElementRule("cmi.interactions.n.weighting", WO, "CMIDecimal"),
    ElementRule("cmi.interactions.n.student_response", WO, "CMIFeedback", spm=255),
    ElementRule("cmi.interactions.n.result", WO, "CMIResult", vocab=RESULTS),
    ElementRule("cmi.interactions.n.latency", WO, "CMITimespan"),
)

COLLECTIONS: tuple[CollectionRule, ...] = (
    CollectionRule("cmi.objectives", ("id", "score", "status")),
    CollectionRule(
        "cmi.interactions",
        (
            "id", "objectives", "time", "type", "correct_responses", "weighting",
            "student_response", "result", "latency",
        ),
    ),
    CollectionRule("cmi.interactions.n.objectives", None),
    CollectionRule("cmi.interactions.n.correct_responses", None),
)

CONTAINERS: dict[str, tuple[str, ...]] = {
    "cmi.core": (
        "student_id", "student_name", "lesson_location", "credit", "lesson_status", "entry",
        "score", "total_time", "lesson_mode", "exit", "session_time",
    ),
    "cmi.core.score": ("raw", "min", "max"),
    "cmi.objectives.n.score": ("raw", "min", "max"),
    "cmi.student_data": ("mastery_score", "max_time_allowed", "time_limit_action"),
    "cmi.student_preference": ("audio", "language", "speed", "text"),
}

RULES_12 = RuleSet("3.4", ELEMENTS, COLLECTIONS, CONTAINERS)
