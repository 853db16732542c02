"""The seed reports copied as the reports of other places (their place name rewritten throughout):
a corpus of several places without a manifest, for the tests of place-by-place runs."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_REPORTS = ("beijing-2021-report.txt", "beijing-2022-report.txt")


def copy_as_places(folder: Path, places: tuple[tuple[str, str], ...]) -> Path:
    """``folder`` holding, for each ``(tag, name)``, the two seed reports as ``{tag}-{seed}``."""
    for tag, name in places:
        for seed in SEED_REPORTS:
            text = (SEEDS / seed).read_text(encoding="utf-8").replace("北京", name)
            (folder / f"{tag}-{seed}").write_text(text, encoding="utf-8")
    return folder
