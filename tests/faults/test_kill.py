"""``kill -9`` in the middle of an ingest, then a re-run: the graph equals a clean run's."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph import api

ARTICLES = 1_000
SYLLABLES = ["ka", "ri", "mo", "le", "su", "na", "to", "vi", "ra", "do", "en", "ha", "jo", "li"]
WORKS = ["Glass River", "Desert Radio", "Paper Boats", "Monsoon Letters", "Winter Lamp", "Salt"]
CITIES = ["Seoul", "Osaka", "Mumbai", "Toronto", "Lisbon", "Austin", "Busan", "Nagoya"]
TEMPLATES = [
    'Singer {a} released the single "{w}" on Friday. The video was directed by {b}.',
    'Actor {a} joined the film "{w}" because {b} wrote the script, {a} said in {c}.',
    'The band of {a} will play {c} in May. {b} produced their album "{w}".',
]


def name(rng: random.Random) -> str:
    """An invented two-part name; many distinct ones, so entities stay small as in real news."""
    first = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
    last = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
    return f"{first} {last}"


def make_corpus(path: Path) -> None:
    """Small invented articles, with every 40th one a syndicated copy of the one before."""
    rng = random.Random(8)
    lines: list[str] = []
    previous = ""
    for n in range(ARTICLES):
        if n % 40 == 39:
            text = f"{previous} Distributed by Wire {n}."
        else:
            fill = {"a": name(rng), "b": name(rng), "w": rng.choice(WORKS), "c": rng.choice(CITIES)}
            text = rng.choice(TEMPLATES).format(**fill) + f" It was story {n} of a long day."
            previous = text
        lines.append(json.dumps({"id": f"story-{n:04d}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not created yet
        return 0


def ingest_command(db: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "--db", str(db), "ingest", str(corpus)]


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_kill_9_then_rerun_gives_the_clean_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    make_corpus(corpus)
    env = {**os.environ, "CI": "1"}
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    # The clean run and the run to kill go side by side, to keep the test's wall time down.
    clean = subprocess.Popen(ingest_command(clean_db, corpus), **quiet)  # type: ignore[call-overload]
    victim = subprocess.Popen(ingest_command(killed_db, corpus), env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while stored(killed_db) < 200 and time.monotonic() < deadline and victim.poll() is None:
            time.sleep(0.05)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    assert victim.returncode == -signal.SIGKILL
    part = stored(killed_db)
    assert 0 < part < ARTICLES - ARTICLES // 40, "the run must be killed part-way"

    rerun = subprocess.run(ingest_command(killed_db, corpus), env=env, capture_output=True)
    assert rerun.returncode == 0, rerun.stderr.decode()
    _, clean_err = clean.communicate(timeout=600)
    assert clean.returncode == 0, clean_err.decode()
    assert stored(clean_db) == ARTICLES - ARTICLES // 40  # every 40th is a near-duplicate
    assert stored(killed_db) == stored(clean_db)
    assert api.export(db=str(killed_db)) == api.export(db=str(clean_db))
    assert api.stats(db=str(killed_db)) == api.stats(db=str(clean_db))
