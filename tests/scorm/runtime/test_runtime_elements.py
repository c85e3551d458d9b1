"""Element rules of both data models: valid values, type and range errors, access, keywords,
collections and their ordering rules, each with the error code SCORM prescribes."""
from __future__ import annotations

import pytest

from scorm.runtime import LaunchContext, LmsComment, RuntimeSession, SharedDataMap

LAUNCH_2004 = LaunchContext(
    learner_id="urn:lms:learner:7",
    learner_name="{lang=en}Ann Officer",
    launch_data="chapter=2",
    completion_threshold=0.8,
    scaled_passing_score=0.5,
    max_time_allowed="PT1H30M",
    comments_from_lms=(LmsComment("Read chapter 2", "p1", "2024-01-02T10:00:00.0Z"),),
    shared_data=(SharedDataMap("shared.rw"), SharedDataMap("shared.ro", writable=False),
                 SharedDataMap("shared.wo", readable=False)),
)
LAUNCH_12 = LaunchContext(learner_id="u7", learner_name="Officer, Ann", mastery_score=80.0,
                          launch_data="chapter=2", max_time_allowed="00:30:00")


def started(version: str, setup: tuple[tuple[str, str], ...] = ()) -> RuntimeSession:
    session = RuntimeSession(version, launch=LAUNCH_12 if version == "1.2" else LAUNCH_2004)
    assert session.initialize("") == "true"
    for element, value in setup:
        assert session.set_value(element, value) == "true", (element, session.get_last_error())
    return session


OBJ = (("cmi.objectives.0.id", "obj-1"),)
INTR = (("cmi.interactions.0.id", "q1"),)

