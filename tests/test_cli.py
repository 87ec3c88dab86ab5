"""The ``newsgraph`` command: outputs of the SCHEMA.md contract and meaningful exit codes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from newsgraph import api, cli
from newsgraph.evaluate import gold_digest
from newsgraph.store import GraphStore

# Every test here may run the real pipeline; the fixture skips them when the model is missing.
pytestmark = pytest.mark.usefixtures("extractor")

FACT_KEYS = {"entities", "relations", "events", "reasons"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "graph.db")


@pytest.fixture
def ingested(made_up_articles: Path, db: str) -> str:
    api.ingest([made_up_articles], db=db)
    return db


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli.app, list(args), env={"CI": "1", "NEWSGRAPH_DB": None})


def _gold(folder: Path, ghost: bool = False) -> Path:
    """Two made-up gold files; ``ghost`` adds an entity the text never names (recall < 1)."""
    folder.mkdir(parents=True, exist_ok=True)
    signed = "Jeon Hyeri is signed to Maple Entertainment."
    first: dict[str, Any] = {
        "id": "made-up-1",
        "url": "https://example.com/1",
        "published": "2024-05-02",
        "title": "Jeon Hyeri signs",
        "text": signed,
        "entities": [
            {
                "id": "jeon_hyeri",
                "name": "Jeon Hyeri",
                "type": "PERSON",
                "mentions": ["Jeon Hyeri"],
            },
            {
                "id": "maple_ent",
                "name": "Maple Entertainment",
                "type": "ORG",
                "mentions": ["Maple Entertainment"],
            },
        ],
        "relations": [{"s": "jeon_hyeri", "p": "signed_to", "o": "maple_ent", "evidence": signed}],
        "events": [],
        "reasons": [],
        "questions": [{"q": "Which agency is Jeon Hyeri signed to?", "answer": "maple_ent"}],
    }
    if ghost:
        first["entities"].append(
            {"id": "ghost", "name": "Ghost Band", "type": "GROUP", "mentions": ["Ghost Band"]}
        )
    directed = 'The "Glass River" music video was directed by Kang Doyun.'
    second: dict[str, Any] = {
        "id": "made-up-2",
        "url": "",
        "published": None,
        "title": "",
        "text": directed,
        "entities": [
            {
                "id": "kang_doyun",
                "name": "Kang Doyun",
                "type": "PERSON",
                "mentions": ["Kang Doyun"],
            },
            {
                "id": "glass_river_mv",
                "name": "Glass River music video",
                "type": "WORK",
                "mentions": ["Glass River"],
            },
        ],
        "relations": [
            {"s": "kang_doyun", "p": "director_of", "o": "glass_river_mv", "evidence": directed}
        ],
        "questions": [],
    }
    (folder / "made-up-1.json").write_text(json.dumps(first), encoding="utf-8")
    (folder / "made-up-2.json").write_text(json.dumps(second), encoding="utf-8")
    return folder


def _baseline(path: Path, gold: Path, floors: dict[str, float]) -> Path:
    data = {"floors": floors, "gold_digest": gold_digest(gold), "note": "test floors"}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_cli_commands_snapshot() -> None:
    names = sorted(c.name or c.callback.__name__ for c in cli.app.registered_commands)  # type: ignore[union-attr]
    assert names == [
        "ask",
        "conflicts",
        "demo",
        "eval",
        "explain",
        "export",
        "extract",
        "ingest",
        "merge",
        "migrate",
        "serve",
        "show",
        "split",
        "stats",
    ]


def test_cli_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == "newsgraph 0.1.0"


def test_cli_no_arguments_prints_help(runner: CliRunner) -> None:
    result = run(runner)
    assert result.exit_code == 2
    assert "ingest" in result.output


def test_cli_unknown_option_is_usage_error(runner: CliRunner) -> None:
    assert run(runner, "stats", "--nope").exit_code == 2


def test_cli_ingest_prints_summary(runner: CliRunner, made_up_articles: Path, db: str) -> None:
    (made_up_articles / "empty.txt").write_bytes(b"")
    result = run(runner, "--db", db, "ingest", str(made_up_articles))
    assert result.exit_code == 0, result.output
    assert f"read 3 articles: 3 added, 0 already stored, 1 inputs skipped -> {db}" in result.stdout
    assert "NG001" in result.stderr  # the skip table goes to stderr
    again = run(runner, "--db", db, "ingest", str(made_up_articles))
    assert again.exit_code == 0
    assert "read 3 articles: 0 added, 3 already stored" in again.stdout


def test_cli_ingest_json_summary(runner: CliRunner, made_up_articles: Path, db: str) -> None:
    result = run(runner, "--db", db, "ingest", str(made_up_articles), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"read": 3, "added": 3, "unchanged": 0, "skipped": []}


def test_cli_ingest_nothing_readable_exits_1(runner: CliRunner, tmp_path: Path, db: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(runner, "--db", db, "ingest", str(tmp_path / "empty.txt"))
    assert result.exit_code == 1
    assert "NG001" in result.stderr


def test_cli_ingest_db_from_environment(
    runner: CliRunner, made_up_articles: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "env.db")
    result = runner.invoke(
        cli.app, ["ingest", str(made_up_articles)], env={"CI": "1", "NEWSGRAPH_DB": db}
    )
    assert result.exit_code == 0
    assert api.stats(db=db)["articles"] == 3


def test_cli_extract_json_lines(runner: CliRunner, made_up_articles: Path) -> None:
    result = run(runner, "extract", str(made_up_articles), "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        obj = json.loads(line)
        assert {"article", *FACT_KEYS} <= set(obj)
        assert set(obj["article"]) == {"id", "url", "title", "published"}
    by_id = {json.loads(line)["article"]["id"]: json.loads(line) for line in lines}
    tide = by_id["made-up-tide-five"]
    assert tide["article"]["published"] == "2024-06-03"
    assert tide["article"]["title"] == "Tide Five announce a summer tour"


def test_cli_extract_plain_summary(runner: CliRunner, made_up_articles: Path) -> None:
    result = run(runner, "extract", str(made_up_articles / "tide-five.jsonl"))
    assert result.exit_code == 0
    assert result.stdout.startswith("made-up-tide-five")
    assert "entities" in result.stdout and "reasons" in result.stdout


def test_cli_extract_only_bad_input_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run(runner, "extract", str(tmp_path / "binary.txt"), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "NG003" in result.stderr


def test_cli_export_json(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "export", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= FACT_KEYS
    assert data == api.export(db=ingested)


def test_cli_export_to_file(runner: CliRunner, ingested: str, tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    result = run(runner, "--db", ingested, "export", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == api.export(db=ingested)


def test_cli_export_unknown_format_exits_5(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "export", "--format", "nope")
    assert result.exit_code == 5
    assert "[NG100]" in result.stderr and "nope" in result.stderr


def test_cli_ask_json_contract(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "ask", "Why did Jeon Hyeri join the drama?", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"question", "answer", "answers", "evidence"} <= set(data)
    assert data["question"] == "Why did Jeon Hyeri join the drama?"
    assert any("Kang Doyun" in a for a in data["answers"])
    for ev in data["evidence"]:
        assert {"article", "sentence", "text"} <= set(ev)
    assert data["evidence"]


def test_cli_ask_plain_shows_answer_and_evidence(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "ask", "Who directed the Glass River music video?")
    assert result.exit_code == 0
    assert "Kang Doyun" in result.stdout
    assert "evidence:" in result.stdout


def test_cli_ask_unanswerable(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "ask", "Who is the king of Mars?")
    assert result.exit_code == 0
    assert "No answer" in result.stdout


def test_cli_ask_empty_question_exits_3(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "ask", "")
    assert result.exit_code == 3
    assert "[NG300]" in result.stderr


def test_cli_stats_json(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "stats", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == api.stats(db=ingested)


def test_cli_stats_table(runner: CliRunner, ingested: str) -> None:
    result = run(runner, "--db", ingested, "stats")
    assert result.exit_code == 0
    assert re.search(r"articles\W+3\W", result.stdout), result.stdout


def test_cli_eval_table(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold")
    result = run(runner, "eval", str(gold), "--no-graph")
    assert result.exit_code == 0, result.output
    assert "newsgraph eval: 2 gold articles" in result.stdout
    assert "entities_typed" in result.stdout and "relations" in result.stdout


def test_cli_eval_json_figures(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold")
    out = tmp_path / "report.json"
    result = run(runner, "eval", str(gold), "--json", "-o", str(out))
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles"] == 2
    assert figures["gold_digest"] == gold_digest(gold)
    for name in ("entities_typed.f1", "relations.f1", "graph.bcubed_f1", "qa.accuracy"):
        assert isinstance(figures[name], float), name
    assert figures["entities_typed.tp"] == 4
    assert json.loads(out.read_text(encoding="utf-8")) == figures


def test_cli_eval_gate_passes(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold")
    baseline = _baseline(tmp_path / "baseline.json", gold, {"entities_typed.f1": 0.5})
    result = run(runner, "eval", str(gold), "--no-graph", "--gate", str(baseline))
    assert result.exit_code == 0, result.output
    assert "every figure is at or above its floor" in result.stderr


def test_cli_eval_gate_floor_too_high_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ghost=True)
    baseline = _baseline(tmp_path / "baseline.json", gold, {"entities_typed.r": 1.0})
    result = run(runner, "eval", str(gold), "--no-graph", "--gate", str(baseline))
    assert result.exit_code == 1
    assert "quality gate: entities_typed.r" in result.stderr


def test_cli_eval_not_a_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, "eval", str(tmp_path / "absent")).exit_code == 2


def test_cli_eval_bad_gold_exits_5(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "broken.json").write_text("{not json", encoding="utf-8")
    result = run(runner, "eval", str(gold))
    assert result.exit_code == 5
    assert "[NG100]" in result.stderr


def test_cli_db_folder_missing_exits_4(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "--db", str(tmp_path / "no" / "graph.db"), "stats")
    assert result.exit_code == 4
    assert "[NG200]" in result.stderr


def test_cli_db_not_a_database_exits_4(runner: CliRunner, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not an SQLite file " * 50)
    result = run(runner, "--db", str(junk), "stats")
    assert result.exit_code == 4
    assert "not a database" in result.stderr


def test_cli_db_read_only_exits_4(runner: CliRunner, made_up_articles: Path, db: str) -> None:
    GraphStore(db).close()  # an empty graph, then opened read-only
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = run(runner, "--db", url, "ingest", str(made_up_articles))
    assert result.exit_code == 4
    assert "read-only" in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_cli_db_in_read_only_folder_exits_4(
    runner: CliRunner, made_up_articles: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run(runner, "--db", str(folder / "graph.db"), "ingest", str(made_up_articles))
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 4


def test_cli_demo(runner: CliRunner, db: str) -> None:
    samples = api.bundled_samples()
    if not samples.is_dir() or not any(samples.iterdir()):
        pytest.skip("bundled samples not written yet")
    result = run(runner, "--db", db, "demo")
    assert result.exit_code == 0, result.output
    assert "Ingesting the bundled sample articles" in result.stdout
    assert f"Q: {cli.DEMO_QUESTION}" in result.stdout
    assert "No answer" not in result.stdout
    assert api.stats(db=db)["articles"] >= 1


def test_cli_show_explain_conflicts_merge_split(runner: CliRunner, tmp_path: Path) -> None:
    from newsgraph.model import Article, Entity, Event, Extraction
    from newsgraph.store import GraphStore

    db = str(tmp_path / "g.db")
    with GraphStore(db) as store:
        for article, day in (("a", "2024-05-02"), ("b", "2024-05-09")):
            song = Entity("w", "Glass River", "WORK", ("Glass River",), subtype="song")
            event = Event("release", "w", day, "day")
            store.add_extraction(
                Extraction(
                    Article(article, "Glass River.", url=f"https://{article}.example/"),
                    (song,),
                    events=(event,),
                )
            )
    shown = run(runner, "--db", db, "show", "glass river", "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == "work:glass-river"
    assert run(runner, "--db", db, "show", "nobody").exit_code == 3
    explained = run(runner, "--db", db, "explain", "work:glass-river")
    assert explained.exit_code == 0 and "exact" in explained.stdout
    found = run(runner, "--db", db, "conflicts", "--json")
    assert [c["kind"] for c in json.loads(found.stdout)] == ["date"]
    assert run(runner, "--db", db, "split", "Glass River", "--article", "b").exit_code == 0
    assert run(runner, "--db", db, "merge", "Glass River", "work:nothing").exit_code == 3


def test_cli_eval_errors_lists_the_misses(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ghost=True)
    result = run(runner, "eval", str(gold), "--no-graph", "--errors")
    assert result.exit_code == 0, result.output
    assert "== made-up-1" in result.stdout
    assert "entities  missed     Ghost Band (GROUP)" in result.stdout
    figures = json.loads(run(runner, "eval", str(gold), "--no-graph", "--json").stdout)
    listed = [e for a in figures["per_article_errors"] for e in a["errors"]]
    for task, fn in (("relations", "relations.fn"), ("events", "events.fn")):
        missed = [e for e in listed if e["task"] == task and e["kind"] == "missed"]
        assert len(missed) == figures[fn], task
