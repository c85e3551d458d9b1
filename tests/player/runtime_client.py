"""Drive the runtime endpoints like the browser adapter does (launch page -> start -> commits)."""
from __future__ import annotations

import re

from tests.conftest import login

TOKEN = re.compile(r'data-token="([^"]+)"')


class Learner:
    def __init__(self, client, email: str):
        self.client = client
        assert login(client, email).status_code == 302

    def launch(self, slug: str, **params) -> tuple[str, str]:
        """Open the launch route; return (player page URL, launch token)."""
        response = self.client.get(f"/modules/{slug}/launch", query_string=params)
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return self.open(response.headers["Location"])

    def open(self, url: str) -> tuple[str, str]:
        page = self.client.get(url)
        assert page.status_code == 200, page.get_data(as_text=True)[:300]
        return url, TOKEN.search(page.get_data(as_text=True)).group(1).replace("&#34;", '"')

    def start(self, token: str) -> dict:
        response = self.client.post("/player/runtime/start", json={"token": token})
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def commit(self, token: str | None, seq: int, changes: dict, finish: bool = False, **kw):
        body = {"seq": seq, "changes": changes, "finish": finish}
        if token is not None:
            body["token"] = token
        return self.client.post("/player/runtime/commit", json=body, **kw)
