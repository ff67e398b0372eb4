"""No loss: the server is SIGKILLed again and again while partner apps submit reports.

Every report the server acknowledged (a 201 or 200 receipt) must be in the database after the
restart, with its sealed identity opening to what was sent. Reports in flight when the server
died may or may not be there: their senders were not told they were kept, and resend them.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from tocsin import accounts
from tocsin.db import Database, upgrade
from tocsin.intake.models import Report
from tocsin.intake.sealing import open_sealed, read_private_key

KILLS = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tocsin", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("the server did not start")


def _sender(
    port: int, token: str, prefix: str, acked: dict[str, str], stop: threading.Event
) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        sid = f"{prefix}-{n}"
        body = json.dumps(
            {"submission_id": sid, "text": f"report {sid}", "reporter": {"name": f"name {sid}"}}
        ).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/reports",
            data=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status in (200, 201):
                    acked[sid] = json.loads(response.read())["reference"]
        except (OSError, http.client.HTTPException):
            # The server is down, or was killed between the status line and the body (an
            # incomplete answer is no acknowledgement): wait for it to come back.
            time.sleep(0.05)


def test_no_acknowledged_report_is_lost_across_sigkills(database: Database, tmp_path: Path) -> None:
    url = database.url.render_as_string(hide_password=False)
    upgrade(database)
    with database.session() as session:
        user, _ = accounts.create_user(
            session, username="app", role="partner", password="a long test passphrase"
        )
        token, _ = accounts.create_token(session, user, "load", actor=user)
    env = {
        **os.environ,
        "TOCSIN_DATA_DIR": str(tmp_path / "data"),
        "TOCSIN_DATABASE_URL": url,
        "TOCSIN_EMBEDDED_WORKER": "false",
    }
    port = _free_port()
    acked: dict[str, str] = {}
    stop = threading.Event()
    senders = [
        threading.Thread(target=_sender, args=(port, token, f"s{i}", acked, stop), daemon=True)
        for i in range(6)
    ]
    proc = _start(env, port)
    for thread in senders:
        thread.start()
    rng = random.Random(7)
    try:
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.8, 1.6))
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            proc = _start(env, port)
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in senders:
            thread.join(timeout=10)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(acked) > 50, f"only {len(acked)} reports were acknowledged"
    officer = read_private_key(tmp_path / "data" / "intake" / "officer-private.key")
    with database.session() as session:
        stored = {r.reference: r for r in session.scalars(select(Report))}
    missing = [sid for sid, ref in acked.items() if ref not in stored]
    assert not missing, f"{len(missing)} acknowledged reports lost, e.g. {missing[:3]}"
    for sid, ref in acked.items():
        report = stored[ref]
        assert report.text == f"report {sid}"
        assert report.sealed_identity is not None
        opened = open_sealed(officer, report.sealed_identity, report.submission_key)
        assert opened["identity"] == {"name": f"name {sid}"}


pytestmark = pytest.mark.timeout(240)
