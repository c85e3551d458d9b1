"""Error pages say the problem once, in plain words, with a way back to where the person was."""
from tests.conftest import csrf_token, login


def _main(page) -> str:
    body = page.get_data(as_text=True)
    return body[body.index("<main"):body.index("</main>")]


def test_a_missing_page_leads_back_to_the_page_of_this_site_it_came_from(client, make_user):
    make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    page = client.get("/workshops/999999", headers={"Referer": "http://localhost/workshops?x=1"})
    main = _main(page)
    assert page.status_code == 404
    assert 'href="/workshops?x=1"' in main and "Go back to the previous page" in main
    assert "not_found" not in main


def test_a_referer_from_another_site_is_not_offered(client, make_user):
    make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    main = _main(client.get("/workshops/999999",
                            headers={"Referer": "https://evil.example.com/workshops"}))
    assert "evil.example.com" not in main and "previous page" not in main
    assert "Go to the start page" in main


def test_a_refusal_is_said_once_without_field_names(client, make_user):
    make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    page = client.post("/applications/1/nomination",
                       data={"csrf_token": csrf_token(client, "/workshops"), "decision": "nominate"})
    main = _main(page)
    assert page.status_code == 400
    assert main.count("Give a reason.") == 1 and "reason:" not in main
