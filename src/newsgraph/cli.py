"""The ``newsgraph`` command line: thin, it parses arguments and calls :mod:`newsgraph.api`.

Exit codes: 0 success (skipped inputs are listed, not fatal); 1 nothing could be read or a
quality gate failed; 2 bad usage; 3 bad input to a command (an empty question...); 4 storage
error (locked, read-only or unreachable database); 5 configuration or model error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from newsgraph import __version__, api
from newsgraph.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsgraphError,
    QueryError,
    StorageError,
)
from newsgraph.model import Skip

EXIT_FAILED, EXIT_USAGE, EXIT_INPUT, EXIT_STORAGE, EXIT_CONFIG = 1, 2, 3, 4, 5

app = typer.Typer(
    name="newsgraph",
    help="Build a sourced knowledge graph from entertainment news, and query it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DEFAULT_DB = "newsgraph.db"
DEMO_QUESTION = "Why did Minjae take the role?"


class State:
    db: str = DEFAULT_DB


state = State()


def _version(value: bool) -> None:
    if value:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str,
        typer.Option(
            "--db",
            envvar="NEWSGRAPH_DB",
            help="Graph database: a SQLite file path or an SQLAlchemy URL.",
        ),
    ] = DEFAULT_DB,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Options shared by every command."""
    state.db = db


@contextmanager
def _errors() -> Iterator[None]:
    """Turn our exceptions into a one-line message and a meaningful exit code."""
    try:
        yield
    except StorageError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_STORAGE) from exc
    except (ConfigError, ModelError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_CONFIG) from exc
    except (QueryError, InputError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_INPUT) from exc
    except NewsgraphError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_FAILED) from exc


