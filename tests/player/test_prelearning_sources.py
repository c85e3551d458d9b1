"""My pre-learning shows the best status from every source, and where it came from."""
import html
import io

from sqlalchemy import select

from sync.csv_shapes import TEMPLATE_COLUMNS
from tests.conftest import csrf_token, login
from tests.player.runtime_client import Learner

REPORT = ",".join(TEMPLATE_COLUMNS) + "\nana@example.org,,,tiny,passed,85%,2026-11-02\n"


def _upload(client, text):
    data = {"csrf_token": csrf_token(client, "/admin/sync/upload"), "name": "Regional report",
            "match_by": "email", "report": (io.BytesIO(text.encode()), "report.csv")}
    response = client.post("/admin/sync/upload", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def _status_cell(page: str, title: str) -> str:
    import re

    row = re.search(rf'<th scope="row">(?:<span[^>]*>)?{title}(?:</span>)?</th>\s*<td>(.*?)</td>', page, re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split()))


def test_a_csv_completion_shows_on_my_prelearning(app, client, make_user, publish):
    publish("tiny", "1.2")
    make_user("admin", email="admin@example.org")
    make_user("learner", email="ana@example.org")
    login(client, "admin@example.org")
    _upload(client, REPORT)
    ana = app.test_client()
    login(ana, "ana@example.org")
    page = ana.get("/my/pre-learning").get_data(as_text=True)
    cell = _status_cell(page, "Tiny")
    assert cell.startswith("passed") and "from a CSV report (Regional report)" in cell
    assert "not started" not in cell and "85%" in page


def test_the_player_status_and_another_source_are_both_shown(app, client, make_user, publish):
    from lms_bridge.db import db
    from lms_bridge.catalog.models import Module
    from lms_bridge.tracking.vocabulary import CompletionStatus, SourceKind
    from lms_bridge.tracking.operations import Observation, record_completion

    publish("tiny", "1.2")
    ana_id = make_user("learner", email="ana@example.org")
    learner = Learner(client, "ana@example.org")
    _, token = learner.launch("tiny")
    learner.start(token)
    learner.commit(token, 1, {"cmi.core.lesson_status": "incomplete"}, finish=True)
    with app.app_context():
        module_id = db.session.scalar(select(Module.id).where(Module.slug == "tiny"))
        record_completion(Observation(ana_id, module_id, SourceKind.MOODLE, "sync:1", "CLiKC!",
                                      CompletionStatus.COMPLETED))
        db.session.commit()
    cell = _status_cell(client.get("/my/pre-learning").get_data(as_text=True), "Tiny")
    assert cell.startswith("completed from Moodle (CLiKC!)")


def test_a_pass_in_the_player_is_said_once(app, client, make_user, publish):
    publish("tiny", "1.2", mastery=50)
    make_user("learner", email="ana@example.org")
    learner = Learner(client, "ana@example.org")
    _, token = learner.launch("tiny")
    learner.start(token)
    learner.commit(token, 1, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "80"},
                   finish=True)
    cell = _status_cell(client.get("/my/pre-learning").get_data(as_text=True), "Tiny")
    assert cell == "passed in this site's player"
