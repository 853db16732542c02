"""Qualifier semantics: from target, qualifier and outcome to a status, with the reasoning.

- about (左右/约, ``~``): below the target → ``missed`` (the reason says "slightly below" within the
  margin); from the target up to target + margin → ``met``; target + margin or more → ``exceeded``.
  The margin is 0.3 points for percentages and 5% of the target otherwise.
- floors (以上/不少于/力争…以上/突破/超过 and a bare number): above → ``exceeded``; equal → ``met``;
  below → ``missed``.
- ceilings (以内/控制在/低于/不超过; price and unemployment targets even when written 左右): at or
  below → ``met``; above → ``missed`` (``<`` is strict).
- ranges (4.5%—5%): inside → ``met``; above → ``exceeded``; below → ``missed``.

``partly`` is not a reading of one number: it belongs to goals with several components (see
``checker.goals.track``). Every mode and margin is a rule param, so a rule writer can read a
target differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("exceeded", "met", "partly", "missed", "qualitative_claim", "not_reported", "ambiguous")

DEFAULT_MODES = {"=": "floor", ">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling",
                 "~": "about", "<~": "ceiling"}
# units whose about-margin is in points, not a share of the target
POINT_UNITS = ("%", "个百分点", "百分点", "‰")


@dataclass(frozen=True)
class Semantics:
    """How targets are read: qualifier modes, ceiling metrics and the margins of 左右."""

    modes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODES))
    ceiling_metrics: tuple[str, ...] = ()
    about_margin_points: float = 0.3   # 5%左右: met from 5 up to 5.3
    about_margin_share: float = 0.05   # 3000公顷左右: met from 3000 up to 3150
    equal_tolerance: float = 1e-9      # relative: what counts as exactly the target

    def mode(self, qualifier: str, metric: str = "") -> str:
        """``floor``, ``ceiling`` or ``about`` for a qualifier on ``metric``."""
        mode = self.modes.get(qualifier or "=", "floor")
        if mode == "about" and any(m and m in metric for m in self.ceiling_metrics):
            return "ceiling"
        return mode

    def margin(self, target: float, unit: str) -> float:
        """The margin of an about-target: 0.3 points for ``%``, 5% of the target otherwise."""
        if unit in POINT_UNITS:
            return self.about_margin_points
        return self.about_margin_share * abs(target)


@dataclass(frozen=True)
class Verdict:
    """A status and why: ``8.5 vs 6 (>=, floor): ratio 1.42 → exceeded``."""

    status: str
    mode: str
    ratio: float | None
    reason: str
    within_margin: bool = False  # missed, but by less than an about-target's margin


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def judge(target: float, qualifier: str, outcome: float, metric: str = "",
          sem: Semantics | None = None, unit: str = "", high: float | None = None) -> Verdict:
    """Status of ``outcome`` against ``target`` read with ``qualifier`` (``high``: a range's top).

    >>> judge(20000, "=", 28000).status
    'exceeded'
    >>> judge(5, "~", 4.9, unit="%").status
    'missed'
    >>> judge(3, "~", 1.1, "居民消费价格涨幅", Semantics(ceiling_metrics=("居民消费价格",))).status
    'met'
    """
    sem = sem or Semantics()
    mode = "range" if high is not None and high > target else sem.mode(qualifier, metric)
    ratio = outcome / target if target else None
    eq = abs(outcome - target) <= sem.equal_tolerance * max(abs(target), 1.0)
    note = ""
    if mode == "ceiling":
        ok = outcome < target if qualifier == "<" else (outcome < target or eq)
        status = "met" if ok else "missed"
    elif mode == "range":
        assert high is not None
        status = "exceeded" if outcome > high else "missed" if outcome < target and not eq else "met"
    elif mode == "about":
        margin = sem.margin(target, unit)
        if outcome < target and not eq:
            status = "missed"
            if target - outcome <= margin:
                note = f"; slightly below, within the margin of {_fmt(margin)}"
        elif outcome - target >= margin - sem.equal_tolerance * max(abs(target), 1.0):
            status = "exceeded"
        else:
            status = "met"
    else:  # floor
        status = "met" if eq else "exceeded" if outcome > target else "missed"
    ratio_txt = f"ratio {ratio:.2f}" if ratio is not None else "no ratio"
    shown = f"{_fmt(target)}–{_fmt(high)}" if mode == "range" and high is not None else _fmt(target)
    reason = (f"outcome {_fmt(outcome)} vs target {shown} ({qualifier or '='}, read as {mode}): "
              f"{ratio_txt} → {status}{note}")
    return Verdict(status, mode, ratio, reason, bool(note))