def _show_progress() -> bool:
    return err.is_terminal and not os.environ.get("CI")


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing in pipes and CI."""
    if not _show_progress():
        yield None
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _print_skips(skips: list[Skip]) -> None:
    if not skips:
        return
    table = Table(title=f"Skipped inputs ({len(skips)})", title_justify="left")
    table.add_column("source", overflow="fold")
    table.add_column("code")
    table.add_column("reason", overflow="fold")
    for skip in skips:
        table.add_row(skip.source, skip.code, skip.reason)
    err.print(table)


InputsArg = Annotated[list[Path], typer.Argument(help="Files or folders of articles.")]


@app.command()
def extract(
    inputs: InputsArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines, one article a line.")
    ] = False,
    config: Annotated[Path | None, typer.Option(help="Pipeline config file.")] = None,
) -> None:
    """Extract entities, relations, events and reasons from articles, without storing them."""
    skips: list[Skip] = []
    found = 0
    with _errors():
        for item in api.extract(inputs, config_path=str(config) if config else None):
            if isinstance(item, Skip):
                skips.append(item)
                continue
            found += 1
            if as_json:
                sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
            else:
                out.print(
                    f"[bold]{item.article.id}[/]  {len(item.entities)} entities, "
                    f"{len(item.relations)} relations, {len(item.events)} events, "
                    f"{len(item.reasons)} reasons"
                )
    _print_skips(skips)
    if found == 0:
        raise typer.Exit(EXIT_FAILED)


def _ingest(
    inputs: list[Path],
    config: Path | None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> api.IngestReport:
    with _errors(), _progress("ingesting") as advance:
        report = api.ingest(
            inputs,
            db=state.db,
            config_path=str(config) if config else None,
            progress=advance,
            workers=workers,
            scheduler=scheduler,
        )
    return report


@app.command()
def ingest(
    inputs: InputsArg,
    config: Annotated[Path | None, typer.Option(help="Pipeline config file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Extract on N local Dask worker processes (newsgraph[dask])."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Extract on the Dask cluster at this address (tcp://host:port)."),
    ] = None,
) -> None:
    """Add articles to the graph; articles already stored are left as they are.

    Non-English articles (NG007) and near-copies of stored articles (NG008) are skipped."""
    report = _ingest(inputs, config, workers, scheduler)
    if as_json:
        out.print_json(data=report.to_json())
    else:
        out.print(
            f"read {report.read} articles: {report.added} added, {report.unchanged} already "
            f"stored, {len(report.skipped)} inputs skipped -> {state.db}"
        )
        _print_skips(report.skipped)
    if report.read == 0:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="json, jsonld, turtle, graphml, csv or quickstatements."
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (csv: a folder or a .zip)."),
    ] = None,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="RDF base IRI of our ids (jsonld, turtle).")
    ] = None,
) -> None:
    """Write the whole graph out: json (the contract), jsonld/turtle (schema.org + PROV-O),
    graphml, csv (folder or .zip, needs -o) or quickstatements (Wikidata). Text goes to stdout
    unless -o is given; a format that needs -o without it exits 5."""

    def note(message: str) -> None:
        err.print(message, markup=False)

    with _errors():
        result = api.export(
            db=state.db, format=format, output=output, base_iri=base_iri, notes=note
        )
    if isinstance(result, list):
        err.print(
            f"wrote {output} ({len(result)} file{'s' if len(result) != 1 else ''})", markup=False
        )
    elif isinstance(result, str):
        sys.stdout.write(result)
    else:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


def _print_answer(answer: Any) -> None:
    if not answer.answers and not answer.evidence:
        out.print("No answer: the graph holds nothing that answers this question.")
        return
    if answer.method != "graph":
        out.print(f"[yellow](no graph fact answers this; found by {answer.method})[/]")
    out.print(f"[bold]{answer.answer}[/]")
    for item in answer.answers:
        if item != answer.answer:
            out.print(f"  - {item}", markup=False)
    if answer.evidence:
        out.print("[dim]evidence:[/]")
        for ev in answer.evidence:
            out.print(
                f"  [{ev.get('article')} #{ev.get('sentence')}] {ev.get('text')}", markup=False
            )


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A who/what/when/why/which question.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Answer a question from the graph, with the sentences that support the answer."""
    with _errors():
        answer = api.ask(question, db=state.db)
    if as_json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
    else:
        _print_answer(answer)


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Counts of articles, entities and facts in the graph, and skipped inputs by reason."""
    with _errors():
        figures = api.stats(db=state.db)
    if as_json:
        out.print_json(data=figures)
        return
    table = Table(title=f"Graph {state.db}", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in figures.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                table.add_row(f"{key}: {sub}", str(count))
        else:
            table.add_row(key, str(value))
    out.print(table)


@app.command()
def migrate(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Upgrade the graph database's schema to this newsgraph's newest revision (Alembic)."""
    with _errors():
        done = api.migrate(db=state.db)
    if as_json:
        out.print_json(data=done)
    elif done["from"] == done["to"]:
        out.print(f"{done['db']}: schema already at revision {done['to']}", markup=False)
    else:
        was = done["from"] or "empty"
        out.print(f"{done['db']}: schema upgraded from {was} to {done['to']}", markup=False)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold annotation files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    graph: Annotated[
        bool, typer.Option("--graph/--no-graph", help="Also score the merged graph and QA.")
    ] = True,
    gate: Annotated[
        Path | None, typer.Option(help="Baseline file of quality floors to check against.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSON here.")] = None,
    config: Annotated[Path | None, typer.Option(help="Pipeline config file.")] = None,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="Also list every miss and false alarm, and the questions failed."
        ),
    ] = False,
) -> None:
    """Score newsgraph against gold annotations (gold/SCHEMA.md, "Counting")."""
    if not gold_dir.is_dir():
        err.print(f"error: {gold_dir} is not a folder of gold files")
        raise typer.Exit(EXIT_USAGE)
    with _errors(), _progress("scoring") as advance:
        report = api.evaluate(
            gold_dir, config_path=str(config) if config else None, graph=graph, progress=advance
        )
    figures = report.to_json()
    if output is not None:
        output.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(figures) + "\n")
    else:
        out.print(report.to_table())
        if errors:
            out.print(report.errors_text(), markup=False, highlight=False)
    if gate is not None:
        from newsgraph.evaluate.gate import check_gate

        with _errors():
            result = check_gate(figures, gate)
        if not result.passed:
            for line in result.failures:
                err.print(f"quality gate: {line}", markup=False)
            raise typer.Exit(EXIT_FAILED)
        err.print("quality gate: every figure is at or above its floor")


