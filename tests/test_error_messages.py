"""Refusals carry text: a lazily translated message (a form validator's) is turned into a str in
the request's language, so that JSON replies, joins and comparisons work."""
from flask_babel import lazy_gettext as _l

from lms_bridge.errors import InvalidInput


def test_a_lazily_translated_message_and_problem_become_text(app):
    with app.test_request_context("/"):
        refusal = InvalidInput(_l("Give a reason."), [{"field": "reason", "problem": _l("Give a reason.")}])
    assert type(refusal.message) is str and refusal.message == "Give a reason."
    assert type(refusal.details[0]["problem"]) is str
    assert "; ".join([refusal.details[0]["problem"]]) == "Give a reason."
