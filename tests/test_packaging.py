"""The wheel as a user gets it: built from this tree, installed into a fresh venv, run from an empty
folder on a copy of the seeds — it must check with the built-in rule packs (no rules/ folder there)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the freshly built wheel; its dependencies come from the project venv."""
    base = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                            str(base / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = (base / "dist").glob("*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The project venv's packages (pandas, jieba, …) as a plain path: its .pth files (the editable
    # checker) are not processed, so `checker` can only come from the wheel.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                              "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True,
                             timeout=300)
    assert install.returncode == 0, install.stderr[-2000:]
    return venv


def test_the_wheel_ships_the_builtin_rule_packs(installed: Path, tmp_path: Path) -> None:
    # Run outside the source tree: `python -c` puts the working folder first on sys.path.
    out = subprocess.run([str(installed / "bin" / "python"), "-c",
                          "import checker, checker.rulepacks as r; print(checker.__file__); "
                          "print(r.builtin_rules_dir())"], capture_output=True, text=True, check=True,
                         cwd=tmp_path)
    module, rules = out.stdout.split()
    assert str(installed) in module and str(ROOT) not in module
    shipped = {p.relative_to(rules).as_posix() for p in Path(rules).rglob("*.yaml")}
    source = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml")}
    assert shipped == source


def test_installed_checker_checks_the_seeds_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    checker = str(installed / "bin" / "checker")
    version = subprocess.run([checker, "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("checker ")
    run = subprocess.run([checker, "run", "seeds/corpus.yaml", "--fail-on", "warning", "--output",
                          "findings.json"], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert run.returncode == 1, run.stderr
    import json

    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))["findings"]
    builtin = {p.stem for p in (ROOT / "rules").rglob("*.yaml")}
    assert {f["rule"] for f in findings} >= {"unemployment-above-ceiling", "summary-fidelity", "goal-missed"}
    assert len({f["rule"] for f in findings}) >= len(builtin) - 1
    assert any(f["level"] == "warning" for f in findings)


def test_wheel_metadata_names_our_distribution(installed: Path, tmp_path: Path) -> None:
    out = subprocess.run([str(installed / "bin" / "python"), "-c",
                          "import importlib.metadata as m; d = m.distribution('govreport-checker'); "
                          "print(d.version, d.entry_points['checker'].value)"],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    from checker import __version__

    assert out.stdout.split() == [__version__, "checker.cli:main"]
