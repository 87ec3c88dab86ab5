"""The quality gate: figures of a report against the floors committed in ``quality/baseline.json``.

The baseline holds ``floors`` (figure name -> lowest acceptable value), the ``gold_digest`` of the
gold files the floors were measured on, and a ``note`` saying why the floors are what they are.

- :func:`check_gate` fails when a figure is under its floor or was not measured, and when the
  report was computed on other gold files (figures on other gold are not comparable).
- :func:`update_baseline` raises floors to the new figures minus :data:`MARGIN`. It never lowers a
  floor unless ``allow_lower`` is given together with a ``note``, and refuses a report on other
  gold unless ``allow_new_gold``.

Run as ``python -m newsgraph.evaluate.gate REPORT_JSON [--baseline PATH]``: exit 0 when the gate
passes, 1 when it fails (the fallen figures are printed), 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.evaluate.report import Report

__all__ = [
    "DEFAULT_BASELINE",
    "MARGIN",
    "GateResult",
    "check_gate",
    "load_baseline",
    "main",
    "update_baseline",
]

DEFAULT_BASELINE = Path("quality") / "baseline.json"
MARGIN = 0.01


@dataclass(frozen=True)
class GateResult:
    """Outcome of a gate check; ``failures`` say in words which figures fell and by how much."""

    passed: bool
    failures: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    figures: dict[str, float | None] = field(default_factory=dict)


def load_baseline(path: Path | str) -> dict[str, Any]:
    """Read and check a baseline file: ``floors`` of numbers in [0, 1], a ``gold_digest``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read baseline {str(path)!r}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"baseline {str(path)!r} must hold one JSON object")
    floors = data.get("floors")
    if not isinstance(floors, dict) or not floors:
        raise ConfigError(f"baseline {str(path)!r} has no 'floors'")
    for name, value in floors.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ConfigError(f"baseline {str(path)!r}: floor {name!r} must be a number in [0, 1]")
    if not isinstance(data.get("gold_digest"), str):
        raise ConfigError(f"baseline {str(path)!r} has no string 'gold_digest'")
    return data


def check_gate(
    report_json: Mapping[str, Any],
    baseline_path: Path | str,
    *,
    allow_lower: bool = False,
    allow_new_gold: bool = False,
) -> GateResult:
    """Compare a report (``Report.to_json()``) with the committed floors.

    ``allow_lower`` turns fallen figures into warnings (an accepted, explicit regression);
    ``allow_new_gold`` does the same for a gold digest that differs from the baseline's. A figure
    that is missing or ``None`` (not measured) always fails.
    """
    baseline = load_baseline(baseline_path)
    failures: list[str] = []
    warnings: list[str] = []
    figures: dict[str, float | None] = {}
    digest = report_json.get("gold_digest")
    if digest != baseline["gold_digest"]:
        message = (
            f"gold_digest: the report was computed on other gold files "
            f"({str(digest)[:12]} != {baseline['gold_digest'][:12]})"
        )
        (warnings if allow_new_gold else failures).append(message)
    for name, floor in sorted(baseline["floors"].items()):
        value = _figure(report_json, name)
        figures[name] = value
        if value is None:
            failures.append(f"{name}: not measured (floor {floor:.3f})")
        elif value < floor:
            message = f"{name}: {value:.3f} < floor {floor:.3f} (-{floor - value:.3f})"
            (warnings if allow_lower else failures).append(message)
    return GateResult(
        passed=not failures, failures=tuple(failures), warnings=tuple(warnings), figures=figures
    )


def update_baseline(
    report: Report | Mapping[str, Any],
    path: Path | str,
    *,
    allow_lower: bool = False,
    allow_new_gold: bool = False,
    note: str | None = None,
) -> dict[str, Any]:
    """Move the floors to the new figures minus :data:`MARGIN`; returns the written baseline.

    Floors only go up, unless ``allow_lower`` (which needs a ``note`` saying why). A report on gold
    files other than the baseline's is refused unless ``allow_new_gold``. A floor whose figure was
    not measured is kept as it is.
    """
    report_json = report.to_json() if isinstance(report, Report) else report
    baseline = load_baseline(path)
    digest = report_json.get("gold_digest")
    if not isinstance(digest, str):
        raise ConfigError("the report carries no gold_digest")
    if digest != baseline["gold_digest"] and not allow_new_gold:
        raise ConfigError(
            "refusing to update the baseline: the report was computed on other gold files "
            "(pass allow_new_gold to accept the new gold)"
        )
    floors: dict[str, float] = dict(baseline["floors"])
    lowered: list[str] = []
    for name, old in floors.items():
        value = _figure(report_json, name)
        if value is None:
            continue
        new = max(0.0, round(value - MARGIN, 4))
        if new > old:
            floors[name] = new
        elif new < old:
            if not allow_lower:
                continue
            lowered.append(f"{name} {old:.3f} -> {new:.3f}")
            floors[name] = new
    if lowered and not (note and note.strip()):
        raise ConfigError(f"lowering floors ({', '.join(lowered)}) needs a note saying why")
    updated = {
        **baseline,
        "floors": floors,
        "gold_digest": digest,
        "note": note.strip() if note and note.strip() else baseline.get("note", ""),
    }
    Path(path).write_text(json.dumps(updated, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return updated


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsgraph.evaluate.gate REPORT_JSON``: 0 passes, 1 fails, 2 unreadable input."""
    parser = argparse.ArgumentParser(
        prog="python -m newsgraph.evaluate.gate",
        description="Check a `newsgraph eval --json` report against the committed quality floors.",
    )
    parser.add_argument(
        "report", type=Path, help="the JSON report written by `newsgraph eval --json`"
    )
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    parser.add_argument("--allow-lower", action="store_true", help="report fallen figures, pass")
    parser.add_argument("--allow-new-gold", action="store_true", help="accept other gold files")
    args = parser.parse_args(argv)
    try:
        report_json = json.loads(args.report.read_text(encoding="utf-8"))
        if not isinstance(report_json, dict):
            raise ConfigError(f"{str(args.report)!r} must hold one JSON object")
        result = check_gate(
            report_json,
            args.baseline,
            allow_lower=args.allow_lower,
            allow_new_gold=args.allow_new_gold,
        )
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ConfigError) as exc:
        print(f"gate: {exc}", file=sys.stderr)
        return 2
    for line in result.warnings:
        print(f"warning: {line}")
    for line in result.failures:
        print(f"FAIL: {line}")
    print("quality gate passed" if result.passed else "quality gate FAILED")
    return 0 if result.passed else 1


def _figure(report_json: Mapping[str, Any], name: str) -> float | None:
    value = report_json.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


if __name__ == "__main__":
    raise SystemExit(main())
