"""Learner pages: My pre-learning, the player page, results; learner values always escaped."""
from tests.player.runtime_client import Learner

SCRIPT = '<script>alert("x")</script>'


def test_my_prelearning_lists_modules_with_status_and_launch(app, client, make_user, publish):
    publish("tiny", "1.2", mastery=50)
    make_user("learner", email="ana@example.org")
    ana = Learner(client, "ana@example.org")
    page = client.get("/my/pre-learning").get_data(as_text=True)
    assert "/modules/tiny/launch" in page and "not started" in page and "unlimited" in page
    _, token = ana.launch("tiny")
    ana.start(token)
    ana.commit(token, 1, {"cmi.core.score.raw": "75", "cmi.core.lesson_status": "completed",
                          "cmi.core.exit": "suspend"}, finish=True)
    page = client.get("/my/pre-learning").get_data(as_text=True)
    assert "passed" in page and "75%" in page and "Resume" in page


def test_the_player_page_has_no_inline_script(app, client, make_user, publish):
    publish("tiny", "1.2", scos=("a", "b"))
    make_user("learner", email="ana@example.org")
    ana = Learner(client, "ana@example.org")
    url, _ = ana.launch("tiny")
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert '<script type="module" src="/player/static/scorm-api.js"></script>' in html
    # the one other script element is data (the player's words as JSON), never run
    assert html.count("<script") == 2
    assert html.count('<script type="application/json" id="player-words">') == 1
    assert "Contents" in html and 'sandbox="allow-scripts' in html


def test_learner_values_are_escaped_on_every_page(app, client, make_user, publish):
    publish("tiny", "1.2")
    make_user("learner", email="ana@example.org")
    ana = Learner(client, "ana@example.org")
    url, token = ana.launch("tiny")
    ana.start(token)
    response = ana.commit(token, 1, {
        "cmi.core.lesson_location": SCRIPT, "cmi.comments": SCRIPT,
        "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "fill-in",
        "cmi.interactions.0.student_response": SCRIPT[:200],
        "cmi.objectives.0.id": "o1", "cmi.objectives.0.status": "passed"})
    assert response.status_code == 200, response.get_json()
    attempt_id = url.split("/")[2]
    for page_url in (f"/attempts/{attempt_id}/results", "/my/pre-learning", url):
        html = client.get(page_url).get_data(as_text=True)
        assert SCRIPT not in html, page_url
    results = client.get(f"/attempts/{attempt_id}/results").get_data(as_text=True)
    assert "&lt;script&gt;" in results and "q1" in results and "o1" in results


def test_content_is_served_with_its_own_policy_and_never_outside_the_package(app, client, make_user, publish):
    version_id = publish("tiny", "1.2")
    make_user("learner", email="ana@example.org")
    Learner(client, "ana@example.org")
    response = client.get(f"/content/{version_id}/one.html", buffered=True)
    assert response.status_code == 200 and b"one" in response.data
    assert "unsafe-inline" in response.headers["Content-Security-Policy"]
    assert client.get(f"/content/{version_id}/../../secret_key", buffered=True).status_code == 404


def _opened_sco(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return html.split('aria-current="step"')[0].rsplit('data-sco="', 1)[1].split('"')[0]


def test_a_relaunch_opens_the_sco_the_learner_left_mid_way(app, client, make_user, publish):
    publish("three", "1.2", scos=("a", "b", "c"))
    make_user("learner", email="ana@example.org")
    ana = Learner(client, "ana@example.org")
    url, token_a = ana.launch("three")
    assert _opened_sco(client, url) == "a"
    ana.start(token_a)
    ana.commit(token_a, 1, {"cmi.core.lesson_status": "incomplete", "cmi.core.exit": "suspend"},
               finish=True)
    _, token_c = ana.open(url.replace("?", "?sco=c&"))
    ana.start(token_c)
    ana.commit(token_c, 1, {"cmi.core.lesson_status": "incomplete", "cmi.core.exit": "suspend"},
               finish=True)
    relaunch, _ = ana.launch("three")
    assert _opened_sco(client, relaunch) == "c"  # not "a", the first one still unfinished
    _, token_c = ana.open(url.replace("?", "?sco=c&"))
    ana.start(token_c)
    ana.commit(token_c, 2, {"cmi.core.lesson_status": "completed", "cmi.core.exit": ""}, finish=True)
    relaunch, _ = ana.launch("three")
    assert _opened_sco(client, relaunch) == "a"  # c is done: back to the suspended a
