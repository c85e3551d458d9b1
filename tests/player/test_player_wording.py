"""The player in plain words: its buttons, the contents' statuses refreshed after a commit, and
a note saying when the module is done and when Continue finishes it."""
import re

from tests.player.conftest import publish_zip
from tests.player.test_navigation import _page, _token, learner, sequenced_package  # noqa: F401
from tests.player.runtime_client import Learner

JARGON = ("Suspend all", "Exit all", "Suspend and leave", ">Exit<")


def _progress(html):
    return re.search(r'id="player-progress"[^>]*>(.*?)</p>', html, re.S).group(1).strip()


def test_the_unsequenced_player_says_save_and_leave(app, client, make_user, publish):
    publish("two-parts", "1.2", scos=("one", "two"))
    make_user("learner", email="ana@example.org")
    url, _ = Learner(client, "ana@example.org").launch("two-parts")
    html = _page(client, url)
    assert "Save and leave" in html and "Leave the module" in html
    assert not any(word in html for word in JARGON)
    html = _page(client, url.split("?")[0] + "?sco=two")
    assert _progress(html) == "This is the last part of the module."


def test_the_sequenced_player_says_what_each_button_does(app, client, learner, tmp_path):  # noqa: F811
    publish_zip(app, sequenced_package(tmp_path / "p.zip", choice=False), "flow")
    url, _ = learner.launch("flow")
    html = _page(client, url)
    assert ">Save and leave<" in html and ">End this attempt<" in html
    assert "Leave the module" in html and not any(word in html for word in JARGON)
    assert _progress(html) == ""


def test_statuses_are_refreshed_and_the_last_part_says_continue_finishes(
        app, client, learner, tmp_path):  # noqa: F811
    publish_zip(app, sequenced_package(tmp_path / "p.zip", scos=("one", "two"), choice=False),
                "flow")
    url, token = learner.launch("flow")
    started = learner.start(token)
    assert started["navigation"]["statuses"] == {"one": "incomplete", "two": "not attempted"}
    passed = {"cmi.completion_status": "completed", "cmi.success_status": "passed"}
    reply = learner.commit(token, started["next_seq"], passed).get_json()["navigation"]
    assert reply["statuses"]["one"] == "passed"   # no longer "(incomplete)" after a pass
    finish = learner.commit(token, started["next_seq"] + 1, {"adl.nav.request": "continue"},
                            finish=True).get_json()["navigation"]
    html = _page(client, finish["url"])
    assert "(passed)" in html
    assert _progress(html) == ("This is the last part: pressing Continue finishes the module "
                               "and shows your results.")
    token = _token(html)
    started = learner.start(token)
    reply = learner.commit(token, started["next_seq"], passed).get_json()["navigation"]
    assert reply["note"] == ("You have done every part of this module. Continue finishes it "
                             "and shows your results.")
    end = learner.commit(token, started["next_seq"] + 1, {"adl.nav.request": "continue"},
                         finish=True).get_json()["navigation"]
    assert end["move"]["kind"] == "end" and "/results" in end["url"]
