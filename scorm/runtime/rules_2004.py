"""The SCORM 2004 4th Edition run-time data model (RTE book, section 4) as data."""
from __future__ import annotations

from scorm.runtime.patterns import INTERACTION_TYPES_2004
from scorm.runtime.rules import Access, CollectionRule, ElementRule, RuleSet

RW, RO, WO = Access.READ_WRITE, Access.READ_ONLY, Access.WRITE_ONLY

COMPLETION = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS = ("passed", "failed", "unknown")
RESULTS = ("correct", "incorrect", "unanticipated", "neutral")
NAV_VALIDITY = ("true", "false", "unknown")
TIME_LIMIT_ACTIONS = ("exit,message", "continue,message", "exit,no message", "continue,no message")


def _score(prefix: str) -> tuple[ElementRule, ...]:
    return (
        ElementRule(f"{prefix}.scaled", RW, "real(10,7)", minimum=-1, maximum=1),
        ElementRule(f"{prefix}.raw", RW, "real(10,7)"),
        ElementRule(f"{prefix}.min", RW, "real(10,7)"),
        ElementRule(f"{prefix}.max", RW, "real(10,7)"),
    )


_COMMENT_CHILDREN = ("comment", "location", "timestamp")

ELEMENTS: tuple[ElementRule, ...] = (
    ElementRule("cmi._version", RO, "characterstring", default="1.0"),
    ElementRule("cmi.comments_from_learner.n.comment", RW, "localized_string", spm=4000),
    ElementRule("cmi.comments_from_learner.n.location", RW, "characterstring", spm=250),
    ElementRule("cmi.comments_from_learner.n.timestamp", RW, "time"),
    ElementRule("cmi.comments_from_lms.n.comment", RO, "localized_string", spm=4000),
    ElementRule("cmi.comments_from_lms.n.location", RO, "characterstring", spm=250),
    ElementRule("cmi.comments_from_lms.n.timestamp", RO, "time"),
    ElementRule("cmi.completion_status", RW, "state", vocab=COMPLETION, default="unknown"),
    ElementRule("cmi.completion_threshold", RO, "real(10,7)", minimum=0, maximum=1),
    ElementRule("cmi.credit", RO, "state", vocab=("credit", "no-credit"), default="credit"),
    ElementRule("cmi.entry", RO, "state", vocab=("ab-initio", "resume", ""), default="ab-initio"),
    ElementRule(
        "cmi.exit", WO, "state", vocab=("time-out", "suspend", "logout", "normal", ""), default=""
    ),
    ElementRule("cmi.interactions.n.id", RW, "long_identifier", spm=4000),
    ElementRule("cmi.interactions.n.type", RW, "state", vocab=INTERACTION_TYPES_2004),
    ElementRule("cmi.interactions.n.objectives.n.id", RW, "long_identifier", spm=4000),
    ElementRule("cmi.interactions.n.timestamp", RW, "time"),
    ElementRule("cmi.interactions.n.correct_responses.n.pattern", RW, "correct_response"),
    ElementRule("cmi.interactions.n.weighting", RW, "real(10,7)"),
    ElementRule("cmi.interactions.n.learner_response", RW, "learner_response"),
    ElementRule("cmi.interactions.n.result", RW, "interaction_result", vocab=RESULTS),
    ElementRule("cmi.interactions.n.latency", RW, "time_interval"),
    ElementRule("cmi.interactions.n.description", RW, "localized_string", spm=250),
    ElementRule("cmi.launch_data", RO, "characterstring", spm=4000),
    ElementRule("cmi.learner_id", RO, "long_identifier", spm=4000, default=""),
    ElementRule("cmi.learner_name", RO, "localized_string", spm=250, default=""),
    ElementRule("cmi.learner_preference.audio_level", RW, "real(10,7)", minimum=0, default="1"),
    ElementRule("cmi.learner_preference.language", RW, "language", spm=250, empty_ok=True, default=""),
    ElementRule("cmi.learner_preference.delivery_speed", RW, "real(10,7)", minimum=0, default="1"),
    ElementRule(
        "cmi.learner_preference.audio_captioning", RW, "state", vocab=("-1", "0", "1"), default="0"
    ),
    ElementRule("cmi.location", RW, "characterstring", spm=1000),
    ElementRule("cmi.max_time_allowed", RO, "time_interval"),
    ElementRule("cmi.mode", RO, "state", vocab=("browse", "normal", "review"), default="normal"),
    ElementRule("cmi.objectives.n.id", RW, "long_identifier", spm=4000),
    *_score("cmi.objectives.n.score"),
    ElementRule("cmi.objectives.n.success_status", RW, "state", vocab=SUCCESS, default="unknown"),
    ElementRule(
        "cmi.objectives.n.completion_status", RW, "state", vocab=COMPLETION, default="unknown"
    ),
    ElementRule("cmi.objectives.n.progress_measure", RW, "real(10,7)", minimum=0, maximum=1),
    ElementRule("cmi.objectives.n.description", RW, "localized_string", spm=250),
    ElementRule("cmi.progress_measure", RW, "real(10,7)", minimum=0, maximum=1),
    ElementRule("cmi.scaled_passing_score", RO, "real(10,7)", minimum=-1, maximum=1),
    *_score("cmi.score"),
    ElementRule("cmi.session_time", WO, "time_interval"),
    ElementRule("cmi.success_status", RW, "state", vocab=SUCCESS, default="unknown"),
    ElementRule("cmi.suspend_data", RW, "characterstring", spm=64000),
    ElementRule(
        "cmi.time_limit_action", RO, "state", vocab=TIME_LIMIT_ACTIONS, default="continue,no message"
    ),
    ElementRule("cmi.total_time", RO, "time_interval", default="PT0H0M0S"),
    ElementRule("adl.nav.request", RW, "nav_request", default="_none_"),
    *(
        ElementRule(f"adl.nav.request_valid.{request}", RO, "state", vocab=NAV_VALIDITY)
        for request in ("continue", "previous", "choice.{target=ID}", "jump.{target=ID}")
    ),
    ElementRule("adl.data.n.id", RO, "long_identifier", spm=4000),
    ElementRule("adl.data.n.store", RW, "characterstring", spm=64000),
)

