"""A minimal LRS on loopback serving fixed pages, for cases a real LRS cannot be put in."""
from __future__ import annotations

import json

import pytest


class StaticLrs:
    """A minimal LRS on loopback serving fixed pages, for cases a real LRS cannot be put in."""

    def __init__(self, pages):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        served = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                served.append(self.path)
                body = pages.get(self.path.split("?")[0] + ("?page=2" if "page=2" in self.path else ""),
                                 b"{}")
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def static_lrs():
    servers = []

    def make(pages):
        servers.append(StaticLrs({k: json.dumps(v).encode() if not isinstance(v, bytes) else v
                                  for k, v in pages.items()}))
        return servers[-1]
    yield make
    for server in servers:
        server.close()
