"""Drive the runtime endpoints like the browser adapter does (launch page -> start -> commits)."""
from __future__ import annotations

import re

from tests.conftest import csrf_token, login

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

    def start_new_attempt(self, slug: str):
        """Press "Start a new attempt" (the confirmation page's form); the response."""
        token = csrf_token(self.client, f"/modules/{slug}/launch?new=1")
        return self.client.post(f"/modules/{slug}/attempts", data={"csrf_token": token})

    def launch_new(self, slug: str) -> tuple[str, str]:
        """Start a new attempt and open it; return (player page URL, launch token)."""
        response = self.start_new_attempt(slug)
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
