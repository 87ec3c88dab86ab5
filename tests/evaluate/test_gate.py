from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ConfigError
from newsgraph.evaluate import gold_digest
from newsgraph.evaluate.gate import check_gate, load_baseline, main, update_baseline

REPO_ROOT = Path(__file__).resolve().parents[2]
DIGEST = "d" * 64


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(
        json.dumps(
            {
                "floors": {"entities_typed.f1": 0.65, "relations.f1": 0.30, "qa.accuracy": 0.40},
                "gold_digest": DIGEST,
                "note": "hand-set",
            }
        ),
        encoding="utf-8",
    )
    return path


def _report(**figures: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "gold_digest": DIGEST,
        "entities_typed.f1": 0.70,
        "relations.f1": 0.35,
        "qa.accuracy": 0.50,
    }
    base.update(figures)
    return base


def test_gate_passes_when_every_figure_meets_its_floor(baseline: Path) -> None:
    result = check_gate(_report(**{"relations.f1": 0.30}), baseline)
    assert result.passed
    assert result.failures == ()
    assert result.figures["relations.f1"] == 0.30


def test_gate_fails_on_fallen_or_unmeasured_figures(baseline: Path) -> None:
    result = check_gate(_report(**{"relations.f1": 0.2, "qa.accuracy": None}), baseline)
    assert not result.passed
    assert len(result.failures) == 2
    assert any(f.startswith("relations.f1: 0.200 < floor 0.300") for f in result.failures)
    assert any(f.startswith("qa.accuracy: not measured") for f in result.failures)


def test_gate_fails_on_other_gold_unless_allowed(baseline: Path) -> None:
    report = _report(gold_digest="e" * 64)
    assert not check_gate(report, baseline).passed
    allowed = check_gate(report, baseline, allow_new_gold=True)
    assert allowed.passed
    assert allowed.warnings[0].startswith("gold_digest")


def test_gate_allow_lower_turns_falls_into_warnings(baseline: Path) -> None:
    result = check_gate(_report(**{"relations.f1": 0.1}), baseline, allow_lower=True)
    assert result.passed
    assert result.warnings[0].startswith("relations.f1")


def test_gate_update_raises_floors_only_upwards(baseline: Path) -> None:
    updated = update_baseline(
        _report(**{"entities_typed.f1": 0.80, "relations.f1": 0.10}), baseline
    )
    assert updated["floors"] == {
        "entities_typed.f1": 0.79,
        "relations.f1": 0.30,
        "qa.accuracy": 0.49,
    }
    assert load_baseline(baseline)["floors"] == updated["floors"]
    assert updated["note"] == "hand-set"


def test_gate_update_lowers_only_with_flag_and_note(baseline: Path) -> None:
    report = _report(**{"relations.f1": 0.10})
    with pytest.raises(ConfigError, match="needs a note"):
        update_baseline(report, baseline, allow_lower=True)
    assert load_baseline(baseline)["floors"]["relations.f1"] == 0.30
    updated = update_baseline(report, baseline, allow_lower=True, note="new relation set, #42")
    assert updated["floors"]["relations.f1"] == 0.09
    assert updated["note"] == "new relation set, #42"


def test_gate_update_refuses_other_gold_unless_told(baseline: Path) -> None:
    report = _report(gold_digest="e" * 64)
    with pytest.raises(ConfigError, match="other gold files"):
        update_baseline(report, baseline)
    updated = update_baseline(report, baseline, allow_new_gold=True)
    assert updated["gold_digest"] == "e" * 64


@pytest.mark.parametrize(
    "content",
    ["{", json.dumps({"floors": {}}), json.dumps({"floors": {"x": 2}, "gold_digest": DIGEST})],
)
def test_gate_load_baseline_refuses_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_baseline(path)


def test_gate_main_exit_codes_and_messages(
    baseline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_report()), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_report(**{"qa.accuracy": 0.1})), encoding="utf-8")
    assert main([str(good), "--baseline", str(baseline)]) == 0
    assert main([str(bad), "--baseline", str(baseline)]) == 1
    out = capsys.readouterr().out
    assert "FAIL: qa.accuracy: 0.100 < floor 0.400" in out
    assert main([str(tmp_path / "missing.json"), "--baseline", str(baseline)]) == 2


def test_gate_runs_as_module(baseline: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_report(**{"relations.f1": 0.0})), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "newsgraph.evaluate.gate",
            str(bad),
            "--baseline",
            str(baseline),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "relations.f1" in done.stdout


def test_gate_committed_baseline_is_valid_and_matches_shared_gold() -> None:
    committed = load_baseline(REPO_ROOT / "quality" / "baseline.json")
    # The five floors are always gated; more figures may be gated on top.
    assert set(committed["floors"]) >= {
        "entities_typed.f1",
        "relations.f1",
        "events.f1",
        "reasons.f1",
        "qa.accuracy",
    }
    # Floors only go up from the first ones.
    assert committed["floors"]["entities_typed.f1"] >= 0.65
    assert committed["floors"]["relations.f1"] >= 0.30
    assert committed["note"]
    shared_gold = REPO_ROOT / ".." / "shared" / "gold" / "dev"
    if not shared_gold.is_dir():
        pytest.skip("shared gold folder not available")
    assert committed["gold_digest"] == gold_digest(shared_gold)
