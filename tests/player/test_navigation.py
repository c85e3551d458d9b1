"""SCORM 2004 sequencing in the player, through the routes: launch delivers what the sequencer
says, content-initiated and player navigation, suspend all / resume all, the end of the
sequencing session closing the attempt, global objectives and stable randomization."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.player.conftest import MANIFEST_2004, RES_2004, publish_zip
from tests.player.runtime_client import Learner

FLOW = ('<imsss:sequencing><imsss:controlMode choice="{choice}" flow="true"/>'
        '{extra}</imsss:sequencing>')
GLOBAL_WRITE = ('<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p">'
                '<imsss:mapInfo targetObjectiveID="urn:lmsb:{id}" writeSatisfiedStatus="true"/>'
                '</imsss:primaryObjective></imsss:objectives></imsss:sequencing>')


def sequenced_package(path, scos=("one", "two", "three"), *, choice=True, extra="",
                      item_sequencing="", hide_ui=""):
    """A 2004 package with flow on; ``extra`` goes into the organization's sequencing."""
    items = "".join(
        f'<item identifier="{s}" identifierref="r{s}"><title>Lesson {s}</title>'
        f'{item_sequencing.format(id=s)}{hide_ui}</item>' for s in scos)
    organization = items + FLOW.format(choice=str(choice).lower(), extra=extra)
    manifest = MANIFEST_2004.format(items=organization,
                                    resources="".join(RES_2004.format(id=s) for s in scos))
    manifest = manifest.replace('xmlns:imsss=', 'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss=')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for sco in scos:
            archive.writestr(f"{sco}.html", f"<!doctype html><title>{sco}</title><p>{sco}</p>")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def learner(client, make_user):
    make_user("learner", email="seq@example.org")
    return Learner(client, "seq@example.org")


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def _delivered(html):
    return re.search(r'aria-current="step"[^>]*>([^<]+)<', html).group(1)


def _button(html, element_id):
    match = re.search(rf'<button[^>]*id="{element_id}"[^>]*>', html)
    return None if match is None else ("disabled" if " disabled" in match.group(0) else "enabled")


def _token(html):
    return re.search(r'data-token="([^"]+)"', html).group(1)


def _finish(learner, token, seq, changes):
    response = learner.commit(token, seq, changes, finish=True)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["navigation"]


