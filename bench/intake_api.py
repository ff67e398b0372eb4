"""Intake API load: partner apps posting reports as fast as the server acknowledges them.

Target (issue #4): >= 500 accepted reports/s on 2 cores, each durably committed before its 2xx
(group commit), p99 < 200 ms. 50 partner apps (one API token each) post through wrk, every
request a new submission with a sealed reporter identity; afterwards the database is counted,
so every acknowledged report is checked to be stored, not only answered.

    python bench/intake.py api [--seconds 15] [--backends sqlite,postgresql] [--workers 2]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import func, select
from web_load import CLIENTS, database_url, free_port, start_server, tear_down, wrk

from tocsin import accounts
from tocsin.db import Database, upgrade
from tocsin.intake import Report

TARGET_RATE = 500.0
TARGET_P99_MS = 200.0
LUA = """
local creds = {}
local next_cred = 1
local sent = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
init = function(args)
  for line in io.lines(args[1]) do creds[#creds + 1] = line end
  run_id = args[2]
  next_cred = math.random(#creds)
end
request = function()
  next_cred = next_cred % #creds + 1
  sent = sent + 1
  local name, value = creds[next_cred]:match("^([^:]+): (.*)$")
  local body = string.format(
    '{"submission_id":"b-%s-%d-%d","text":"Report %d: armed men surrounded the village at '
    .. 'dawn, burned the granary and took the livestock; families fled towards the town.",'
    .. '"place":"Koumbri","reporter":{"name":"Bench Reporter","contact":"+22600000000"},'
    .. '"consent":{"share_with_partners":true}}', run_id, tid, sent, sent)
  return wrk.format("POST", "/api/v1/reports",
    {[name] = value, ["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %d %d %.1f %.3f %.3f %.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def seed_partners(url: str) -> list[str]:
    db = Database(url)
    upgrade(db)
    tokens = []
    with db.session() as session:
        for i in range(CLIENTS):
            user, _ = accounts.create_user(
                session, username=f"app{i}", role="partner", password="a long bench passphrase"
            )
            token, _ = accounts.create_token(session, user, "bench", actor=user)
            tokens.append(f"Authorization: Bearer {token}")
    db.dispose()
    return tokens


def stored(url: str) -> int:
    db = Database(url)
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(Report)) or 0
    db.dispose()
    return int(count)


def run(args: argparse.Namespace) -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    rows = []
    for backend in args.backends.split(","):
        workdir = Path(tempfile.mkdtemp(prefix=f"tocsin-intake-{backend}-"))
        script = workdir / "submit.lua"
        script.write_text(LUA, encoding="utf-8")
        url, pg_name = database_url(backend, workdir)
        creds = workdir / "tokens.txt"
        creds.write_text("\n".join(seed_partners(url)) + "\n", encoding="utf-8")
        port = free_port()
        server = start_server(url, workdir, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}/api/v1/reports"
            wrk(base, creds, 3, script, extra=[uuid.uuid4().hex[:8]])  # warm up
            before = stored(url)
            result = wrk(base, creds, args.seconds, script, extra=[uuid.uuid4().hex[:8]])
            result["stored"] = stored(url) - before
            rows.append((backend, result))
        finally:
            tear_down(server, pg_name, workdir)
    print(
        f"intake API: {CLIENTS} partner apps, {args.seconds} s, {args.workers} server process(es)"
    )
    print(
        f"{'backend':<11} {'accepted/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'acked':>7} {'stored':>7} {'errors':>7}  target: >= {TARGET_RATE:.0f}/s, "
        f"p99 < {TARGET_P99_MS:.0f} ms"
    )
    ok = True
    for backend, r in rows:
        acked = r["requests"] - r["errors"]
        passed = (
            r["rate"] >= TARGET_RATE
            and r["p99"] < TARGET_P99_MS
            and r["errors"] == 0
            and r["stored"] >= acked
        )
        ok &= passed
        print(
            f"{backend:<11} {r['rate']:>10.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
            f"{int(acked):>7} {int(r['stored']):>7} {int(r['errors']):>7}  "
            f"{'PASS' if passed else 'FAIL'}"
        )
    return 0 if ok else 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=2)
