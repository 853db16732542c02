"""Qualifier semantics: from target, qualifier and outcome to a status, with the reasoning.

以上/不少于/达到 (``>=``) and a bare number (``=``) are floors; 以内/控制在 (``<=``) and 低于 (``<``)
are ceilings; 左右/约 (``~``) means about — except for price targets (CPI ``3%左右``), where it acts
as a ceiling. Every mode is a rule param, so a rule writer can read a target differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("exceeded", "met", "partly", "missed", "qualitative_claim", "not_reported", "ambiguous")

DEFAULT_MODES = {"=": "floor", ">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling",
                 "~": "about", "<~": "ceiling"}


@dataclass(frozen=True)
class Semantics:
    """How targets are read. ``partly_ratio``: a floor reached to at least this share is ``partly``."""

    modes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODES))
    ceiling_metrics: tuple[str, ...] = ()
    partly_ratio: float = 0.8
    about_tolerance: float = 0.05  # relative: 5%左右 is met by 4.75 … 5.25
    equal_tolerance: float = 1e-9  # relative: what counts as exactly the target

    def mode(self, qualifier: str, metric: str = "") -> str:
        """``floor``, ``ceiling`` or ``about`` for a qualifier on ``metric``."""
        mode = self.modes.get(qualifier or "=", "floor")
        if mode == "about" and any(m and m in metric for m in self.ceiling_metrics):
            return "ceiling"
        return mode


@dataclass(frozen=True)
class Verdict:
    """A status and why: ``8.5 vs 6 (>=, floor): ratio 1.42 → exceeded``."""

    status: str
    mode: str
    ratio: float | None
    reason: str


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def judge(target: float, qualifier: str, outcome: float, metric: str = "",
          sem: Semantics | None = None) -> Verdict:
    """Status of ``outcome`` against ``target`` read with ``qualifier``.

    >>> judge(20000, "=", 28000).status
    'exceeded'
    >>> judge(3, "~", 1.1, "居民消费价格涨幅", Semantics(ceiling_metrics=("居民消费价格",))).status
    'met'
    """
    sem = sem or Semantics()
    mode = sem.mode(qualifier, metric)
    ratio = outcome / target if target else None
    eq = abs(outcome - target) <= sem.equal_tolerance * max(abs(target), 1.0)
    if mode == "ceiling":
        strict = qualifier == "<"
        ok = outcome < target if strict else (outcome < target or eq)
        status = "met" if ok else "missed"
    elif mode == "about":
        tol = sem.about_tolerance * abs(target)
        if abs(outcome - target) <= tol:
            status = "met"
        elif outcome > target:
            status = "exceeded"
        else:
            status = "partly" if ratio is not None and ratio >= sem.partly_ratio else "missed"
    else:  # floor
        if eq:
            status = "met"
        elif outcome > target:
            status = "exceeded"
        else:
            status = "partly" if ratio is not None and ratio >= sem.partly_ratio else "missed"
    ratio_txt = f"ratio {ratio:.2f}" if ratio is not None else "no ratio"
    reason = (f"outcome {_fmt(outcome)} vs target {_fmt(target)} ({qualifier or '='}, read as {mode}): "
              f"{ratio_txt} → {status}")
    return Verdict(status, mode, ratio, reason)