def _attempt(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt
    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        return attempt.state.value, attempt.is_completed, attempt.is_passed


def test_flow_delivers_in_order_and_content_navigation_moves_on(app, client, learner, tmp_path):
    publish_zip(app, sequenced_package(tmp_path / "p.zip", choice=False), "flow")
    url, token = learner.launch("flow")
    html = _page(client, url)
    assert _delivered(html) == "Lesson one"
    assert (_button(html, "player-previous"), _button(html, "player-next")) == ("disabled", "enabled")
    assert 'href="/attempts' not in html.split('class="player-toc"')[1]  # choice is off
    started = learner.start(token)
    valid = started["navigation"]["request_valid"]
    assert (valid["continue"], valid["previous"], valid["choice.{target=two}"]) == ("true", "false", "false")
    # a status change is answered with what navigation allows now
    reply = learner.commit(token, started["next_seq"], {"cmi.completion_status": "completed"})
    assert reply.get_json()["navigation"]["controls"]["continue"] == "enabled"
    navigation = _finish(learner, token, started["next_seq"] + 1, {"adl.nav.request": "continue"})
    assert navigation["url"].endswith("sco=two") and navigation["move"]["kind"] == "deliver"
    html = _page(client, navigation["url"])
    assert _delivered(html) == "Lesson two" and _button(html, "player-previous") == "enabled"


def test_a_sco_the_sequencer_would_not_deliver_is_refused_with_a_message(app, client, learner, tmp_path):
    publish_zip(app, sequenced_package(tmp_path / "p.zip", choice=False), "flow")
    url, _ = learner.launch("flow")
    response = client.get(url.split("?")[0] + "?sco=three", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "three can not be chosen now" in html and _delivered(html) == "Lesson one"


def test_choice_from_the_contents_and_the_end_of_the_course_closes_the_attempt(
        app, client, learner, tmp_path):
    publish_zip(app, sequenced_package(tmp_path / "p.zip"), "course")
    url, _ = learner.launch("course")
    html = _page(client, url)
    assert re.search(r'<a data-sco="three"[^>]*href=', html)  # choice is on
    html = _page(client, url.split("?")[0] + "?sco=three")  # no script: the link itself chooses
    assert _delivered(html) == "Lesson three"
    token = _token(html)
    started = learner.start(token)
    navigation = _finish(learner, token, started["next_seq"],
                         {"cmi.completion_status": "completed", "adl.nav.request": "exitAll"})
    assert navigation["move"]["kind"] == "end" and "/results" in navigation["url"]
    assert _attempt(app)[0] == "closed"


def test_suspend_all_keeps_the_attempt_and_the_next_launch_resumes_the_tree(
        app, client, learner, tmp_path):
    publish_zip(app, sequenced_package(tmp_path / "p.zip", choice=False), "flow")
    url, token = learner.launch("flow")
    started = learner.start(token)
    _finish(learner, token, started["next_seq"],
            {"cmi.completion_status": "completed", "adl.nav.request": "continue"})
    html = _page(client, url.split("?")[0] + "?sco=two")
    token = _token(html)
    started = learner.start(token)
    learner.commit(token, started["next_seq"], {"cmi.location": "page 4"})
    # the player's Suspend all with the SCO open (no script): the server ends its session
    response = client.post(url.split("?")[0].replace("/play", "/navigate"),
                           data={"request": "suspendAll", "csrf_token": csrf_token(client, url)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/pre-learning")
    assert _attempt(app)[0] == "open"
    url, token = learner.launch("flow")
    assert _delivered(_page(client, url)) == "Lesson two"
    resumed = learner.start(token)
    assert resumed["entry"] == "resume" and resumed["state"]["cmi.location"] == "page 4"


def test_navigation_refused_by_sequencing_stays_with_a_message(app, client, learner, tmp_path):
    publish_zip(app, sequenced_package(tmp_path / "p.zip", choice=False), "flow")
    url, _ = learner.launch("flow")
    response = client.post(url.split("?")[0].replace("/play", "/navigate"),
                           data={"request": "previous", "csrf_token": csrf_token(client, url)},
                           follow_redirects=True)
    assert "sequencing refused it" in response.get_data(as_text=True)


@pytest.mark.parametrize("request_text", ["jump", "{target=x}jump", "start", ""])
def test_the_navigation_route_takes_only_learner_requests(app, client, learner, tmp_path, request_text):
    publish_zip(app, sequenced_package(tmp_path / "p.zip"), "course")
    url, _ = learner.launch("course")
    response = client.post(url.split("?")[0].replace("/play", "/navigate"),
                           data={"request": request_text, "csrf_token": csrf_token(client, url)})
    assert response.status_code == 400


def test_hide_lms_ui_hides_the_controls(app, client, learner, tmp_path):
    hide = ('<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>continue'
            '</adlnav:hideLMSUI><adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI>'
            '</adlnav:navigationInterface></adlnav:presentation>')
    publish_zip(app, sequenced_package(tmp_path / "p.zip", hide_ui=hide), "hidden")
    url, _ = learner.launch("hidden")
    html = _page(client, url)
    assert _button(html, "player-next") is None and _button(html, "player-suspend") is None
    assert _button(html, "player-exit-all") == "enabled"


def test_satisfaction_written_to_a_global_objective_is_kept_for_the_learner(
        app, client, learner, tmp_path):
    from lms_bridge.db import db
    from lms_bridge.player.sequencing.models import GlobalObjectiveRecord

    publish_zip(app, sequenced_package(tmp_path / "p.zip", item_sequencing=GLOBAL_WRITE), "globals")
    url, token = learner.launch("globals")
    started = learner.start(token)
    _finish(learner, token, started["next_seq"],
            {"cmi.success_status": "passed", "adl.nav.request": "continue"})
    with app.app_context():
        records = {r.objective_id: (r.scope, r.data["satisfied"])
                   for r in db.session.scalars(select(GlobalObjectiveRecord))}
    assert records["urn:lmsb:one"] == ("system", True)


def test_a_random_selection_is_stable_for_the_attempt(app, client, learner, tmp_path):
    bank = "".join(f'<item identifier="t{n}" identifierref="rt{n}"><title>Test {n}</title></item>'
                   for n in range(8))
    cluster = (f'<item identifier="bank"><title>Bank</title>{bank}<imsss:sequencing>'
               '<imsss:controlMode flow="true"/><imsss:randomizationControls selectCount="1" '
               'selectionTiming="once" reorderChildren="true" '
               'randomizationTiming="once"/></imsss:sequencing></item>'
               + FLOW.format(choice="true", extra=""))
    manifest = MANIFEST_2004.format(items=cluster, resources="".join(
        RES_2004.format(id=f"t{n}") for n in range(8)))
    with zipfile.ZipFile(tmp_path / "r.zip", "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for n in range(8):
            archive.writestr(f"t{n}.html", "<!doctype html><title>t</title>")
    publish_zip(app, tmp_path / "r.zip", "random")
    url, _ = learner.launch("random")
    first = _delivered(_page(client, url))
    html = _page(client, url)
    assert _delivered(html) == first
    assert html.count('class="toc-depth-2"') == 1  # only the selected test is in the tree


def test_rollup_of_the_root_completes_the_attempt(app, client, learner, tmp_path):
    publish_zip(app, sequenced_package(tmp_path / "p.zip", ("one", "two"), choice=False), "roll")
    url, token = learner.launch("roll")
    started = learner.start(token)
    _finish(learner, token, started["next_seq"],
            {"cmi.completion_status": "completed", "cmi.success_status": "passed",
             "adl.nav.request": "continue"})
    assert _attempt(app) == ("open", False, None)  # the second lesson is not done yet
    token = _token(_page(client, url.split("?")[0] + "?sco=two"))
    started = learner.start(token)
    navigation = _finish(learner, token, started["next_seq"],
                         {"cmi.completion_status": "completed", "cmi.success_status": "passed",
                          "adl.nav.request": "continue"})
    assert navigation["move"]["kind"] == "end"
    assert _attempt(app) == ("closed", True, True)


@pytest.mark.parametrize("asked", ["nowhere", "{target=one}choice"])
def test_a_sco_that_is_no_activity_is_refused(app, client, learner, tmp_path, asked):
    publish_zip(app, sequenced_package(tmp_path / "p.zip"), "course")
    url, _ = learner.launch("course")
    html = client.get(f"{url.split('?')[0]}?sco={asked}", follow_redirects=True).get_data(as_text=True)
    assert "can not be chosen now" in html and _delivered(html) == "Lesson one"


def test_objectives_not_global_to_the_system_belong_to_the_attempt(app, client, learner, tmp_path):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt
    from lms_bridge.player.sequencing.models import GlobalObjectiveRecord

    path = sequenced_package(tmp_path / "p.zip", item_sequencing=GLOBAL_WRITE)
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read("imsmanifest.xml").decode()
    local = manifest.replace('<organization identifier="o">',
                             '<organization identifier="o" adlseq:objectivesGlobalToSystem="false">')
    local = local.replace('xmlns:imsss=', 'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:imsss=')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", local)
        for sco in ("one", "two", "three"):
            archive.writestr(f"{sco}.html", "<!doctype html><title>s</title>")
    publish_zip(app, path, "local")
    url, token = learner.launch("local")
    started = learner.start(token)
    _finish(learner, token, started["next_seq"],
            {"cmi.success_status": "passed", "adl.nav.request": "continue"})
    with app.app_context():
        attempt_id = db.session.scalars(select(Attempt.id)).one()
        scopes = {r.scope for r in db.session.scalars(select(GlobalObjectiveRecord))}
    assert scopes == {f"attempt-{attempt_id}"}


def test_a_tree_that_can_neither_start_nor_be_chosen_shows_an_empty_player(app, client, learner,
                                                                           tmp_path):
    path = sequenced_package(tmp_path / "p.zip", choice=False)
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read("imsmanifest.xml").decode().replace('flow="true"', 'flow="false"')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for sco in ("one", "two", "three"):
            archive.writestr(f"{sco}.html", "<!doctype html><title>s</title>")
    publish_zip(app, path, "stuck")
    response = client.get("/modules/stuck/launch", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "No part of the module is open now" in html
    assert "scorm-api.js" not in html
