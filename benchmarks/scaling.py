"""Scaling: Dask speed-up, and ingest cost per article as the graph grows.

    python benchmarks/scaling.py [--shared ../shared] [--articles N] [--max-articles M]
                                 [--budget SECONDS] [--ingest-articles K] [--quick] [--json]

Texts: the gold dev articles and the first ``--articles`` ECB+ articles (see throughput.py).

1. **Speed-up with 2 Dask workers vs 1 process** (extraction, the part that is spread out): the
   same batches of 100 articles through the in-process executor and through a 2-worker
   LocalCluster on 127.0.0.1 (cluster start and model load on the workers timed apart), then the
   whole ``api.ingest`` of the first ``--ingest-articles`` (200) both ways, where one writer in
   the main process stores every article.
2. **Ingest cost per article as the graph grows**: the STORE's growth, measured apart from NLP.
   The corpus is extracted once (the results of step 1), then the same Extractions are stored
   again and again under new article ids (every id inside, mentions and evidence too, is
   rewritten) until ``--max-articles`` (10,000) or ``--budget`` seconds. The table gives the mean
   ms per article over the 100 articles before 100 ... 500, 1k, 2k, 5k and 10k, the peak memory of
   the process and the database size. Repeating one corpus is the worst case for merging: every
   copy merges into the same global entities, so an O(n) step shows at once.
Targets: speed-up >= 1.7x; a flat cost per article.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus

from newsgraph import api
from newsgraph.model import Article, Evidence, Extraction
from newsgraph.scale import LocalExecutor, dask_executor
from newsgraph.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
BATCH = 100
CHECKPOINTS = (100, 200, 300, 400, 500, 1_000, 2_000, 5_000, 10_000)
WINDOW = 100


def batches(articles: list[Article]) -> list[list[Article]]:
    return [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]


def extract_with(executor: Any, articles: list[Article]) -> tuple[float, list[Extraction]]:
    start = time.perf_counter()
    results: list[Extraction] = []
    for _, found in executor.map_batches(batches(articles)):
        results.extend(r for r in found if isinstance(r, Extraction))
    return time.perf_counter() - start, results


def write_jsonl(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"id": a.id, "text": a.text}) + "\n")
    return path


def speedup(articles: list[Article], tmp: Path, ingest: int) -> dict[str, Any]:
    api.extractor()  # the model is loaded in this process before timing, as on the workers
    local = LocalExecutor(batch_size=BATCH)
    extract_with(local, articles[:5])
    local_s, extractions = extract_with(local, articles)
    start = time.perf_counter()
    spread = dask_executor(workers=2)
    startup_s = time.perf_counter() - start
    try:
        extract_with(spread, articles[:5])  # first task: connections, imports on the workers
        dask_s, dask_results = extract_with(spread, articles)
    finally:
        spread.close()
    assert dask_results == extractions, "Dask results differ from the in-process ones"
    out: dict[str, Any] = {
        "articles": len(articles),
        "batches": len(batches(articles)),
        "extract_1_process_s": local_s,
        "extract_2_workers_s": dask_s,
        "extract_speedup": local_s / dask_s,
        "cluster_startup_s": startup_s,
        "extractions": extractions,
    }
    if ingest:
        source = write_jsonl(articles[:ingest], tmp / "speedup.jsonl")
        out["ingest_articles"] = min(ingest, len(articles))
        start = time.perf_counter()
        api.ingest([source], db=str(tmp / "one.db"))
        out["ingest_1_process_s"] = time.perf_counter() - start
        start = time.perf_counter()
        api.ingest([source], db=str(tmp / "two.db"), workers=2)
        out["ingest_2_workers_s"] = time.perf_counter() - start
        out["ingest_speedup"] = out["ingest_1_process_s"] / out["ingest_2_workers_s"]
        out["same_graph"] = api.export(db=str(tmp / "one.db")) == api.export(db=str(tmp / "two.db"))
    return out


def _evidence(items: tuple[Evidence, ...], new_id: str) -> tuple[Evidence, ...]:
    return tuple(replace(e, article_id=new_id) for e in items)


def renamed(extraction: Extraction, new_id: str) -> Extraction:
    """The same Extraction as if it came from article ``new_id``: every id inside rewritten."""
    return replace(
        extraction,
        article=replace(extraction.article, id=new_id),
        entities=tuple(
            replace(e, mentions=tuple(replace(m, article_id=new_id) for m in e.mentions))
            for e in extraction.entities
        ),
        relations=tuple(
            replace(r, evidence=_evidence(r.evidence, new_id)) for r in extraction.relations
        ),
        events=tuple(replace(e, evidence=_evidence(e.evidence, new_id)) for e in extraction.events),
        reasons=tuple(
            replace(r, evidence=_evidence(r.evidence, new_id)) for r in extraction.reasons
        ),
        quotes=tuple(replace(q, evidence=_evidence(q.evidence, new_id)) for q in extraction.quotes),
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def growth(
    extractions: list[Extraction], tmp: Path, max_articles: int, budget: float
) -> dict[str, Any]:
    db = tmp / "growth.db"
    rows: list[dict[str, Any]] = []
    times: list[float] = []
    started = time.perf_counter()
    stopped = ""
    with GraphStore(str(db)) as store:
        for n in range(max_articles):
            source = extractions[n % len(extractions)]
            item = renamed(source, f"{source.article.id}~{n // len(extractions)}")
            start = time.perf_counter()
            store.add_extraction(item)
            times.append(time.perf_counter() - start)
            count = n + 1
            if count in CHECKPOINTS or count == max_articles:
                window = times[-WINDOW:]
                rows.append(
                    {
                        "articles": count,
                        "ms_per_article": 1000 * sum(window) / len(window),
                        "peak_rss_mb": peak_mb(),
                        "db_mb": db.stat().st_size / 2**20,
                        "elapsed_s": time.perf_counter() - started,
                    }
                )
            if time.perf_counter() - started > budget:
                window = times[-WINDOW:]
                rows.append(
                    {
                        "articles": count,
                        "ms_per_article": 1000 * sum(window) / len(window),
                        "peak_rss_mb": peak_mb(),
                        "db_mb": db.stat().st_size / 2**20,
                        "elapsed_s": time.perf_counter() - started,
                    }
                )
                stopped = f"stopped by --budget {budget:g}s at {count} articles"
                break
    return {"rows": rows, "stopped": stopped, "distinct_articles": len(extractions)}


def show(result: dict[str, Any], console: Console) -> None:
    s = result["speedup"]
    table = Table(title="Speed-up: 2 Dask workers vs 1 process", title_justify="left")
    for column in ("what", "articles", "1 process s", "2 workers s", "speed-up"):
        table.add_column(column, justify="left" if column == "what" else "right")
    table.add_row(
        "extraction (batches of 100)",
        str(s["articles"]),
        f"{s['extract_1_process_s']:.1f}",
        f"{s['extract_2_workers_s']:.1f}",
        f"{s['extract_speedup']:.2f}x",
    )
    if "ingest_speedup" in s:
        table.add_row(
            "api.ingest end to end (one writer)",
            str(s["ingest_articles"]),
            f"{s['ingest_1_process_s']:.1f}",
            f"{s['ingest_2_workers_s']:.1f}",
            f"{s['ingest_speedup']:.2f}x",
        )
    console.print(table)
    console.print(
        f"cluster start with the model loaded on 2 workers: {s['cluster_startup_s']:.1f}s "
        f"(not in the figures); same graph both ways: {s.get('same_graph', 'not run')}; "
        f"CPUs: {os.cpu_count()}, load average before: {result['load']}"
    )
    g = result["growth"]
    table = Table(
        title=f"Store cost per article as the graph grows ({g['distinct_articles']} distinct "
        "extractions stored again under new ids; NLP excluded)",
        title_justify="left",
    )
    for column in (
        "articles in graph",
        "ms/article (last 100)",
        "peak RSS MB",
        "db MB",
        "elapsed s",
    ):
        table.add_column(column, justify="right")
    for row in g["rows"]:
        table.add_row(
            f"{row['articles']:,}",
            f"{row['ms_per_article']:.1f}",
            f"{row['peak_rss_mb']:.0f}",
            f"{row['db_mb']:.1f}",
            f"{row['elapsed_s']:.0f}",
        )
    console.print(table)
    if g["stopped"]:
        console.print(g["stopped"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--articles", type=int, default=None, help="ECB+ articles (default 400)")
    parser.add_argument("--max-articles", type=int, default=10_000)
    parser.add_argument("--budget", type=float, default=900.0, help="seconds for the growth run")
    parser.add_argument(
        "--ingest-articles", type=int, default=200, help="end-to-end ingest size (0: skip)"
    )
    parser.add_argument("--quick", action="store_true", help="100 ECB+, growth to 1,000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.shared / "gold" / "dev").is_dir():
        print(f"{args.shared}/gold/dev is absent", file=sys.stderr)
        return 1
    n = args.articles if args.articles is not None else (100 if args.quick else 400)
    max_articles = min(args.max_articles, 1_000) if args.quick else args.max_articles
    articles = corpus(args.shared, n)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="ng-scaling-") as tmp:
        s = speedup(articles, Path(tmp), ingest=args.ingest_articles)
        extractions = s.pop("extractions")
        g = growth(extractions, Path(tmp), max_articles, args.budget)
    result = {"speedup": s, "growth": g, "load": load}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result, Console())
    return 0


if __name__ == "__main__":
    sys.exit(main())
