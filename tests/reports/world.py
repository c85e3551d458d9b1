"""A results world built through the real runtime commit path: learners of two administrations
answer a SCORM 2004 quiz (one SCO, three questions) in one or two attempts each."""
from __future__ import annotations

from dataclasses import dataclass

from tests.player.runtime_client import Learner

SLUG = "valuation-quiz"
SCRIPT_NAME = "<script>alert('x')</script> Kim"
FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"Bo\")"


def interactions_2004(answers: list[tuple[str, str, str]]) -> dict[str, str]:
    """cmi.interactions.n.* for (id, learner response, result) triples (choice questions)."""
    changes = {}
    for n, (question, response, result) in enumerate(answers):
        changes.update({f"cmi.interactions.{n}.id": question,
                        f"cmi.interactions.{n}.type": "choice",
                        f"cmi.interactions.{n}.correct_responses.0.pattern": "a"})
        if response:
            changes[f"cmi.interactions.{n}.learner_response"] = response
        if result:
            changes[f"cmi.interactions.{n}.result"] = result
    return changes


def take_attempt(learner: Learner, answers, scaled: str, *, new: bool = False) -> None:
    """Launch (or start a new attempt), answer, score and finish through the runtime."""
    _, token = learner.launch_new(SLUG) if new else learner.launch(SLUG)
    learner.start(token)
    changes = {**interactions_2004(answers), "cmi.score.scaled": scaled,
               "cmi.completion_status": "completed", "cmi.session_time": "PT30S"}
    response = learner.commit(token, 1, changes, finish=True)
    assert response.status_code == 200, response.get_json()


@dataclass
class World:
    coordinator: int
    nc_kr: int
    nc_fr: int
    kim: int   # KR, two attempts: failed then passed
    lee: int   # KR, one attempt: passed
    bo: int    # FR, one attempt: failed


def build(app, make_user, publish) -> World:
    """Publish the quiz (pass mark 0.6) and let three learners take it."""
    publish(SLUG, "2004", mastery=0.6)
    world = World(
        coordinator=make_user("coordinator", email="coord@example.org"),
        nc_kr=make_user("national_coordinator", country="KR", email="nc-kr@example.org"),
        nc_fr=make_user("national_coordinator", country="FR", email="nc-fr@example.org"),
        kim=make_user("learner", country="KR", email="kim@example.org", name=SCRIPT_NAME),
        lee=make_user("learner", country="KR", email="lee@example.org", name="Lee"),
        bo=make_user("learner", country="FR", email="bo@example.org", name=FORMULA_NAME))
    kim = Learner(app.test_client(), "kim@example.org")
    take_attempt(kim, [("q1", "b", "incorrect"), ("q2", "c", "incorrect"), ("q3", "", "")], "0.3")
    take_attempt(kim, [("q1", "a", "correct"), ("q2", "a", "correct"), ("q3", "b", "incorrect")],
                 "0.9", new=True)
    take_attempt(Learner(app.test_client(), "lee@example.org"),
                 [("q1", "a", "correct"), ("q2", "b", "incorrect"), ("q3", "a", "correct")], "0.7")
    take_attempt(Learner(app.test_client(), "bo@example.org"),
                 [("q1", "b", "incorrect"), ("q2", "b", "incorrect"), ("q3", "", "")], "0.2")
    return world
