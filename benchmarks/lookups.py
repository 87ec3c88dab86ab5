"""Lookups: ``ask`` and entity lookups, p50/p99, on a 10,000-article graph, SQLite and PostgreSQL.

    python benchmarks/lookups.py [--shared ../shared] [--articles N] [--rounds R]
                                 [--backends sqlite,postgresql] [--pg-url URL] [--json]
                                 [--keep PATH] [--worst K]

The graph: the gold dev articles are extracted once with the full pipeline, then the same
Extractions are stored again and again under new article ids (every id inside, in mentions and
evidence too, is rewritten) until there are ``--articles`` articles. Every copy merges into the same
global entities, so each fact ends up with ~N/18 sources: the lookups below read them all, which is
the worst case for a popular entity. The build is timed too (ms per article, store only).

Timed, ``--rounds`` times over the same inputs, each call on its own (a server's request):
- ``ask``: every gold dev question through :func:`newsgraph.query.ask`;
- ``entity``: every gold entity name resolved to a global entity (id or alias lookup);
- ``show``: the entity page (profile with relations, timeline, reasons and sources);
- ``search``: full-text sentence search for two words of each question.

``--keep PATH`` keeps the SQLite graph at PATH and, when PATH already holds a graph of that size,
measures it again without building (a 10,000-article build takes half an hour). ``--worst K``
prints the K slowest inputs of each operation, to profile them.

PostgreSQL: ``--pg-url`` (a database the benchmark may fill; use a new one), else
``NEWSGRAPH_TEST_PG_URL`` (a new database is made on that server), else a throwaway server
started with ``scripts/pg``; without any, the PostgreSQL column is skipped with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newsgraph import api
from newsgraph.model import Article, Evidence, Extraction
from newsgraph.query import ask
from newsgraph.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
err = Console(stderr=True)


def _reid_evidence(items: tuple[Evidence, ...], new: str) -> tuple[Evidence, ...]:
    return tuple(replace(e, article_id=new) for e in items)


def reid(x: Extraction, new: str) -> Extraction:
    """The same extraction under article id ``new`` (mentions and evidence included)."""
    entities = tuple(
        replace(e, mentions=tuple(replace(m, article_id=new) for m in e.mentions))
        for e in x.entities
    )
    return replace(
        x,
        article=replace(x.article, id=new),
        entities=entities,
        relations=tuple(replace(r, evidence=_reid_evidence(r.evidence, new)) for r in x.relations),
        events=tuple(replace(e, evidence=_reid_evidence(e.evidence, new)) for e in x.events),
        reasons=tuple(replace(r, evidence=_reid_evidence(r.evidence, new)) for r in x.reasons),
        quotes=tuple(replace(q, evidence=_reid_evidence(q.evidence, new)) for q in x.quotes),
    )


def load_gold(shared: Path) -> tuple[list[Extraction], list[str], list[str]]:
    """Extractions of the gold dev articles, their questions and their entity names."""
    files = sorted((shared / "gold" / "dev").glob("*.json"))
    if not files:
        raise SystemExit(f"no gold dev articles in {shared / 'gold' / 'dev'}")
    nlp = api.extractor()
    extractions, questions, names = [], [], []
    for path in files:
        fields = json.loads(path.read_text(encoding="utf-8"))
        published = fields.get("published")
        article = Article(
            id=str(fields["id"]),
            text=str(fields["text"]),
            url=str(fields.get("url") or ""),
            title=str(fields.get("title") or ""),
            published=date.fromisoformat(published) if published else None,
        )
        extractions.append(nlp.extract(article))
        questions += [str(q["q"]) for q in fields.get("questions", [])]
        names += [str(e["name"]) for e in fields.get("entities", [])]
    return extractions, questions, sorted(set(names))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres(url: str | None) -> Iterator[str]:
    """A PostgreSQL database to fill: the given URL, a new database on the test server, or a
    throwaway server (scripts/pg) removed afterwards."""
    if url:
        yield url
        return
    import psycopg
    from sqlalchemy.engine import make_url

    admin = os.environ.get("NEWSGRAPH_TEST_PG_URL")
    folder = None
    env = {**os.environ, "NEWSGRAPH_PG_PORT": str(_free_port())}
    if not admin:
        folder = tempfile.mkdtemp(prefix="newsgraph-pg-bench-")
        started = subprocess.run(
            [str(REPO / "scripts" / "pg"), "start", folder],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"could not start PostgreSQL: {started.stderr.strip()[-200:]}")
        admin = started.stdout.strip().splitlines()[-1]
    name = f"ng_bench_{uuid.uuid4().hex[:8]}"
    dsn = make_url(admin).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if folder is not None:
            subprocess.run([str(REPO / "scripts" / "pg"), "stop", folder], env=env, check=False)
            shutil.rmtree(folder, ignore_errors=True)


def build(db: str, extractions: list[Extraction], articles: int) -> dict[str, Any]:
    """Store ``articles`` copies of the extractions; returns build figures."""
    store = GraphStore(db)
    started = time.perf_counter()
    done = 0
    try:
        while done < articles:
            x = extractions[done % len(extractions)]
            store.add_extraction(reid(x, f"{x.article.id}~{done // len(extractions):05d}"))
            done += 1
            if done % 500 == 0:
                rate = (time.perf_counter() - started) / done * 1000
                err.print(f"  {done} articles stored ({rate:.1f} ms/article)")
        stats = store.stats()
    finally:
        store.close()
    seconds = time.perf_counter() - started
    return {
        "articles": stats["articles"],
        "seconds": seconds,
        "ms_per_article": seconds / done * 1000,
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


Call = tuple[str, Callable[[], object]]  # (the input, for --worst; the timed call)


def timed(calls: list[Call], rounds: int, worst: int = 0) -> dict[str, Any]:
    times: list[tuple[float, str]] = []
    for _ in range(rounds):
        for label, call in calls:
            started = time.perf_counter()
            call()
            times.append(((time.perf_counter() - started) * 1000, label))
    ms = [t for t, _ in times]
    figures: dict[str, Any] = {
        "n": len(ms),
        "p50_ms": _percentile(ms, 0.50),
        "p99_ms": _percentile(ms, 0.99),
        "mean_ms": statistics.fmean(ms),
    }
    if worst:
        figures["worst"] = [
            {"input": label, "ms": round(t, 1)} for t, label in sorted(times, reverse=True)[:worst]
        ]
    return figures


def measure(
    db: str, questions: list[str], names: list[str], rounds: int, worst: int = 0
) -> dict[str, Any]:
    store = GraphStore(db)
    try:
        found = [n for n in names if store.resolve_entity(n) is not None]
        words = [[w for w in re.findall(r"[A-Za-z]{4,}", q)][:2] for q in questions]
        ops: dict[str, list[Call]] = {
            "ask": [(q, lambda q=q: ask(store, q)) for q in questions],
            "entity": [(n, lambda n=n: store.resolve_entity(n)) for n in names],
            "show": [(n, lambda n=n: store.show(n)) for n in found],
            "search": [(" ".join(w), lambda w=w: store.search_sentences(w)) for w in words if w],
        }
        for calls in ops.values():  # warm caches (both backends alike)
            for _, call in calls[:3]:
                call()
        return {op: timed(calls, rounds, worst) for op, calls in ops.items()}
    finally:
        store.close()


def kept_sqlite(path: Path, extractions: list[Extraction], articles: int) -> dict[str, Any]:
    """The graph at ``path``: measured as it is when it holds ``articles`` articles, else built
    there (it must then be new)."""
    if path.exists():
        store = GraphStore(str(path))
        try:
            held = store.stats()["articles"]
        finally:
            store.close()
        if held == articles:
            return {"articles": held, "seconds": None, "ms_per_article": None, "kept": True}
        raise SystemExit(f"{path} holds {held:,} articles, not {articles:,}: use a new path")
    return build(str(path), extractions, articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--articles", type=int, default=10_000, help="graph size (10,000)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the inputs (3)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", help="a PostgreSQL database to fill (SQLAlchemy URL)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the SQLite graph at this path")
    parser.add_argument("--worst", type=int, default=0, help="list the K slowest inputs")
    args = parser.parse_args()

    err.print("extracting the gold dev articles...")
    extractions, questions, names = load_gold(args.shared)
    results: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        err.print(f"{backend}: building a {args.articles:,}-article graph...")
        if backend == "sqlite" and args.keep is not None:
            built = kept_sqlite(args.keep, extractions, args.articles)
            figures = measure(str(args.keep), questions, names, args.rounds, args.worst)
            results[backend] = {"build": built, **figures}
        elif backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="newsgraph-lookups-") as tmp:
                db = str(Path(tmp) / "graph.db")
                built = build(db, extractions, args.articles)
                figures = measure(db, questions, names, args.rounds, args.worst)
                results[backend] = {"build": built, **figures}
        elif backend == "postgresql":
            try:
                with postgres(args.pg_url) as db:
                    built = build(db, extractions, args.articles)
                    results[backend] = {
                        "build": built,
                        **measure(db, questions, names, args.rounds, args.worst),
                    }
            except (ImportError, RuntimeError) as exc:
                skipped[backend] = str(exc)
        else:
            raise SystemExit(f"unknown backend {backend!r}: sqlite or postgresql")
    if args.json:
        print(json.dumps({"results": results, "skipped": skipped}, indent=2))
        return
    backends = list(results)
    table = Table(
        title=f"Lookups on a {args.articles:,}-article graph "
        f"({len(questions)} questions, {len(names)} names, {args.rounds} rounds)",
        title_justify="left",
    )
    table.add_column("operation")
    for b in backends:
        table.add_column(f"{b} p50 ms", justify="right")
        table.add_column(f"{b} p99 ms", justify="right")
    for op in ("ask", "entity", "show", "search"):
        row = [op]
        for b in backends:
            row += [f"{results[b][op]['p50_ms']:.2f}", f"{results[b][op]['p99_ms']:.2f}"]
        table.add_row(*row)
    row = ["build (store only), ms/article"]
    for b in backends:
        rate = results[b]["build"]["ms_per_article"]
        row += ["kept" if rate is None else f"{rate:.1f}", ""]
    table.add_row(*row)
    Console().print(table)
    for b in backends:
        for op in ("ask", "entity", "show", "search"):
            for w in results[b][op].get("worst", []):
                err.print(f"{b} {op} {w['ms']:9.1f} ms  {w['input']}")
    for b, why in skipped.items():
        err.print(f"{b} skipped: {why}")


if __name__ == "__main__":
    main()
