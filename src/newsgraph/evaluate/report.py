"""``evaluate``: run an extractor (and optionally a graph and a QA function) over a gold folder.

The CLI passes the real extractor; tests pass fakes. ``Report.to_json`` is the stable, flat
object that ``newsgraph eval --json`` prints and the quality gate reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from newsgraph.errors import NewsgraphError
from newsgraph.evaluate.errors import ArticleErrors, diagnose
from newsgraph.evaluate.extraction import ArticleScores, score_extraction
from newsgraph.evaluate.gold import gold_digest, load_gold
from newsgraph.evaluate.graph import GraphScores, score_graph
from newsgraph.evaluate.qa import AskFn, QAScores, score_qa
from newsgraph.evaluate.scores import Counts, Ratio

__all__ = ["ExtractFn", "Report", "evaluate"]

ExtractFn = Callable[[dict[str, Any]], Mapping[str, Any]]

_EMPTY_PREDICTION: dict[str, Any] = {"entities": [], "relations": [], "events": [], "reasons": []}


@dataclass(frozen=True)
class Report:
    """Scores of one evaluation run: summed counts, per-article rows, graph and QA if measured."""

    gold_digest: str
    articles: tuple[ArticleScores, ...]
    graph: GraphScores | None = None
    qa: QAScores | None = None
    skips: tuple[tuple[str, str], ...] = field(default=())
    errors: tuple[ArticleErrors, ...] = field(default=())

    @property
    def total(self) -> ArticleScores:
        """Counts summed over articles: the micro-average every headline figure comes from."""
        total = ArticleScores()
        for scores in self.articles:
            total = total + scores
        return total

    def to_json(self) -> dict[str, Any]:
        """Flat ``task.figure`` keys (always present; ``None`` when not measured) plus rows."""
        out: dict[str, Any] = {"gold_digest": self.gold_digest, "articles": len(self.articles)}
        out.update(_figures(self.total))
        graph = self.graph
        out["graph.bcubed_p"] = graph.precision if graph else None
        out["graph.bcubed_r"] = graph.recall if graph else None
        out["graph.bcubed_f1"] = graph.f1 if graph else None
        out["graph.items"] = graph.items if graph else None
        out["qa.accuracy"] = self.qa.accuracy if self.qa else None
        out["qa.correct"] = self.qa.correct if self.qa else None
        out["qa.total"] = self.qa.total if self.qa else None
        out["per_article"] = [{"article": a.article_id, **_figures(a)} for a in self.articles]
        out["per_question"] = [
            {
                "article": r.article_id,
                "question": r.question,
                "correct": r.correct,
                "answer": r.answer,
                "error": r.error,
            }
            for r in (self.qa.results if self.qa else ())
        ]
        out["skips"] = [{"article": a, "reason": reason} for a, reason in self.skips]
        out["per_article_errors"] = [e.to_json() for e in self.errors if e.items]
        return out

    def errors_text(self) -> str:
        """Every error, article by article, one line each (``newsgraph eval --errors``)."""
        lines: list[str] = []
        for article in self.errors:
            if not article.items:
                continue
            lines.append(f"== {article.article_id}")
            lines += [f"  {i.task:<9} {i.kind:<10} {i.text}" for i in article.items]
        failed = [r for r in (self.qa.results if self.qa else ()) if not r.correct]
        if failed:
            lines.append("== questions answered wrongly")
            for r in failed:
                answer = " ".join((r.answer or r.error or "no answer").split())[:90]
                lines.append(f"  {r.article_id}: {r.question} -> {answer}")
        return "\n".join(lines)

    def to_table(self) -> Table:
        """The headline figures as a rich table (one row a task)."""
        table = Table(title=f"newsgraph eval: {len(self.articles)} gold articles")
        for column in ("task", "tp", "fp", "fn", "P", "R", "F1 / share"):
            table.add_column(column, justify="left" if column == "task" else "right")
        total = self.total
        for name, counts in total.counts().items():
            table.add_row(
                name,
                str(counts.tp),
                str(counts.fp),
                str(counts.fn),
                f"{counts.precision:.3f}",
                f"{counts.recall:.3f}",
                f"{counts.f1:.3f}",
            )
        for name, ratio in (("aliases.recall", total.aliases), ("event_dates", total.event_dates)):
            table.add_row(
                name, "", "", "", "", "", f"{ratio.value:.3f} ({ratio.hits}/{ratio.total})"
            )
        if self.graph:
            g = self.graph
            table.add_row(
                "graph.bcubed", "", "", "", f"{g.precision:.3f}", f"{g.recall:.3f}", f"{g.f1:.3f}"
            )
        if self.qa:
            q = self.qa
            table.add_row("qa", "", "", "", "", "", f"{q.accuracy:.3f} ({q.correct}/{q.total})")
        return table


def evaluate(
    gold_dir: Path | str,
    extract: ExtractFn,
    *,
    graph_export: Mapping[str, Any] | None = None,
    ask: AskFn | None = None,
) -> Report:
    """Score ``extract`` on every gold article, then the graph export and ``ask`` when given.

    ``extract`` receives only the article fields (id, url, title, published, text), never the
    annotations. An article it refuses with a :class:`~newsgraph.errors.NewsgraphError` is scored
    as an empty prediction (so the figures stay honest) and listed in ``Report.skips``.
    """
    gold = load_gold(gold_dir)
    rows: list[ArticleScores] = []
    errors: list[ArticleErrors] = []
    skips: list[tuple[str, str]] = []
    for article in gold:
        try:
            predicted: Mapping[str, Any] = extract(article.article)
        except NewsgraphError as exc:
            skips.append((article.id, str(exc)))
            predicted = _EMPTY_PREDICTION
        rows.append(score_extraction(article.data, predicted))
        errors.append(diagnose(article.data, predicted))
    return Report(
        gold_digest=gold_digest(gold_dir),
        articles=tuple(rows),
        graph=score_graph(gold, graph_export) if graph_export is not None else None,
        qa=score_qa(gold, ask) if ask is not None else None,
        skips=tuple(skips),
        errors=tuple(errors),
    )


def _figures(scores: ArticleScores) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, counts in scores.counts().items():
        out.update(_counts_json(name, counts))
    out.update(_ratio_json("aliases", "recall", scores.aliases))
    out.update(_ratio_json("event_dates", "accuracy", scores.event_dates))
    return out


def _counts_json(name: str, counts: Counts) -> dict[str, Any]:
    return {
        f"{name}.tp": counts.tp,
        f"{name}.fp": counts.fp,
        f"{name}.fn": counts.fn,
        f"{name}.p": counts.precision,
        f"{name}.r": counts.recall,
        f"{name}.f1": counts.f1,
    }


def _ratio_json(name: str, figure: str, ratio: Ratio) -> dict[str, Any]:
    return {
        f"{name}.{figure}": ratio.value,
        f"{name}.hits": ratio.hits,
        f"{name}.total": ratio.total,
    }
