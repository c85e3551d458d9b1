"""Two learners who share a workshop and a CSV sync source; one of them also has SCORM data."""
from __future__ import annotations

import io

from sync.csv_shapes import TEMPLATE_COLUMNS

from lms_bridge.accounts.operations import record_audit
from lms_bridge.catalog.models import Module, PackageVersion
from lms_bridge.db import db
from lms_bridge.player.models import Attempt, AttemptState, CommitLog, CommitOutcome, ScoState
from tests.conftest import csrf_token, login
from tests.eligibility import world as eligibility
from tests.player.conftest import publish_zip, tiny_package

HEADER = ",".join(TEMPLATE_COLUMNS) + "\n"
REPORT = HEADER + ("ana@example.org,,,customs-valuation,passed,85%,2026-11-02\n"
                   "bo@example.org,,,customs-valuation,completed,,2026-11-03\n")
LATER = HEADER + ("ANA@example.org,,,customs-valuation,passed,95%,2026-11-20\n"
                  "bo@example.org,,,customs-valuation,passed,90%,2026-11-21\n")
FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"Ana\")"


def build(app, client, make_user, tmp_path) -> dict:
    ids = {"admin": make_user("admin", email="admin@example.org"),
           "ana": make_user("learner", country="KR", email="ana@example.org", name=FORMULA_NAME),
           "bo": make_user("learner", country="KR", email="bo@example.org", name="Bo Other"),
           "coordinator": make_user("coordinator", email="coord@example.org")}
    version_id = publish_zip(app, tiny_package(tmp_path / "tiny.zip"), "tiny")
    with app.app_context():
        db.session.add(Module(slug="customs-valuation", title="Customs valuation"))
        db.session.commit()
        ids["workshop"] = eligibility.workshop(ids["coordinator"], prerequisites=False)
        ids["ana_application"] = eligibility.apply(ids["ana"], ids["workshop"])
        ids["bo_application"] = eligibility.apply(ids["bo"], ids["workshop"])
        ids["attempt"] = _attempt_with_scorm_data(ids["ana"], version_id)
        record_audit(None, "user.administration_changed", "user", ids["ana"],
                     f"Changed the administration of {FORMULA_NAME} <ana@example.org>", "moved")
        db.session.commit()
    assert login(client, "admin@example.org").status_code == 302
    assert upload(client, REPORT).status_code == 302
    return ids


def _attempt_with_scorm_data(user_id: int, version_id: int) -> int:
    module_id = db.session.get(PackageVersion, version_id).module_id
    attempt = Attempt(user_id=user_id, module_id=module_id, package_version_id=version_id,
                      number=1, state=AttemptState.CLOSED, is_completed=True, grade=80.0)
    db.session.add(attempt)
    db.session.flush()
    sco = ScoState(attempt_id=attempt.id, item_identifier="one",
                   state={"cmi.core.lesson_status": "passed", "cmi.suspend_data": "ana-secret"})
    db.session.add(sco)
    db.session.flush()
    db.session.add(CommitLog(attempt_id=attempt.id, sco_state_id=sco.id, seq=1,
                             payload={"cmi.core.score.raw": "80"}, outcome=CommitOutcome.APPLIED))
    db.session.commit()
    return attempt.id


def upload(client, text: str, name: str = "Regional report"):
    data = {"csrf_token": csrf_token(client, "/admin/sync/upload"), "name": name,
            "match_by": "email", "report": (io.BytesIO(text.encode()), "report.csv")}
    return client.post("/admin/sync/upload", data=data, content_type="multipart/form-data")
