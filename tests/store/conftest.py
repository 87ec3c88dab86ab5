"""Hand-built extractions of three made-up articles sharing entities under other spellings, and
the database each store test runs on: SQLite, and PostgreSQL when a server is at hand.

PostgreSQL: ``NEWSGRAPH_TEST_PG_URL`` (an SQLAlchemy URL of a user that may create databases), or
else a throwaway server started with ``scripts/pg`` for the session when PostgreSQL is installed;
without either, the ``postgresql`` cases skip. Each test gets new, empty databases.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from glob import glob
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from newsgraph.model import (
    Article,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Reason,
    Relation,
)
from newsgraph.store import GraphStore


class ArticleBuilder:
    """Builds an Extraction whose offsets and evidence are found in the text it is given."""

    def __init__(self, article_id: str, sentences: Sequence[str], published: date | None = None):
        self.id = article_id
        self.sentences: list[tuple[int, int]] = []
        parts: list[str] = []
        pos = 0
        for sent in sentences:
            self.sentences.append((pos, pos + len(sent)))
            parts.append(sent)
            pos += len(sent) + 1
        self.text = " ".join(parts)
        self.published = published
        self.entities: list[Entity] = []

    def _locate(self, phrase: str) -> tuple[int, int, int]:
        start = self.text.find(phrase)
        assert start >= 0, f"{phrase!r} is not in the text"
        end = start + len(phrase)
        idx = next(i for i, (s, e) in enumerate(self.sentences) if s <= start < e)
        return start, end, idx

    def ev(self, phrase: str) -> Evidence:
        start, end, idx = self._locate(phrase)
        s, e = self.sentences[idx]
        return Evidence(self.id, idx, start, end, self.text[s:e])

    def entity(self, local_id: str, name: str, etype: str, *aliases: str) -> str:
        mentions = []
        for alias in (name, *aliases):
            if alias in self.text:
                start, end, idx = self._locate(alias)
                mentions.append(Mention(self.id, start, end, idx, alias, etype))
        self.entities.append(
            Entity(local_id, name, etype, (name, *aliases), mentions=tuple(mentions))
        )
        return local_id

    def build(
        self,
        relations: Sequence[Relation] = (),
        events: Sequence[Event] = (),
        reasons: Sequence[Reason] = (),
        quotes: Sequence[Quote] = (),
    ) -> Extraction:
        article = Article(self.id, self.text, title=f"Story {self.id}", published=self.published)
        return Extraction(
            article,
            tuple(self.entities),
            tuple(relations),
            tuple(events),
            tuple(reasons),
            tuple(quotes),
            sentences=tuple(self.sentences),
        )


def article_a() -> Extraction:
    b = ArticleBuilder(
        "news-a",
        [
            "Singer Mira Kang released her single Paper Moon on March 3.",
            "The music video was directed by Jo Hyun-woo.",
            "Kang said she chose Jo because she admired his short film Blue Hour.",
        ],
        published=date(2024, 3, 4),
    )
    mira = b.entity("e1", "Mira Kang", "PERSON", "Kang")
    moon = b.entity("e2", "Paper Moon", "WORK")
    jo = b.entity("e3", "Jo Hyun-woo", "PERSON", "Jo")
    blue = b.entity("e4", "Blue Hour", "WORK")
    return b.build(
        relations=[
            Relation(mira, "performer_of", moon, (b.ev("released her single Paper Moon"),)),
            Relation(jo, "director_of", moon, (b.ev("directed by Jo Hyun-woo"),)),
            Relation(jo, "director_of", blue, (b.ev("his short film Blue Hour"),)),
        ],
        events=[
            Event("release", moon, "2024-03-03", "day", "March 3", evidence=(b.ev("on March 3"),))
        ],
        reasons=[
            Reason(
                mira,
                "chose Jo to direct the video",
                "she admired his short film Blue Hour",
                kind="motive",
                cue="because",
                attributed_to=mira,
                evidence=(b.ev("because she admired"),),
            )
        ],
    )


def article_b() -> Extraction:
    b = ArticleBuilder(
        "news-b",
        [
            "Director Jo Hyun Woo says working with MK on Paper Moon was a joy.",
            "The single Paper Moon came out on March 3 to strong sales.",
            "Mira Kang's group Northwind returns in May.",
        ],
        published=date(2024, 4, 1),
    )
    jo = b.entity("x1", "Jo Hyun Woo", "PERSON")
    mk = b.entity("x2", "MK", "PERSON", "Mira Kang", "Kang Mira")
    moon = b.entity("x3", "Paper Moon", "WORK")
    group = b.entity("x4", "Northwind", "GROUP")
    return b.build(
        relations=[
            Relation(jo, "director_of", moon, (b.ev("Director Jo Hyun Woo"),)),
            Relation(mk, "collaborated_with", jo, (b.ev("working with MK"),)),
            Relation(mk, "member_of", group, (b.ev("group Northwind"),)),
        ],
        events=[
            Event("release", moon, "2024-03-03", "day", "March 3", evidence=(b.ev("came out"),)),
            Event("comeback", group, "2024-05", "month", "May", evidence=(b.ev("returns in May"),)),
        ],
        quotes=[Quote(jo, "working with MK was a joy", (b.ev("was a joy"),))],
    )


def article_c() -> Extraction:
    b = ArticleBuilder(
        "news-c",
        [
            "Northwind singer Kang Mira teamed up with Jo Hyun-woo again.",
            "Northwind is signed to Luna Entertainment.",
        ],
        published=date(2024, 5, 2),
    )
    kang = b.entity("m1", "Kang Mira", "PERSON")
    group = b.entity("m2", "Northwind", "GROUP")
    jo = b.entity("m3", "Jo Hyun-woo", "PERSON")
    luna = b.entity("m4", "Luna Entertainment", "ORG", "Luna")
    return b.build(
        relations=[
            Relation(jo, "collaborated_with", kang, (b.ev("teamed up with Jo Hyun-woo"),)),
            Relation(kang, "member_of", group, (b.ev("Northwind singer Kang Mira"),)),
            Relation(group, "signed_to", luna, (b.ev("signed to Luna Entertainment"),)),
        ]
    )


@pytest.fixture
def corpus() -> list[Extraction]:
    return [article_a(), article_b(), article_c()]


# ------------------------------------------------------------------------------- backends

REPO_ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "NEWSGRAPH_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")

NewDb = Callable[[], str]
"""Returns the URL (or SQLite path) of a new, empty graph database."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A PostgreSQL URL whose user may create databases; skips when there is none (but not
    when CI gave one: then a missing driver fails)."""
    url = os.environ.get(PG_ENV)
    if url:
        import psycopg  # noqa: F401  (with a server given, a missing driver is an error)

        yield url
        return
    pytest.importorskip("psycopg", reason="newsgraph[postgres] is not installed")
    if not shutil.which("initdb") and not glob("/usr/lib/postgresql/*/bin/initdb"):
        pytest.skip(f"no PostgreSQL: set {PG_ENV} or install Debian's postgresql")
    folder = tempfile.mkdtemp(prefix="newsgraph-pg-")
    env = {**os.environ, "NEWSGRAPH_PG_PORT": str(_free_port())}
    script = str(REPO_ROOT / "scripts" / "pg")
    started = subprocess.run(
        [script, "start", folder], env=env, capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {started.stderr.strip()[-300:]}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([script, "stop", folder], env=env, capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _pg_admin(url: str) -> object:
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(dsn, autocommit=True)


@pytest.fixture
def pg_new_db(pg_admin_url: str) -> Iterator[NewDb]:
    """Makes new PostgreSQL databases, dropped after the test (with their open connections)."""
    made: list[str] = []

    def new() -> str:
        name = f"ng_test_{uuid.uuid4().hex[:12]}"
        with _pg_admin(pg_admin_url) as conn:  # type: ignore[attr-defined]
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)

    yield new
    if made:
        with _pg_admin(pg_admin_url) as conn:  # type: ignore[attr-defined]
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def close_stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close every GraphStore the test opened (tests rarely do), so that no driver connection
    is left for the garbage collector to complain about."""
    opened: list[GraphStore] = []
    init = GraphStore.__init__

    def tracking(self: GraphStore, *args: Any, **kwargs: Any) -> None:
        opened.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(GraphStore, "__init__", tracking)
    yield
    for store in opened:
        if hasattr(store, "_engine"):
            store.close()


@pytest.fixture
def new_db(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, close_stores: None
) -> NewDb:
    """New empty graph databases on the test's backend (a SQLite path, or a PostgreSQL URL)."""
    if backend == "postgresql":
        maker: NewDb = request.getfixturevalue("pg_new_db")
        return maker
    count = iter(range(1_000_000))
    return lambda: str(tmp_path / f"g{next(count)}.db")