@app.command()
def demo(
    question: Annotated[str, typer.Option(help="The question to ask after ingesting.")] = (
        DEMO_QUESTION
    ),
) -> None:
    """Ingest the bundled sample articles, print a summary, and answer a "why" question."""
    samples = api.bundled_samples()
    out.print(f"[bold]Ingesting the bundled sample articles[/] from {samples}")
    report = _ingest([samples], None)
    out.print(
        f"read {report.read} articles: {report.added} added, {report.unchanged} already stored, "
        f"{len(report.skipped)} skipped"
    )
    _print_skips(report.skipped)
    stats(as_json=False)
    out.print(f"\n[bold]Q: {question}[/]")
    with _errors():
        answer = api.ask(question, db=state.db)
    _print_answer(answer)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; keep loopback unless proxied.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the graph over HTTP: JSON API under /api, web pages at /.

    Writes (POST /api/ingest, the ingest form) need the token in NEWSGRAPH_TOKEN; without it
    they answer 403.
    """
    from newsgraph.serve import ServeSettings
    from newsgraph.serve import run as run_server

    with _errors():
        settings = ServeSettings.from_env(state.db)
        if not settings.writes_enabled:
            err.print("writes disabled: set NEWSGRAPH_TOKEN to enable POST /api/ingest")
        run_server(settings, host=host, port=port)


EntityArg = Annotated[str, typer.Argument(help="An entity id (person:...) or one of its names.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


def _sources_line(fact: dict[str, Any]) -> str:
    articles = sorted({s["article"] for s in fact.get("sources", [])})
    return (
        f"support {fact.get('support', len(articles))}, {len(fact.get('outlets', []))} outlets"
        f" [{', '.join(articles)}]"
    )


@app.command()
def show(entity: EntityArg, as_json: JsonOpt = False) -> None:
    """Profile of an entity: aliases, ids, relations, a timeline, reasons, counts, sources."""
    with _errors():
        profile = api.show(db=state.db, entity=entity)
    if as_json:
        sys.stdout.write(json.dumps(profile, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{profile['name']}[/]  {profile['id']}  ({profile['type']})", highlight=False)
    out.print(f"aliases: {', '.join(profile['aliases'])}", markup=False)
    if profile["wikidata_url"]:
        out.print(f"wikidata: {profile['wikidata_url']}", markup=False)
    if profile["relations"]:
        out.print("[bold]relations[/]")
        for r in profile["relations"]:
            arrow = f"--{r['p']}-->" if r["direction"] == "out" else f"<--{r['p']}--"
            line = f"  {arrow} {r['other_name']} ({r['other']}); {_sources_line(r)}"
            out.print(line, markup=False)
    if profile["timeline"]:
        out.print("[bold]timeline[/]")
        for e in profile["timeline"]:
            line = f"  {e['date'] or '(undated)'}  {e['type']}; {_sources_line(e)}"
            out.print(line, markup=False)
    if profile["reasons"]:
        out.print("[bold]reasons[/]")
        for r in profile["reasons"]:
            said = f" (said by {r['attributed_name']})" if r.get("attributed_name") else ""
            out.print(f"  {r['effect']} <- {r['cause']}{said}; {_sources_line(r)}", markup=False)
    if profile.get("counts"):
        out.print("[bold]counts[/]")
        for c in profile["counts"]:
            out.print(f"  {c['what']}: {c['text']}; {_sources_line(c)}", markup=False)
    out.print("[bold]sources[/]")
    for a in profile["sources"]:
        line = f"  {a['published'] or '?'}  {a['outlet']}  {a['title'] or a['article']}"
        out.print(line, markup=False)


@app.command()
def explain(entity: EntityArg, as_json: JsonOpt = False) -> None:
    """Why each alias joined an entity (Wikidata id, key, press spelling, fuzzy score, context)."""
    with _errors():
        found = api.explain(db=state.db, entity=entity)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{found['name']}[/]  {found['id']}", highlight=False)
    for m in found["members"]:
        out.print(f"  {m['article']}#{m['local']}  {m['name']!r}", markup=False)
        for j in m["joined_by"] or [{"rule": "first seen", "detail": "", "with_article": ""}]:
            partner = (
                f" with {j['with_name']!r} in {j['with_article']}" if j["with_article"] else ""
            )
            score = f" {j['score']:g}" if j.get("score") not in (None, 100.0) else ""
            out.print(f"      {j['rule']}{score}: {j['detail']}{partner}", markup=False)
    for d in found["decisions"]:
        what = d["value"] or d["other"] or ""
        out.print(f"  decision #{d['id']}: {d['kind']} {what}", markup=False)


@app.command()
def conflicts(as_json: JsonOpt = False) -> None:
    """Where sources disagree: an event on different dates, a single-valued role held by two,
    a count that differs ("7 members" against "6 members")."""
    with _errors():
        found = api.conflicts(db=state.db)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        out.print("No conflicts: no two sources disagree.")
    for c in found:
        out.print(f"[bold]{c['kind']}[/] {c['what']} of {c['subject_name']} ({c['subject']})")
        for side in c["sides"]:
            out.print(
                f"  {side['value']}: {', '.join(side['outlets'])} [{', '.join(side['articles'])}]",
                markup=False,
            )


@app.command()
def merge(
    first: EntityArg,
    second: Annotated[str, typer.Argument(help="The entity to merge into the first.")],
    note: Annotated[str, typer.Option(help="Why (kept with the decision).")] = "",
) -> None:
    """Decide that two entities are one; kept and applied again on every later ingest."""
    with _errors():
        changed = api.merge(first, second, db=state.db, note=note)
    out.print("merged" if changed else "nothing to change: already one entity")


@app.command()
def split(
    entity: EntityArg,
    alias: Annotated[str | None, typer.Argument(help="The alias that names someone else.")] = None,
    article: Annotated[
        str | None, typer.Option(help="Split off what this article calls the entity instead.")
    ] = None,
    note: Annotated[str, typer.Option(help="Why (kept with the decision).")] = "",
) -> None:
    """Decide that an entity's ALIAS (or its mention in --article) is someone else; kept."""
    with _errors():
        changed = api.split(entity, db=state.db, alias=alias, article=article, note=note)
    out.print("split" if changed else "recorded; the graph already kept them apart")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