SET_2004 = [
    # element, value, expected code, setup
    ("cmi.location", "page-3", "0", ()),
    ("cmi.location", "x" * 1000, "0", ()),
    ("cmi.suspend_data", "s" * 64000, "0", ()),
    ("cmi.suspend_data", "s" * 70000, "0", ()),  # past the SPM: stored, not refused
    ("cmi.completion_status", "completed", "0", ()),
    ("cmi.completion_status", "done", "406", ()),
    ("cmi.success_status", "passed", "0", ()),
    ("cmi.success_status", "Passed", "406", ()),
    ("cmi.exit", "suspend", "0", ()),
    ("cmi.exit", "", "0", ()),
    ("cmi.exit", "quit", "406", ()),
    ("cmi.session_time", "PT1H2M3.5S", "0", ()),
    ("cmi.session_time", "P", "406", ()),
    ("cmi.session_time", "PT", "406", ()),
    ("cmi.session_time", "01:00:00", "406", ()),
    ("cmi.score.scaled", "-1", "0", ()),
    ("cmi.score.scaled", "1.0000001", "407", ()),
    ("cmi.score.scaled", "1e-1", "406", ()),
    ("cmi.score.raw", "-350.5", "0", ()),
    ("cmi.score.raw", "abc", "406", ()),
    ("cmi.progress_measure", "1", "0", ()),
    ("cmi.progress_measure", "-0.1", "407", ()),
    ("cmi.learner_preference.audio_level", "0", "0", ()),
    ("cmi.learner_preference.audio_level", "-1", "407", ()),
    ("cmi.learner_preference.delivery_speed", "2.5", "0", ()),
    ("cmi.learner_preference.audio_captioning", "-1", "0", ()),
    ("cmi.learner_preference.audio_captioning", "2", "406", ()),
    ("cmi.learner_preference.language", "fr-CA", "0", ()),
    ("cmi.learner_preference.language", "", "0", ()),
    ("cmi.learner_preference.language", "qq", "406", ()),
    ("cmi.learner_preference.language", "english", "406", ()),
    ("cmi.comments_from_learner.0.comment", "{lang=de}Gut", "0", ()),
    ("cmi.comments_from_learner.0.comment", "{lang=zz}Gut", "406", ()),
    ("cmi.comments_from_learner.0.timestamp", "2024-03-01T12:30:15.5+01:00", "0", ()),
    ("cmi.comments_from_learner.0.timestamp", "2024-02-30", "406", ()),
    ("cmi.comments_from_learner.0.timestamp", "1969-12-31", "406", ()),
    ("cmi.comments_from_learner.1.comment", "skips index 0", "351", ()),
    ("cmi.comments_from_lms.0.comment", "mine", "404", ()),
    ("adl.nav.request", "continue", "0", ()),
    ("adl.nav.request", "{target=act_2}choice", "0", ()),
    ("adl.nav.request", "{target=}jump", "406", ()),
    ("adl.nav.request", "start", "406", ()),
    ("adl.nav.request_valid.continue", "true", "404", ()),
    # read-only elements and keywords
    ("cmi.credit", "no-credit", "404", ()),
    ("cmi.learner_id", "x", "404", ()),
    ("cmi.total_time", "PT1H", "404", ()),
    ("cmi._version", "2.0", "404", ()),
    ("cmi.objectives._count", "3", "404", ()),
    ("cmi.score._children", "raw", "404", ()),
    # undefined
    ("cmi.core.lesson_status", "passed", "401", ()),
    ("cmi", "x", "401", ()),
    ("cmi.objectives", "x", "401", ()),
    ("cmi.objectives.x.id", "x", "401", ()),
    ("", "x", "351", ()),
    # objectives: id first, in order, unique, write-once
    ("cmi.objectives.0.id", "urn:lms:obj:1", "0", ()),
    ("cmi.objectives.0.id", "urn:", "406", ()),
    ("cmi.objectives.0.id", "has space", "406", ()),
    ("cmi.objectives.0.score.raw", "3", "408", ()),
    ("cmi.objectives.1.id", "obj-2", "351", ()),
    ("cmi.objectives.1.id", "obj-1", "351", OBJ),
    ("cmi.objectives.0.id", "obj-changed", "351", OBJ),
    ("cmi.objectives.0.id", "obj-1", "0", OBJ),
    ("cmi.objectives.0.success_status", "failed", "0", OBJ),
    ("cmi.objectives.0.score.scaled", "-2", "407", OBJ),
    # interactions
    ("cmi.interactions.0.type", "choice", "408", ()),
    ("cmi.interactions.0.type", "choice", "0", INTR),
    ("cmi.interactions.0.type", "essay", "406", INTR),
    ("cmi.interactions.0.learner_response", "a", "408", INTR),
    ("cmi.interactions.0.correct_responses.0.pattern", "a", "408", INTR),
    ("cmi.interactions.0.objectives.0.id", "obj-1", "0", INTR),
    ("cmi.interactions.0.objectives.1.id", "obj-1", "351", INTR),
    ("cmi.interactions.0.result", "incorrect", "0", INTR),
    ("cmi.interactions.0.result", "0.75", "0", INTR),
    ("cmi.interactions.0.result", "wrong", "406", INTR),
    ("cmi.interactions.0.latency", "PT12S", "0", INTR),
    ("cmi.interactions.0.weighting", "2", "0", INTR),
    ("cmi.interactions.0.description", "{lang=fr}Question", "0", INTR),
    # shared data stores
    ("adl.data.0.store", "state", "0", ()),
    ("adl.data.1.store", "state", "404", ()),
    ("adl.data.2.store", "state", "0", ()),
    ("adl.data.3.store", "state", "351", ()),
    ("adl.data.0.id", "other", "404", ()),
]


@pytest.mark.parametrize(("element", "value", "code", "setup"), SET_2004)
def test_set_value_2004(element, value, code, setup):
    session = started("2004", setup)
    assert session.set_value(element, value) == ("true" if code == "0" else "false")
    assert session.get_last_error() == code


