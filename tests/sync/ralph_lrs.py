"""A real xAPI LRS (Ralph, fs backend) on loopback, for the xAPI connector tests.

Ralph's fs backend stores one POST per file and refuses a second write into it ("already
exists"). So the LRS keeps its statements in files matching ``statements*.jsonl``: the whole
connector batch is posted once, right after start-up, and a test that must post again renames
the file of the earlier POST first (:func:`post_again`); reads see every file. Two accounts
keep two separate stores: ``USERNAME`` (the connector tests' batch) and ``E2E_USERNAME``, whose
statements are kept in the ``e2e`` folder, for the end-to-end test that posts at two moments.
Its ``runserver`` always runs uvicorn with auto-reload watching the working directory, so the
server is started in its own temporary directory and its own process group, which is ended
as a whole at the end.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

USERNAME, PASSWORD = "sync-reader", "correct horse battery staple"
E2E_USERNAME, E2E_TARGET = "sync-e2e", "e2e"
LRS_FILES = "statements*.jsonl"


@dataclass
class RalphLrs:
    endpoint: str
    process: subprocess.Popen
    log: Path
    data_dir: Path


def ralph_executable() -> str | None:
    beside_python = Path(sys.executable).with_name("ralph")
    return str(beside_python) if beside_python.exists() else shutil.which("ralph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_ralph(executable: str, workdir: Path, timeout: float = 30.0) -> RalphLrs:
    app_dir, data_dir = workdir / "app", workdir / "data"
    app_dir.mkdir()
    (data_dir / E2E_TARGET).mkdir(parents=True)
    env = {**os.environ, "RALPH_APP_DIR": str(app_dir), "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE": LRS_FILES}
    for username, target in ((USERNAME, None), (E2E_USERNAME, E2E_TARGET)):
        subprocess.run([executable, "auth", "-u", username, "-p", PASSWORD, "-s", "all",
                        "-M", f"mailto:{username}@example.com", "-w",
                        *(["-t", target] if target else [])], env=env, cwd=workdir,
                       check=True, capture_output=True, timeout=timeout)
    port, log = _free_port(), workdir / "ralph.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [executable, "runserver", "-b", "fs", "--fs-default-directory-path", str(data_dir),
             "-h", "127.0.0.1", "-p", str(port)],
            env=env, cwd=workdir, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    lrs = RalphLrs(f"http://127.0.0.1:{port}/xAPI/", process, log, data_dir)
    _wait_until_up(lrs, port, timeout)
    return lrs


def _wait_until_up(lrs: RalphLrs, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lrs.process.poll() is not None:
            raise RuntimeError(f"ralph exited early; see {lrs.log}")
        try:
            requests.get(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    stop_ralph(lrs)
    raise RuntimeError(f"ralph did not answer within {timeout}s; see {lrs.log}")


def stop_ralph(lrs: RalphLrs) -> None:
    try:
        os.killpg(lrs.process.pid, signal.SIGTERM)
        lrs.process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(lrs.process.pid, signal.SIGKILL)
        lrs.process.wait(timeout=5)


def post_statements(lrs: RalphLrs, statements: list[dict], username: str = USERNAME) -> list[str]:
    response = requests.post(lrs.endpoint + "statements", json=statements, timeout=10,
                             auth=(username, PASSWORD),
                             headers={"X-Experience-API-Version": "1.0.3"})
    response.raise_for_status()
    return response.json()


def post_again(lrs: RalphLrs, statements: list[dict], username: str = E2E_USERNAME,
               target: str = E2E_TARGET) -> list[str]:
    """A later POST into a store that holds one already: the earlier file is renamed first."""
    folder = lrs.data_dir / target
    earlier = len(list(folder.glob("statements-*.jsonl")))
    (folder / LRS_FILES).rename(folder / f"statements-{earlier + 1}.jsonl")
    return post_statements(lrs, statements, username)
