"""Align each clause of a summary with the passage of the full report it retells.

Fast by construction: the report's clauses are indexed by character bigrams of their comparison
form (``bigram → clause ids``), each summary clause scores only the clauses that share its
bigrams (weighted by rarity), and ``difflib`` runs only on the few best candidates (and on each
candidate joined with its neighbour, for a summary clause that merges two report clauses).
A Viterbi pass then prefers candidates that continue where the previous summary clause left off,
so a figure that occurs twice in a report (a 2023 outcome and a 2024 goal) is matched in the
passage the summary is retelling.

Example: summary ``报告提出，新建口袋公园50个`` → report clause ``新建口袋公园 50个``
(not ``新建口袋公园 80个`` of the review, unless the summary is retelling the review there).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from checker.fidelity.text import Clause, is_symbol

TOP_K = 6            # candidates per summary clause kept for difflib
MIN_SIM = 0.55       # below this a summary clause has no counterpart
CONTINUITY = 0.2     # bonus for continuing forward from the previous clause's counterpart
NUMBER_WEIGHT = 2    # a quantity symbol counts as this many characters in the similarity
WINDOW = 40          # "forward" = at most this many report clauses ahead
MAX_JOIN = 3         # a summary clause may retell up to this many consecutive report clauses


@dataclass
class Match:
    """A summary clause's counterpart: report clauses ``first..last`` (inclusive)."""

    summary: int
    first: int
    last: int
    sim: float
    canon: str            # the report side's comparison form (joined clauses)
    origin: list[int]     # text offset of each character of ``canon``


def body(c: Clause) -> str:
    """The summary clause's comparison form without its leading wrapper."""
    return c.canon[c.lead:]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} | ({s} if len(s) == 1 else set())


class Index:
    """Bigram → report clause ids, with inverse document frequencies."""

    def __init__(self, clauses: list[Clause]) -> None:
        self.clauses = clauses
        post: dict[str, list[int]] = defaultdict(list)
        for c in clauses:
            for g in _bigrams(c.canon):
                post[g].append(c.index)
        n = max(1, len(clauses))
        self.post = post
        self.idf = {g: math.log(1 + n / len(ids)) for g, ids in post.items()}

    def candidates(self, text: str, k: int = TOP_K) -> list[int]:
        """Report clause ids sharing the most (rarity-weighted) bigrams with ``text``.

        Clauses scoring under a third of the best are dropped: they cannot win.
        """
        score: dict[int, float] = defaultdict(float)
        for g in _bigrams(text):
            w = self.idf.get(g)
            if w is None:
                continue
            # a shared number weighs more than shared words: it is what a summary repeats exactly
            if any(is_symbol(ch) for ch in g):
                w *= 1.5
            for cid in self.post[g]:
                score[cid] += w
        ranked = sorted(score, key=lambda c: -score[c])[:k]
        if not ranked:
            return ranked
        floor = score[ranked[0]] / 3
        return [c for c in ranked if score[c] >= floor]





def _scored(s: str, f: str, matcher: SequenceMatcher) -> tuple[float, int]:
    """``similarity`` and the number of word characters (numbers aside) of ``s`` matched."""
    matcher.set_seq1(f)
    # a number weighs as much as a short word: a clause that is mostly a figure (约2.5兆元人民币)
    # belongs where that figure is
    words = numbers = 0
    for _, j, size in matcher.get_matching_blocks():
        n = sum(1 for ch in s[j:j + size] if is_symbol(ch))
        numbers += n
        words += size - n
    m = words + NUMBER_WEIGHT * numbers
    total = len(s) + (NUMBER_WEIGHT - 1) * sum(1 for ch in s if is_symbol(ch))
    cover = m / total
    tight = 2 * m / (total + len(f))
    return 0.8 * cover + 0.2 * tight, words


def _single_words(text: str, full: list[Clause], k: int, words: dict[tuple[int, int], int],
                  matcher: SequenceMatcher) -> int:
    if (k, k) not in words:
        words[(k, k)] = _scored(text, full[k].canon, matcher)[1]
    return words[(k, k)]


def _joined(clauses: list[Clause], first: int, last: int) -> tuple[str, list[int]]:
    canon: list[str] = []
    origin: list[int] = []
    for c in clauses[first:last + 1]:
        canon.append(c.canon)
        origin.extend(c.origin)
    return "".join(canon), origin