#: Correct responses a SCO may record per interaction type; past it SetValue fails with 351.
#: Types with a smallest permitted maximum above one are left unbounded.
CORRECT_RESPONSE_LIMITS = {"true-false": 1, "likert": 1, "numeric": 1, "other": 1}

#: Interaction types whose correct-response patterns must all differ (351 on a repeat).
UNIQUE_CORRECT_RESPONSES = ("choice",)

COLLECTIONS: tuple[CollectionRule, ...] = (
    CollectionRule("cmi.comments_from_learner", _COMMENT_CHILDREN),
    CollectionRule("cmi.comments_from_lms", _COMMENT_CHILDREN),
    CollectionRule(
        "cmi.interactions",
        (
            "id", "type", "objectives", "timestamp", "correct_responses", "weighting",
            "learner_response", "result", "latency", "description",
        ),
        key="id",
    ),
    CollectionRule("cmi.interactions.n.objectives", None, key="id", unique_key=True),
    CollectionRule(
        "cmi.interactions.n.correct_responses", None, key="pattern",
        limit_by_type=CORRECT_RESPONSE_LIMITS, unique_by_type=UNIQUE_CORRECT_RESPONSES,
    ),
    CollectionRule(
        "cmi.objectives",
        ("id", "score", "success_status", "completion_status", "progress_measure", "description"),
        key="id",
        unique_key=True,
        write_once_key=True,
    ),
    CollectionRule("adl.data", ("id", "store"), key="id", unique_key=True, write_once_key=True),
)

CONTAINERS: dict[str, tuple[str, ...]] = {
    "cmi.score": ("scaled", "raw", "min", "max"),
    "cmi.objectives.n.score": ("scaled", "raw", "min", "max"),
    "cmi.learner_preference": ("audio_level", "language", "delivery_speed", "audio_captioning"),
}

RULES_2004 = RuleSet("1.0", ELEMENTS, COLLECTIONS, CONTAINERS)