GET_2004 = [
    ("cmi._version", "1.0", "0"),
    ("cmi.learner_id", "urn:lms:learner:7", "0"),
    ("cmi.learner_name", "{lang=en}Ann Officer", "0"),
    ("cmi.launch_data", "chapter=2", "0"),
    ("cmi.credit", "credit", "0"),
    ("cmi.mode", "normal", "0"),
    ("cmi.entry", "ab-initio", "0"),
    ("cmi.completion_threshold", "0.8", "0"),
    ("cmi.scaled_passing_score", "0.5", "0"),
    ("cmi.max_time_allowed", "PT1H30M", "0"),
    ("cmi.time_limit_action", "continue,no message", "0"),
    ("cmi.total_time", "PT0H0M0S", "0"),
    ("cmi.learner_preference.audio_level", "1", "0"),
    ("cmi.learner_preference._children", "audio_level,language,delivery_speed,audio_captioning", "0"),
    ("cmi.score._children", "scaled,raw,min,max", "0"),
    ("cmi.comments_from_lms._count", "1", "0"),
    ("cmi.comments_from_lms.0.location", "p1", "0"),
    ("cmi.comments_from_learner._children", "comment,location,timestamp", "0"),
    ("cmi.objectives._count", "0", "0"),
    ("cmi.interactions._count", "0", "0"),
    ("adl.nav.request", "_none_", "0"),
    ("adl.nav.request_valid.continue", "unknown", "0"),
    ("adl.nav.request_valid.choice.{target=act.2}", "unknown", "0"),
    ("adl.data._count", "3", "0"),
    ("adl.data.0.id", "shared.rw", "0"),
    ("adl.data.0.store", "", "403"),
    ("adl.data.2.store", "", "405"),
    ("cmi.location", "", "403"),
    ("cmi.suspend_data", "", "403"),
    ("cmi.score.raw", "", "403"),
    ("cmi.exit", "", "405"),
    ("cmi.session_time", "", "405"),
    ("cmi.objectives.0.id", "", "301"),
    ("cmi.location._children", "", "301"),
    ("cmi.location._count", "", "301"),
    ("cmi.interactions.0.objectives._count", "", "301"),
    ("cmi.nothing", "", "401"),
    ("cmi.objectives", "", "401"),
    ("", "", "301"),
]


@pytest.mark.parametrize(("element", "expected", "code"), GET_2004)
def test_get_value_2004(element, expected, code):
    session = started("2004")
    assert session.get_value(element) == expected
    assert session.get_last_error() == code


SET_12 = [
    ("cmi.core.lesson_location", "p3", "0"),
    ("cmi.core.lesson_location", "x" * 256, "405"),
    ("cmi.core.lesson_status", "incomplete", "0"),
    ("cmi.core.lesson_status", "not attempted", "405"),
    ("cmi.core.lesson_status", "unknown", "405"),
    ("cmi.core.score.raw", "85", "0"),
    ("cmi.core.score.raw", "", "0"),
    ("cmi.core.score.raw", "101", "405"),
    ("cmi.core.score.raw", "eighty", "405"),
    ("cmi.core.exit", "suspend", "0"),
    ("cmi.core.exit", "normal", "405"),
    ("cmi.core.session_time", "0000:12:30.5", "0"),
    ("cmi.core.session_time", "12:30", "405"),
    ("cmi.core.session_time", "PT12M", "405"),
    ("cmi.suspend_data", "s" * 4096, "0"),
    ("cmi.suspend_data", "s" * 4097, "405"),
    ("cmi.comments", "fine", "0"),
    ("cmi.student_preference.audio", "-1", "0"),
    ("cmi.student_preference.audio", "101", "405"),
    ("cmi.student_preference.speed", "-100", "0"),
    ("cmi.student_preference.text", "2", "405"),
    ("cmi.objectives.0.id", "obj1", "0"),
    ("cmi.objectives.0.id", "obj 1", "405"),
    ("cmi.objectives.0.status", "browsed", "0"),
    ("cmi.objectives.1.status", "passed", "201"),
    ("cmi.interactions.0.id", "q1", "0"),
    ("cmi.interactions.0.type", "true-false", "0"),
    ("cmi.interactions.0.type", "long-fill-in", "405"),
    ("cmi.interactions.0.time", "23:59:59", "0"),
    ("cmi.interactions.0.time", "24:00:00", "405"),
    ("cmi.interactions.0.result", "wrong", "0"),
    ("cmi.interactions.0.result", "incorrect", "405"),
    ("cmi.interactions.0.latency", "00:00:12", "0"),
    ("cmi.interactions.0.student_response", "any free text", "0"),
    ("cmi.interactions.0.objectives.0.id", "obj1", "0"),
    ("cmi.interactions.2.id", "q3", "201"),
    ("cmi.core.student_id", "x", "403"),
    ("cmi.core.total_time", "0001:00:00", "403"),
    ("cmi.launch_data", "x", "403"),
    ("cmi.core._children", "x", "402"),
    ("cmi.objectives._count", "1", "402"),
    ("cmi._version", "4.0", "402"),
    ("cmi.core.lesson_mode", "browse", "403"),
    ("cmi.completion_status", "completed", "201"),
    ("", "x", "201"),
]