def _options(index: Index, s: Clause, after: Sequence[int] = ()) -> list[Match]:
    """Scored counterparts of one summary clause (best single clauses and joined neighbours).

    ``after``: report clauses the previous summary clause may have retold; the clauses right
    after them are candidates too (a summary clause continuing the report's sentence).
    """
    text = body(s)
    if not text:
        return []
    full = index.clauses
    seen: set[tuple[int, int]] = set()
    out: list[Match] = []
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    words: dict[tuple[int, int], int] = {}
    numbers = {ch for ch in text if is_symbol(ch)}
    # continuation candidates matter for a clause with a figure (it may be all the clause has)
    extra = [k for a in after for k in (a, a + 1, a + 2) if 0 <= k < len(full)] if numbers else []
    follow = set(extra)
    cands = index.candidates(text)
    for cid in cands + [k for k in dict.fromkeys(extra) if k not in cands]:
        best: Match | None = None
        spans = [(cid, cid)]
        for a, b in spans:
            if a < 0 or b >= len(full) or (a, b) in seen or full[a].block != full[b].block:
                continue
            seen.add((a, b))
            canon, origin = _joined(full, a, b)
            sim, words[(a, b)] = _scored(text, canon, matcher)
            # right after the previous clause's counterpart, the same figure is enough: the summary
            # continues the report's sentence in its own words (约2.5兆元人民币 ↔ 约2.5万亿元)
            if cid in follow and numbers and all(ch in canon for ch in numbers):
                sim = max(sim, MIN_SIM)
            if best is None or sim > best.sim + 0.02:
                if a != b and words[(a, b)] < 2 + max(_single_words(text, full, k, words, matcher)
                                                      for k in range(a, b + 1)):
                    continue  # a join must retell more words than each of its clauses, not a number
                best = Match(s.index, a, b, sim, canon, origin)
            # a summary clause that retells more than this report clause: try its neighbours joined
            if (a, b) == (cid, cid) and sim < 0.95 and len(text) > len(full[cid].canon) * 0.6 \
                    and cid not in follow:
                for more in range(1, MAX_JOIN):
                    spans += [(cid, cid + more), (cid - more, cid)]
        if best is not None:
            out.append(best)
    out.sort(key=lambda m: -m.sim)
    return out[:TOP_K]


def align(summary: list[Clause], full: list[Clause], skip: set[int] | None = None) -> dict[int, Match]:
    """The counterpart of each summary clause that has one (``{summary clause index: Match}``).

    ``skip``: summary clauses not to align (wrappers).
    """
    index = Index(full)
    skip = skip or set()
    chain: list[tuple[int, list[Match]]] = []
    after: list[int] = []
    for s in summary:
        if s.index in skip:
            continue
        opts = [m for m in _options(index, s, after) if m.sim >= MIN_SIM]
        if opts:
            chain.append((s.index, opts))
            after = [m.last for m in opts[:3]]
    if not chain:
        return {}
    # Viterbi over the clauses that have candidates: emission = similarity, transition = a bonus
    # for moving forward a little in the report (the summary follows the report's order locally).
    scores = [[m.sim for m in chain[0][1]]]
    back: list[list[int]] = [[-1] * len(chain[0][1])]
    for i in range(1, len(chain)):
        prev_opts = chain[i - 1][1]
        # a heading quotes the passage that follows it, often from its middle: the clause after a
        # heading may start a little before the heading's counterpart
        back_ok = WINDOW if summary[chain[i - 1][0]].heading and not summary[chain[i][0]].heading else 0
        row, brow = [], []
        for m in chain[i][1]:
            best, arg = -1.0, 0
            for j, p in enumerate(prev_opts):
                step = m.first - p.last
                bonus = CONTINUITY if -back_ok <= step <= WINDOW else 0.0
                v = scores[i - 1][j] + bonus
                if v > best:
                    best, arg = v, j
            row.append(best + m.sim)
            brow.append(arg)
        scores.append(row)
        back.append(brow)
    j = max(range(len(scores[-1])), key=lambda k: scores[-1][k])
    result: dict[int, Match] = {}
    for i in range(len(chain) - 1, -1, -1):
        sid, opts = chain[i]
        result[sid] = opts[j]
        j = back[i][j]
    return result
