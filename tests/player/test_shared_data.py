"""Shared data (adl.data) in the player: two SCOs of a hand-built SCORM 2004 package share
stores through the server, with the map permissions and the organization's scope."""
import io
import re
import zipfile

import pytest
from sqlalchemy import select

from tests.player.conftest import publish_zip
from tests.player.runtime_client import Learner

MANIFEST = """<?xml version="1.0"?>
<manifest identifier="shared" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
 <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
 <organizations default="o"><organization identifier="o" {scope}><title>Shared</title>
  <item identifier="A" identifierref="rA"><title>Writer</title>
   <adlcp:data><adlcp:map targetID="notes"/><adlcp:map targetID=" answers "/></adlcp:data>
  </item>
  <item identifier="B" identifierref="rB"><title>Reader</title>
   <adlcp:data>
    <adlcp:map targetID="notes" writeSharedData="false"/>
    <adlcp:map targetID="answers"/>
    <adlcp:map targetID="secret" readSharedData="false"/>
   </adlcp:data>
  </item>
 </organization></organizations>
 <resources>
  <resource identifier="rA" type="webcontent" adlcp:scormType="sco" href="a.html">
   <file href="a.html"/></resource>
  <resource identifier="rB" type="webcontent" adlcp:scormType="sco" href="b.html">
   <file href="b.html"/></resource>
 </resources>
</manifest>"""
NOTES, ANSWERS, SECRET = 0, 1, 2  # B's record indices; A maps notes (0) and answers (1)
ATTEMPT_URL = re.compile(r"/attempts/(\d+)/play")


@pytest.fixture
def publish_shared(app, tmp_path):
    """publish_shared(slug, global_to_system=True) -> version id of a two-SCO package."""
    def make(slug: str, global_to_system: bool = True) -> int:
        scope = "" if global_to_system else 'adlcp:sharedDataGlobalToSystem="false"'
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("imsmanifest.xml", MANIFEST.format(scope=scope))
            for page in ("a", "b"):
                archive.writestr(f"{page}.html", f"<!doctype html><title>{page}</title>")
        path = tmp_path / f"{slug}.zip"
        path.write_bytes(buffer.getvalue())
        return publish_zip(app, path, slug)
    return make


class SharedLearner(Learner):
    def sco(self, slug: str, identifier: str, new: bool = False) -> tuple[str, dict]:
        """Launch ``identifier`` of module ``slug``; return (token, base launch values)."""
        url, _ = self.launch_new(slug) if new else self.launch(slug)
        attempt_id = ATTEMPT_URL.search(url).group(1)
        _, token = self.open(f"/attempts/{attempt_id}/play?sco={identifier}")
        return token, self.start(token)["base"]

    def write(self, slug: str, identifier: str, changes: dict, new: bool = False):
        token, _ = self.sco(slug, identifier, new)
        changes = {**changes, "cmi.exit": "suspend"}
        return self.commit(token, 1, changes, finish=True)


@pytest.fixture
def ana(client, make_user):
    make_user("learner", email="ana@example.org")
    return SharedLearner(client, "ana@example.org")


def _stored(app):
    from lms_bridge.db import db
    from lms_bridge.player.shared_data.models import AttemptSharedData, SystemSharedData

    with app.app_context():
        return {"system": sorted((r.target_id, r.value) for r in
                                 db.session.scalars(select(SystemSharedData))),
                "attempt": sorted((r.target_id, r.value) for r in
                                  db.session.scalars(select(AttemptSharedData)))}


def test_stores_start_empty_and_every_map_is_a_record(ana, publish_shared):
    publish_shared("shared")
    _, base = ana.sco("shared", "B")
    assert [base[f"adl.data.{i}.id"] for i in range(3)] == ["notes", "answers", "secret"]
    assert not any(name.endswith(".store") for name in base)


def test_a_store_written_by_one_sco_is_read_by_another(app, ana, publish_shared):
    publish_shared("shared")
    reply = ana.write("shared", "A", {"adl.data.0.store": "hello", "adl.data.1.store": "42"})
    assert reply.status_code == 200 and reply.get_json()["outcome"] == "applied"
    _, base = ana.sco("shared", "B")
    assert base[f"adl.data.{NOTES}.store"] == "hello"
    assert base[f"adl.data.{ANSWERS}.store"] == "42"
    assert _stored(app) == {"system": [("answers", "42"), ("notes", "hello")], "attempt": []}