@pytest.mark.parametrize(("element", "value", "code"), SET_12)
def test_set_value_12(element, value, code):
    session = started("1.2")
    assert session.set_value(element, value) == ("true" if code == "0" else "false")
    assert session.get_last_error() == code


GET_12 = [
    ("cmi._version", "3.4", "0"),
    ("cmi.core.student_id", "u7", "0"),
    ("cmi.core.student_name", "Officer, Ann", "0"),
    ("cmi.core.lesson_status", "not attempted", "0"),
    ("cmi.core.entry", "ab-initio", "0"),
    ("cmi.core.credit", "credit", "0"),
    ("cmi.core.total_time", "0000:00:00.00", "0"),
    ("cmi.core.lesson_location", "", "0"),
    ("cmi.core.score.raw", "", "0"),
    ("cmi.student_data.mastery_score", "80", "0"),
    ("cmi.student_data.max_time_allowed", "00:30:00", "0"),
    ("cmi.launch_data", "chapter=2", "0"),
    ("cmi.core._children", "student_id,student_name,lesson_location,credit,lesson_status,entry,"
     "score,total_time,lesson_mode,exit,session_time", "0"),
    ("cmi.core.score._children", "raw,min,max", "0"),
    ("cmi.objectives._children", "id,score,status", "0"),
    ("cmi.interactions._count", "0", "0"),
    ("cmi.student_preference._children", "audio,language,speed,text", "0"),
    ("cmi.core.exit", "", "404"),
    ("cmi.core.session_time", "", "404"),
    ("cmi.core.lesson_status._children", "", "202"),
    ("cmi.core.score._count", "", "203"),
    ("cmi.objectives.0.id", "", "201"),
    ("cmi.core.nothing", "", "201"),
    ("", "", "201"),
]


@pytest.mark.parametrize(("element", "expected", "code"), GET_12)
def test_get_value_12(element, expected, code):
    session = started("1.2")
    assert session.get_value(element) == expected
    assert session.get_last_error() == code


def test_interactions_are_write_only_in_12():
    session = started("1.2", (("cmi.interactions.0.id", "q1"),))
    assert session.get_value("cmi.interactions._count") == "1"
    assert session.get_value("cmi.interactions.0.id") == ""
    assert session.get_last_error() == "404"


def test_objective_records_count_and_read_back_2004():
    session = started("2004", OBJ + (("cmi.objectives.1.id", "obj-2"),))
    assert session.get_value("cmi.objectives._count") == "2"
    assert session.get_value("cmi.objectives.1.id") == "obj-2"
    assert session.get_value("cmi.objectives.1.success_status") == "unknown"
    assert session.get_value("cmi.objectives.1.score.raw") == ""
    assert session.get_last_error() == "403"


@pytest.mark.parametrize(
    ("progress", "completion", "scaled", "success"),
    [(None, "unknown", None, "unknown"), ("0.79", "incomplete", "0.49", "failed"),
     ("0.8", "completed", "0.5", "passed")],
)
def test_status_is_evaluated_against_threshold_and_passing_score(progress, completion, scaled, success):
    setup = (("cmi.completion_status", "completed"), ("cmi.success_status", "passed"))
    if progress is not None:
        setup += (("cmi.progress_measure", progress), ("cmi.score.scaled", scaled))
    session = started("2004", setup)
    assert session.get_value("cmi.completion_status") == completion
    assert session.get_value("cmi.success_status") == success


def test_status_is_the_sco_value_without_threshold_or_passing_score():
    session = RuntimeSession("2004")
    session.initialize()
    session.set_value("cmi.completion_status", "incomplete")
    session.set_value("cmi.success_status", "failed")
    assert session.get_value("cmi.completion_status") == "incomplete"
    assert session.get_value("cmi.success_status") == "failed"
