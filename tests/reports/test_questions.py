"""Per-question aggregation (a table) and the questions page from the runtime-built world."""
import pytest

from lms_bridge.player.results import Answer, answers_in
from lms_bridge.reports.questions import question_stats
from tests.conftest import login
from tests.reports.world import SLUG


def _a(question, response, result="", correct=()):
    return Answer(question, "choice", response, result, tuple(correct))


@pytest.mark.parametrize("state, expected", [
    # SCORM 2004: learner_response
    ({"cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "choice",
      "cmi.interactions.0.learner_response": "b", "cmi.interactions.0.result": "incorrect"},
     [("q1", "choice", "b", False)]),
    # SCORM 1.2: student_response and "wrong"
    ({"cmi.interactions.0.id": "q1", "cmi.interactions.0.student_response": "a",
      "cmi.interactions.0.result": "wrong"}, [("q1", "", "a", False)]),
    # 1.2 journaling: the last record of a question id is its answer
    ({"cmi.interactions.0.id": "q1", "cmi.interactions.0.student_response": "b",
      "cmi.interactions.0.result": "wrong", "cmi.interactions.1.id": "q1",
      "cmi.interactions.1.student_response": "a", "cmi.interactions.1.result": "correct"},
     [("q1", "", "a", True)]),
    # no result: judged against correct_responses
    ({"cmi.interactions.0.id": "q1", "cmi.interactions.0.learner_response": "a",
      "cmi.interactions.0.correct_responses.0.pattern": "a"}, [("q1", "", "a", True)]),
    # unanswered, and a numeric result that says nothing about right or wrong
    ({"cmi.interactions.0.id": "q1", "cmi.interactions.1.id": "q2",
      "cmi.interactions.1.learner_response": "7", "cmi.interactions.1.result": "0.5"},
     [("q1", "", "", None), ("q2", "", "7", None)]),
    # a record without an id is not a question
    ({"cmi.interactions.0.learner_response": "x"}, []),
])
def test_answers_read_from_a_stored_state(state, expected):
    assert [(a.question, a.kind, a.response, a.is_correct) for a in answers_in(state)] == expected


def test_question_stats_count_answered_right_and_rank_wrong_answers():
    answers = [("Part", a) for a in (
        _a("q1", "a", "correct"), _a("q1", "b", "incorrect"), _a("q1", "c", "wrong"),
        _a("q1", "c", "incorrect"), _a("q1", "d", "incorrect"), _a("q1", "b", "incorrect"),
        _a("q1", "e", "incorrect"), _a("q1", "", ""), _a("q2", "x", "neutral"))]
    q1, q2 = question_stats(answers)
    assert (q1.answered, q1.marked, q1.right) == (7, 7, 1)
    assert q1.share_right == pytest.approx(1 / 7)
    # most common first, ties alphabetical, three at most
    assert q1.wrong_answers == (("b", 2), ("c", 2), ("d", 1))
    assert (q2.answered, q2.marked, q2.share_right, q2.wrong_answers) == (1, 0, None, ())


def test_the_same_question_id_in_two_parts_is_two_questions():
    stats = question_stats([("One", _a("q1", "a", "correct")), ("Two", _a("q1", "b", "wrong"))])
    assert [(s.part, s.right) for s in stats] == [("One", 1), ("Two", 0)]


def _rows(page: str) -> dict[str, str]:
    """Question id -> the text of its table row."""
    import re

    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        match = re.search(r'<th scope="row">(q\d)', row)
        if match:
            rows[match.group(1)] = re.sub(r"<[^>]+>|\s+", " ", row)
    return rows


def test_questions_page_counts_only_the_attempts_that_count_by_default(client, world):
    login(client, "coord@example.org")
    page = client.get(f"/reports/modules/{SLUG}/questions").get_data(as_text=True)
    assert "From the attempts that count" in page and "3 attempt(s)" in page
    rows = _rows(page)
    # counted: Kim's best (a, a, b), Lee (a, b, a), Bo (b, b, -)
    assert "3 of 3" in rows["q1"] and "67% (2 of 3)" in rows["q1"] and "b (1)" in rows["q1"]
    assert "33% (1 of 3)" in rows["q2"] and "b (2)" in rows["q2"]
    assert "2 of 3" in rows["q3"]
    assert "<svg" in page and "q1: 67% right (3 answered)" in page


def test_questions_page_with_every_attempt(client, world):
    login(client, "coord@example.org")
    page = client.get(f"/reports/modules/{SLUG}/questions?attempts=all").get_data(as_text=True)
    assert "From all" in page and "4 attempt(s)" in page
    rows = _rows(page)
    assert "50% (2 of 4)" in rows["q1"] and "b (2)" in rows["q1"]
    assert "b (2); c (1)" in rows["q2"]


def test_a_national_coordinator_counts_only_their_own_learners(client, world):
    login(client, "nc-fr@example.org")
    page = client.get(f"/reports/modules/{SLUG}/questions").get_data(as_text=True)
    assert "1 attempt(s)" in page and "0% (0 of 1)" in _rows(page)["q1"]
