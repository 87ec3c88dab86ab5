"""Load test of the HTTP API: throughput and latency of the entity and ask endpoints.

    python benchmarks/load.py [--clients 50] [--duration 30] [--shared ../shared] [--json]

Builds a temporary graph (the gold dev articles in ``../shared/gold/dev``, or the bundled samples
when that folder is absent), starts ``newsgraph serve`` on 127.0.0.1 and a free port in its own
process, then runs ``--clients`` concurrent clients (httpx2, async) for ``--duration`` seconds.
Each client loops over a fixed mix of requests: search, entity detail, neighbours and ask (the
questions of the gold files, else the sample question). It prints, per endpoint and in total,
requests, throughput, p50/p99 latency and errors (any non-2xx status or transport error).
Nothing is sent anywhere but loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
from rich.console import Console
from rich.table import Table

from newsgraph import api

REPO = Path(__file__).resolve().parents[1]
SAMPLE_QUESTIONS = ["Why did Minjae take the role?", "Who directed the Paper Lanterns video?"]
# Share of each request kind in the mix, in one client's loop.
MIX = (("search", 2), ("entity", 4), ("neighbours", 2), ("ask", 2))


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def build_graph(db: str, shared: Path) -> tuple[str, list[str]]:
    """Ingest the gold dev articles (or the samples) into ``db``; the corpus name and questions."""
    gold = shared / "gold" / "dev"
    if gold.is_dir():
        files = sorted(gold.glob("*.json"))
        api.ingest(files, db=db)
        questions = []
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            questions.extend(str(q["q"]) for q in data.get("questions", []) if q.get("q"))
        return f"gold dev ({len(files)} articles)", questions or SAMPLE_QUESTIONS
    api.ingest([api.bundled_samples()], db=db)
    return "bundled samples (8 articles)", SAMPLE_QUESTIONS


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsgraph.cli", "--db", db, "serve", "--port", str(port)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            if httpx2.get(base + "/api/stats", timeout=1.0).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not start in time")


async def client_loop(
    client: httpx2.AsyncClient,
    plan: list[tuple[str, str, dict[str, Any]]],
    stats: dict[str, Stats],
    stop_at: float,
    seed: int,
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop_at:
        kind, path, params = plan[rng.randrange(len(plan))]
        started = time.perf_counter()
        try:
            response = await client.get(path, params=params)
            ok = 200 <= response.status_code < 300
        except httpx2.HTTPError:
            ok = False
        elapsed = time.perf_counter() - started
        stats[kind].latencies.append(elapsed)
        if not ok:
            stats[kind].errors += 1


def make_plan(base: str, questions: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
    entities = httpx2.get(base + "/api/entities", params={"size": 100}).json()["items"]
    if not entities:
        raise SystemExit("the graph has no entities")
    ids = [e["id"] for e in entities]
    names = [e["name"] for e in entities]
    plan: list[tuple[str, str, dict[str, Any]]] = []
    for kind, weight in MIX:
        for i in range(weight * 10):
            if kind == "search":
                plan.append((kind, "/api/entities", {"q": names[i % len(names)][:4]}))
            elif kind == "entity":
                plan.append((kind, f"/api/entities/{ids[i % len(ids)]}", {}))
            elif kind == "neighbours":
                plan.append((kind, f"/api/entities/{ids[i % len(ids)]}/neighbours", {}))
            else:
                plan.append((kind, "/api/ask", {"q": questions[i % len(questions)]}))
    return plan


async def run_load(
    base: str, plan: list[tuple[str, str, dict[str, Any]]], clients: int, duration: float
) -> tuple[dict[str, Stats], float]:
    stats = {kind: Stats() for kind, _ in MIX}
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        started = time.monotonic()
        stop_at = started + duration
        await asyncio.gather(
            *(client_loop(client, plan, stats, stop_at, seed) for seed in range(clients))
        )
        elapsed = time.monotonic() - started
    return stats, elapsed


def report(stats: dict[str, Stats], elapsed: float) -> list[dict[str, Any]]:
    rows = []
    everything = Stats()
    for s in stats.values():
        everything.latencies.extend(s.latencies)
        everything.errors += s.errors
    for kind, s in [*stats.items(), ("total", everything)]:
        rows.append(
            {
                "endpoint": kind,
                "requests": len(s.latencies),
                "throughput_rps": round(len(s.latencies) / elapsed, 1) if elapsed else 0.0,
                "p50_ms": round(percentile(s.latencies, 50) * 1000, 1),
                "p99_ms": round(percentile(s.latencies, 99) * 1000, 1),
                "errors": s.errors,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0:
        parser.error("--clients must be >= 1 and --duration > 0")
    console = Console(stderr=True)
    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as tmp:
        db = str(Path(tmp) / "load.db")
        console.print("building the graph...")
        corpus, questions = build_graph(db, args.shared)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(db, port)
        try:
            wait_until_up(base, proc)
            plan = make_plan(base, questions)
            console.print(f"{args.clients} clients for {args.duration:g} s against {base}...")
            stats, elapsed = asyncio.run(run_load(base, plan, args.clients, args.duration))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    rows = report(stats, elapsed)
    if args.json:
        figures = {"corpus": corpus, "clients": args.clients, "seconds": round(elapsed, 1)}
        print(json.dumps({**figures, "rows": rows}, indent=2))
        return 0
    table = Table(
        title=f"HTTP API load: {corpus}, {args.clients} clients, {elapsed:.1f} s",
        title_justify="left",
    )
    for column in ("endpoint", "requests", "req/s", "p50 ms", "p99 ms", "errors"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    for row in rows:
        table.add_row(
            row["endpoint"],
            str(row["requests"]),
            f"{row['throughput_rps']:.1f}",
            f"{row['p50_ms']:.1f}",
            f"{row['p99_ms']:.1f}",
            str(row["errors"]),
        )
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
