"""The goal follow-up vocabulary (checker/data/goal_vocab.yaml), loaded once.

The YAML holds all domain words (goal verbs, completion and progress words, unit dimensions;
synonyms come from the one table, checker/data/synonyms.yaml); this module only compiles
them into regexes and lookup tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from checker import lexicon
from checker.datafiles import load_data


def _alternation(words: list[str]) -> re.Pattern[str]:
    """A regex matching any of ``words``, longest first (so 新开工 wins over 开工)."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered) or r"(?!x)x")


_ANY = re.compile(r"[\s\S]")  # any character: no pre-filter


@dataclass(frozen=True)
class Vocab:
    """Compiled goal vocabulary."""

    raw: dict
    target_markers: tuple[str, ...]
    multi_year: re.Pattern[str]
    verbs: re.Pattern[str]
    verb_class: dict[str, str]
    deliverable_heads: tuple[str, ...]
    generic: re.Pattern[str]
    vague_objects: frozenset[str]
    min_object_chars: int
    completion: re.Pattern[str]
    progress: re.Pattern[str]
    blanket: re.Pattern[str]
    claim_patterns: tuple[re.Pattern[str], ...]
    exclusive_actions: tuple[frozenset[str], ...]
    ceiling_metrics: tuple[str, ...]
    fillers: re.Pattern[str]
    actions: re.Pattern[str]
    unit_factor: dict[str, tuple[str, float]]
    generic_count_unit: str
    non_goal_units: frozenset[str]
    share_forms: tuple[tuple[re.Pattern[str], str], ...] = ()
    # Precompiled forms of word lists that are tested on every clause (one regex scan instead of a
    # Python loop of ``in`` tests); derived from the fields above and ``raw``.
    end_verbs: tuple[str, ...] = ()            # goal verbs that can close a list item (…封关运行)
    target_marker_re: re.Pattern[str] = re.compile(r"(?!x)x")
    explanation_re: re.Pattern[str] = re.compile(r"(?!x)x")
    outline_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # For a word list tested on the canonical form of every clause: characters of which the clause
    # itself must hold one for its canonical form to hold a word (see ``_anchors``), so that the
    # clauses without one (most) need no canonical form.
    target_marker_anchor: re.Pattern[str] = _ANY
    explanation_anchor: re.Pattern[str] = _ANY
    multi_year_anchor: re.Pattern[str] = _ANY

    def canonical(self, text: str) -> str:
        """Rewrite abbreviations to their canonical form (the lexicon's ``loose`` reach) and share
        names to one form (``share_name_forms``): ``综保区`` → ``综合保税区``,
        ``工业增加值占全省比重`` → ``工业占比``."""
        text = lexicon.canonical(text, lexicon.LOOSE)
        for pattern, replacement in self.share_forms:
            text = pattern.sub(replacement, text)
        return text

    def may_rewrite(self, text: str) -> bool:
        """Could the lexicon rewrite anything in ``text``? (False only when it certainly would not.)"""
        return lexicon.may_rewrite(text, lexicon.LOOSE)


def _written_by_rewrites(share_forms: list[tuple[str, str]]) -> set[str] | None:
    """Every character ``Vocab.canonical`` may write into a text (the lexicon's canonical forms and
    the share names' replacements); None when a replacement refers to groups (any character then)."""
    written = lexicon.written_characters(lexicon.LOOSE)
    for _pattern, replacement in share_forms:
        if "\\" in replacement:
            return None
        written.update(replacement)
    return written


def _anchors(words: list[str], written: set[str] | None) -> re.Pattern[str]:
    """A class of characters of which a text must hold one for its canonical form to hold one of
    ``words``. The canonical form only deletes characters (whitespace, punctuation) and writes
    rewrites, so a word's character that no rewrite writes must already be in the text: one such
    character per word is enough (``主要预期目标``, ``预期目标是`` → ``[目]``). ``_ANY`` when some
    word has none."""
    if written is None:
        return _ANY
    uncovered = [w for w in dict.fromkeys(words) if w]
    chosen: list[str] = []
    while uncovered:
        # the character standing in the most words still uncovered (the first seen on a tie)
        counts = Counter(c for w in uncovered for c in dict.fromkeys(w) if c not in written)
        if len(counts) == 0 or any(all(c in written for c in w) for w in uncovered):
            return _ANY
        best = counts.most_common(1)[0][0]
        chosen.append(best)
        uncovered = [w for w in uncovered if best not in w]
    return re.compile("[" + "".join(re.escape(c) for c in chosen) + "]" if chosen else r"(?!x)x")


# goal verb classes whose verb may close a list item rather than open it (…封关运行, …正式开工)
_END_CLASSES = ("open", "start")


@cache
def vocab() -> Vocab:
    """The vocabulary, loaded and compiled once per process."""
    # the figure-identity cues (average, baseline, target restated, share, scope) are shared with
    # the figure identity of every mention: one file, read here too
    raw = {**load_data("figure_identity.yaml"), **load_data("goal_vocab.yaml")}
    verb_class = {v: cls for cls, words in raw["goal_verbs"].items() for v in words}
    share_forms = [(str(p), str(r)) for p, r in raw.get("share_name_forms") or ()]
    written = _written_by_rewrites(share_forms)
    unit_factor: dict[str, tuple[str, float]] = {}
    for dim, units in (raw.get("unit_dimensions") or {}).items():
        for unit, factor in units.items():
            unit_factor[unit] = (dim, float(factor))
    return Vocab(
        raw=raw,
        target_markers=tuple(raw["target_markers"]),
        multi_year=_alternation(raw["multi_year_markers"]),
        verbs=_alternation(list(verb_class)),
        verb_class=verb_class,
        deliverable_heads=tuple(sorted(raw["deliverable_heads"], key=len, reverse=True)),
        generic=_alternation(raw["generic_words"]),
        vague_objects=frozenset(raw["vague_objects"]),
        min_object_chars=int(raw["min_object_chars"]),
        completion=_alternation(raw["completion_words"]),
        progress=_alternation(raw["progress_words"]),
        blanket=_alternation(raw["blanket_claims"]),
        claim_patterns=tuple(re.compile(p) for p in raw["completion_claim_patterns"]),
        exclusive_actions=tuple(frozenset(g) for g in raw["exclusive_actions"]),
        ceiling_metrics=tuple(raw["ceiling_metrics"]),
        fillers=_alternation(raw["filler_words"]),
        actions=_alternation(raw["metric_actions"]),
        unit_factor=unit_factor,
        generic_count_unit=str(raw.get("generic_count_unit", "个")),
        non_goal_units=frozenset(raw["non_goal_units"]),
        share_forms=tuple((re.compile(p), r) for p, r in share_forms),
        end_verbs=tuple(v for v, cls in verb_class.items() if cls in _END_CLASSES),
        target_marker_re=_alternation(raw["target_markers"]),
        explanation_re=_alternation(raw.get("explanation_markers") or []),
        outline_re=_alternation(raw.get("outline_words") or []),
        target_marker_anchor=_anchors(raw["target_markers"], written),
        explanation_anchor=_anchors(raw.get("explanation_markers") or [], written),
        multi_year_anchor=_anchors(raw["multi_year_markers"], written),
    )
