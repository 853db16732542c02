"""``checker goals --corpus DIR --output goals.parquet|csv``: every goal of every reviewed plan of a
corpus, one row each, ready for pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from seed_places import SEED_REPORTS, copy_as_places
from test_engine_kit import run_cli

PLACES = (("bj", "北京"), ("sh", "上海"))


@pytest.fixture(scope="module")
def two_places(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of reports of two places (the seeds with their place name rewritten)."""
    return copy_as_places(tmp_path_factory.mktemp("goal-places"), PLACES)


def _pair_goals(two_places: Path, tag: str) -> list:
    from checker.cli.goals import build_findings
    from checker.engine import ENGINE_STATUSES

    found = build_findings(two_places / f"{tag}-{SEED_REPORTS[0]}", two_places / f"{tag}-{SEED_REPORTS[1]}")
    return [f for f in found if f.rule == "goal-followup" and f.status not in ENGINE_STATUSES]


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_dataset_has_one_row_per_goal(two_places: Path, tmp_path: Path, suffix: str, capsys,
                                      monkeypatch) -> None:
    out = tmp_path / f"goals{suffix}"
    code, _out, err = run_cli(["goals", "--corpus", str(two_places), "--output", str(out), "-j", "1"],
                              capsys, monkeypatch)
    assert code == 0, err
    frame = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert list(frame.columns)[:4] == ["place", "plan_document", "plan_year", "review_document"]
    for tag, name in PLACES:
        expected = _pair_goals(two_places, tag)
        rows = frame[frame["place"] == name]
        assert len(rows) == len(expected) > 10
        assert sorted(rows["goal"]) == sorted(f.data["goal_text"] for f in expected)
        assert set(rows["plan_year"]) == {2021}
        assert rows["review_document"].str.endswith(f"{tag}-beijing-2022-report.txt").all()
    assert set(frame["status"]) <= {"exceeded", "met", "partly", "missed", "qualitative_claim",
                                    "not_reported", "ambiguous"}
    located = frame.dropna(subset=["review_location"])
    assert located["review_location"].str.contains(r"beijing-2022-report\.txt:\d+:\d+$").all()
    assert not list(tmp_path.glob(".goals*"))  # no temporary file left behind


def test_dataset_refuses_an_unknown_format(two_places: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    code, _out, err = run_cli(["goals", "--corpus", str(two_places), "--output", str(tmp_path / "g.xlsx")],
                              capsys, monkeypatch)
    assert code == 2
    assert "目标数据集只能写成 .parquet 或 .csv" in err
    assert not (tmp_path / "g.xlsx").exists()