def test_the_value_lives_in_the_store_not_in_the_sco_state(app, ana, publish_shared):
    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    publish_shared("shared")
    ana.write("shared", "A", {"adl.data.0.store": "first"})
    ana.write("shared", "B", {f"adl.data.{ANSWERS}.store": "from B"})
    with app.app_context():
        states = db.session.scalars(select(ScoState.state)).all()
    assert states and not any(name.startswith("adl.data") for s in states for name in s)
    _, base = ana.sco("shared", "A")
    assert (base["adl.data.0.store"], base["adl.data.1.store"]) == ("first", "from B")


def test_a_read_only_map_refuses_the_write_and_stores_nothing(app, ana, publish_shared):
    publish_shared("shared")
    ana.write("shared", "A", {"adl.data.0.store": "kept"})
    reply = ana.write("shared", "B", {f"adl.data.{NOTES}.store": "overwritten",
                                      f"adl.data.{ANSWERS}.store": "also refused"})
    assert reply.status_code == 422
    detail, = reply.get_json()["error"]["details"]
    assert (detail["field"], detail["scorm_error"]) == (f"adl.data.{NOTES}.store", "404")
    assert _stored(app)["system"] == [("notes", "kept")]


def test_a_refused_commit_stores_no_shared_data(app, ana, publish_shared):
    publish_shared("shared")
    reply = ana.write("shared", "A", {"adl.data.1.store": "lost", "cmi.completion_status": "bad"})
    assert reply.status_code == 422
    assert _stored(app) == {"system": [], "attempt": []}


def test_a_write_only_store_is_written_but_never_handed_back(app, ana, publish_shared):
    publish_shared("shared")
    assert ana.write("shared", "B", {f"adl.data.{SECRET}.store": "hidden"}).status_code == 200
    assert _stored(app)["system"] == [("secret", "hidden")]
    _, base = ana.sco("shared", "B")
    assert f"adl.data.{SECRET}.store" not in base


def test_an_id_cannot_be_written(ana, publish_shared):
    publish_shared("shared")
    reply = ana.write("shared", "A", {"adl.data.0.id": "other"})
    assert reply.status_code == 422
    assert reply.get_json()["error"]["details"][0]["scorm_error"] == "404"


def test_global_stores_are_shared_across_packages_and_attempts(app, ana, publish_shared):
    publish_shared("first")
    publish_shared("second")
    ana.write("first", "A", {"adl.data.0.store": "everywhere"})
    assert ana.sco("second", "B")[1][f"adl.data.{NOTES}.store"] == "everywhere"
    assert ana.sco("first", "B", new=True)[1][f"adl.data.{NOTES}.store"] == "everywhere"


def test_attempt_scoped_stores_end_with_the_attempt(app, ana, publish_shared):
    publish_shared("scoped", global_to_system=False)
    publish_shared("global")
    ana.write("scoped", "A", {"adl.data.0.store": "this attempt"})
    assert ana.sco("scoped", "B")[1][f"adl.data.{NOTES}.store"] == "this attempt"
    assert f"adl.data.{NOTES}.store" not in ana.sco("global", "B")[1]
    assert f"adl.data.{NOTES}.store" not in ana.sco("scoped", "B", new=True)[1]
    assert _stored(app) == {"system": [], "attempt": [("notes", "this attempt")]}


def test_learners_do_not_share_stores(app, make_user, ana, publish_shared):
    publish_shared("shared")
    ana.write("shared", "A", {"adl.data.0.store": "ana's"})
    make_user("learner", email="ben@example.org")
    ben = SharedLearner(app.test_client(), "ben@example.org")
    assert f"adl.data.{NOTES}.store" not in ben.sco("shared", "B")[1]
    assert ana.sco("shared", "B")[1][f"adl.data.{NOTES}.store"] == "ana's"


def test_a_second_write_replaces_the_value(app, ana, publish_shared):
    publish_shared("shared")
    token, _ = ana.sco("shared", "A")
    assert ana.commit(token, 1, {"adl.data.0.store": "one"}).status_code == 200
    assert ana.commit(token, 2, {"adl.data.0.store": "two"}).status_code == 200
    assert ana.commit(token, 1, {"adl.data.0.store": "stale"}).get_json()["outcome"] == "stale"
    assert _stored(app)["system"] == [("notes", "two")]


def test_maps_in_a_12_package_are_ignored(app, ana, tmp_path):
    from tests.player.conftest import MANIFEST_12, RES_12

    item = ('<item identifier="one" identifierref="rone"><title>One</title><adlcp:data>'
            '<adlcp:map targetID="notes"/></adlcp:data></item>')
    path = tmp_path / "old.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST_12.format(items=item,
                                                               resources=RES_12.format(id="one")))
        archive.writestr("one.html", "<!doctype html><title>one</title>")
    publish_zip(app, path, "old")
    _, token = ana.launch("old")
    started = ana.start(token)
    assert started["shared_data"] == [] and not any("adl.data" in name for name in started["base"])
