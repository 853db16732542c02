"""Renderers of findings: one module per format, each with ``render(report) -> str``.

``FORMATS`` is the explicit registry (format name → module). ``Report`` is what every renderer
gets: the findings (passes included), the rules that ran (SARIF lists them), waiver bookkeeping and
the run's ``fail_on`` threshold.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.findings import SEVERITY_RANK, Finding

FORMATS: dict[str, str] = {
    "table": "checker.output.table",
    "json": "checker.output.json",
    "jsonl": "checker.output.jsonl",
    "csv": "checker.output.csv",
    "md": "checker.output.md",
    "sarif": "checker.output.sarif",
    "junit": "checker.output.junit",
    "github": "checker.output.github",
    "html": "checker.output.html",
}

# File suffix → format, for ``--output FILE`` without an explicit ``FORMAT:`` prefix.
SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".md": "md",
            ".sarif": "sarif", ".xml": "junit", ".html": "html", ".htm": "html", ".txt": "table"}


@dataclass
class Report:
    """Everything a renderer may show."""

    findings: list[Finding]
    rules: list[Any] = field(default_factory=list)     # checker.ruleset.Rule
    fail_on: str = "warning"
    unused_waivers: list[dict[str, Any]] = field(default_factory=list)
    expired_waivers: list[dict[str, Any]] = field(default_factory=list)
    baseline: str | None = None                        # path of the baseline used, if any
    cwd: Path = field(default_factory=Path.cwd)
    counts: Any = None  # output.counts.Counts of findings not held here (a streamed run); else counted

    def tally(self) -> Any:
        """The ``Counts`` of the run's findings (``counts`` when given, else of ``findings``)."""
        from checker.output.counts import Counts

        return self.counts if self.counts is not None else Counts.of(self.findings)

    @property
    def attention(self) -> list[Finding]:
        """Findings that need attention, most severe first, then by place."""
        return sorted((f for f in self.findings if f.needs_attention), key=attention_key)

    @property
    def failing(self) -> list[Finding]:
        """Findings that make the run fail under ``fail_on``."""
        return failing(self.findings, self.fail_on)

    def summary(self) -> dict[str, Any]:
        c = self.tally()
        return {
            "findings": c.findings,
            "passed": c.passed,
            "needs_attention": sum(c.attention.values()),
            "error": c.attention.get("error", 0),
            "warning": c.attention.get("warning", 0),
            "info": c.attention.get("info", 0),
            "suppressed": c.suppressed,
            "baselined": c.baselined,
            "rules": len(set(c.first_seen) | {r.id for r in self.rules}),
            "fail_on": self.fail_on,
            "failed": c.failing(self.fail_on) > 0,
        }

    def summary_line(self, lang: str | None = None) -> str:
        """The closing line (catalogue ``summary.line``, in ``lang`` or the process language)."""
        from checker.i18n import t

        s = self.summary()
        return t("summary.line", lang, attention=s["needs_attention"], error=s["error"],
                 warning=s["warning"], info=s["info"], passed=s["passed"], suppressed=s["suppressed"],
                 baselined=s["baselined"], fail_on=s["fail_on"],
                 verdict=t("summary.failed" if s["failed"] else "summary.passed", lang))


def attention_key(f: Finding) -> tuple[Any, ...]:
    return (-SEVERITY_RANK.get(f.severity, 0), f.document, f.line, f.column, f.rule)


def failing(findings: list[Finding], fail_on: str) -> list[Finding]:
    """Findings needing attention at or above ``fail_on`` (never: none)."""
    if fail_on == "never":
        return []
    floor = SEVERITY_RANK[fail_on]
    return [f for f in findings if f.needs_attention and SEVERITY_RANK.get(f.severity, 0) >= floor]


def render(fmt: str, report: Report) -> str:
    """Render ``report`` in format ``fmt``."""
    module = FORMATS.get(fmt)
    if module is None:
        raise CheckerError("error.unknown_format", option="--format", value=fmt, choices=list(FORMATS))
    return importlib.import_module(module).render(report)


def location(f: Finding) -> str:
    if not f.document:
        return "-"
    return f"{f.document}:{f.line}:{f.column}" if f.line else f.document


# Control characters (C0, DEL, C1: ESC starts colour and window-title sequences, BEL rings) and
# bidirectional overrides (text shown in another order than it reads) from a document.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters and bidi overrides replaced by U+FFFD: ``a\x1b[31mb`` → ``a�[31mb``."""
    return _UNSAFE.sub("\ufffd", text)


def one_line(text: str, width: int | None = None) -> str:
    text = printable(" ".join(str(text).split()))
    if width and len(text) > width:
        return text[: width - 1] + "…"
    return text
