"""Summary fidelity on summaries the check was not tuned on, and on altered copies of them.

tests/cases/summary/ holds a press summary ("一文读懂…", wrappers, newspaper headings) and a digest
(bullets) of beijing-2022-report.txt and a press summary of beijing-2021-report.txt, written by hand:
partly verbatim, partly reworded, every figure as the report has it. The unaltered texts must give
no number_mismatch and no finding but the omissions they really make; each alteration a careless
retelling makes (a number, a multiplier, a qualifier, a word, an enumeration item, the order, an
added claim), applied programmatically at many places, must be flagged where it stands with the
right kind — in simplified script and in traditional script (OpenCC s2t / s2hk / s2tw / s2twp).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from checker.normalize import normalize, to_simplified

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases" / "summary"
PAIRS = {
    "press-2022": ("beijing-2022-press-summary.md", "beijing-2022-report.txt"),
    "highlights-2022": ("beijing-2022-highlights.txt", "beijing-2022-report.txt"),
    "press-2021": ("beijing-2021-press-summary.md", "beijing-2021-report.txt"),
}
ISSUES = ("number_mismatch", "number_missing_in_full", "wording_changed", "item_omitted", "order_changed",
          "added_claim")
_FULL: dict[str, tuple[str, list]] = {}


def _compare(text: str, report: str):
    from checker.fidelity.compare import compare_clauses
    from checker.fidelity.text import prepare

    if report not in _FULL:
        full = normalize((ROOT / "seeds" / report).read_text(encoding="utf-8"))[0]
        _FULL[report] = (full, prepare(full, to_simplified(full)))
    full, clauses = _FULL[report]
    return compare_clauses(prepare(text, to_simplified(text)), clauses, text, full)


def _summary(key: str) -> str:
    return normalize((CASES / PAIRS[key][0]).read_text(encoding="utf-8"))[0]


def _flagged(result, a: int, b: int, kinds: tuple[str, ...], field: str | None = None) -> bool:
    return any(o.kind in kinds and o.s_start is not None and o.s_start < b and a < o.s_end
               and (field is None or field in o.fields) for o in result.outcomes)


@pytest.mark.parametrize("key", list(PAIRS))
def test_unaltered_text_flags_only_what_it_leaves_out(key) -> None:
    text = _summary(key)
    result = _compare(text, PAIRS[key][1])
    kinds = Counter(o.kind for o in result.outcomes)
    wrong = [(o.kind, text[o.s_start:o.s_end], o.detail) for o in result.outcomes
             if o.kind not in ("number_match", "item_omitted")]
    assert wrong == []          # every figure and every word as the report has them
    assert kinds["number_match"] >= 25


# --------------------------------------------------------------------------- alterations

QUALIFIERS = [("以上", "以内"), ("以内", "以上"), ("超过", "接近"), ("左右", "以上"), ("低于", "高于")]
WORDS = [("推进", "推动"), ("加快", "加速"), ("全面", "稳步"), ("提升", "提高"), ("建设", "打造"),
         ("持续", "不断"), ("深化", "加强"), ("实现", "完成"), ("支持", "鼓励"), ("完善", "健全")]
ADDED = ["今年还将新建冰雪运动场馆30座。", "全面推行城市管家制度，实现街道社区全覆盖。",
         "报告提出，将设立人工智能产业基金500亿元。"]


def _alterations(text: str):
    """(kind, start, end, altered text, wanted outcome kinds, mismatched field) at many places."""
    from checker.quantities import find_quantities

    for q in find_quantities(text)[::2]:
        written = text[q.start:q.end]
        m = re.search(r"[1-9]", written)
        if m and not re.fullmatch(r"\d{4}年?", written):
            changed = written[:m.start()] + str(int(m.group()) % 9 + 1) + written[m.end():]
            yield ("number", q.start, q.start + len(changed), text[:q.start] + changed + text[q.end:],
                   ("number_mismatch",), "value")
        for x, y in (("万", "亿"), ("亿", "万")):
            if x in written and "万亿" not in written:
                changed = written.replace(x, y, 1)
                yield ("multiplier", q.start, q.start + len(changed),
                       text[:q.start] + changed + text[q.end:], ("number_mismatch",), "multiplier")
                break
        for x, y in QUALIFIERS:
            k = text.find(x, max(0, q.start - 2), q.end + 2)
            if k != -1:
                yield ("qualifier", min(k, q.start), max(k + len(y), q.end),
                       text[:k] + y + text[k + len(x):], ("number_mismatch",), "qualifier")
                break
    for x, y in WORDS:
        for m in list(re.finditer(x, text))[:3]:
            k = m.start()
            yield ("word", k, k + len(y), text[:k] + y + text[k + len(x):], ("wording_changed",), None)
    for m in re.finditer(r"(?<=、)([^、，。；：\n]{2,12})、", text):          # a middle item
        yield ("item", m.start() - 8, m.start() + 8, text[:m.start()] + text[m.end():],
               ("item_omitted",), None)
    for m in re.finditer(r"(?<=[，。：\n])([^、，。；：\n]{2,10})、([^、，。；：\n]{2,10})、", text):
        a, b = m.start(1), m.end(1) + 1                                       # the first item
        yield ("item", a - 2, a + 8, text[:a] + text[b:], ("item_omitted",), None)
    for m in re.finditer(r"、([^、，。；：\n]{2,10})(?=[，。；\n等])", text):   # the last item
        if "、" in text[max(0, m.start() - 14):m.start()]:
            yield ("item", m.start() - 8, m.start() + 2, text[:m.start()] + text[m.end():],
                   ("item_omitted",), None)
    pair = re.compile(r"(?<=[，。：\n])([^、，。；：\n]{3,10})、([^、，。；：\n]{3,10})(?=[、，。；\n等])")
    for m in pair.finditer(text):
        swapped = m.group(2) + "、" + m.group(1)
        yield ("order", m.start(), m.end(), text[:m.start()] + swapped + text[m.end():],
               ("order_changed", "wording_changed"), None)
    # after a sentence, or (a digest without sentences) after a line
    ends = [m.end() for m in re.finditer("。", text)] or [m.end() for m in re.finditer("\n", text)][2:]
    for i, e in enumerate(ends[1::max(1, len(ends) // 4)]):
        s = ADDED[i % len(ADDED)]
        yield ("added", e, e + len(s), text[:e] + s + text[e:],
               ("added_claim", "number_missing_in_full"), None)


@pytest.mark.parametrize(("key", "script"), [(k, "simplified") for k in PAIRS] + [("press-2022", "s2t")])
def test_every_alteration_is_flagged_where_it_stands(key, script) -> None:
    import opencc

    convert = opencc.OpenCC("s2t").convert if script == "s2t" else (lambda t: t)
    text = _summary(key)
    tried: Counter = Counter()
    missed = []
    for kind, a, b, altered, want, field in _alterations(text):
        converted = convert(altered)
        if len(converted) != len(altered):
            continue      # a phrase conversion moved the offsets
        altered = converted
        tried[kind] += 1
        if not _flagged(_compare(altered, PAIRS[key][1]), a, b, want, field):
            missed.append((kind, altered[max(0, a - 10):b + 6]))
    assert tried["number"] >= 10 and tried["word"] >= 3 and tried["added"] >= 2, tried
    assert tried["item"] >= (3 if key == "press-2022" else 0), tried
    # an order swap of two items whose head is a verb may read as a rewording: at most one such miss
    assert [m for m in missed if m[0] != "order"] == []
    assert len([m for m in missed if m[0] == "order"]) <= 1, missed


# --------------------------------------------------------------------------- traditional script

@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw", "s2twp"])
@pytest.mark.parametrize("key", list(PAIRS))
def test_traditional_script_compares_like_the_original(key, config) -> None:
    """Traditional script (mainland, Hong Kong and Taiwan character standards, Taiwan vocabulary
    with s2twp: 專案, 資料, 人工智慧; full-width digits) gives the same outcomes as the original."""
    import opencc

    raw = (CASES / PAIRS[key][0]).read_text(encoding="utf-8")
    trad = opencc.OpenCC(config).convert(raw)
    trad = trad.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789%"})   # full-width digits
    want = Counter(o.kind for o in _compare(_summary(key), PAIRS[key][1]).outcomes)
    got = Counter(o.kind for o in _compare(normalize(trad)[0], PAIRS[key][1]).outcomes)
    assert got == want


def test_hong_kong_style_press_text() -> None:
    raw = ("**去年全市地區生產總值超過４兆元**\n"
           "報告指出，初步預計，全市地區生產總值超過４兆元、同比增長８.５％。\n"
           "● 累計生產新冠疫苗５０億支\n● 城鎮新增就業２６萬人\n● 一般性支出壓減３５.５億元\n"
           "**今年目標：地區生產總值增長５％以上**\n"
           "報告提出，今年將籌集建設保障性租賃住房１５萬套，竣工各類保障房８萬套。\n")
    text = normalize(raw)[0]
    result = _compare(text, "beijing-2022-report.txt")
    kinds = Counter(o.kind for o in result.outcomes)
    assert kinds["number_match"] >= 8
    assert not [o for o in result.outcomes if o.kind not in ("number_match", "item_omitted")], \
        [(o.kind, o.detail) for o in result.outcomes]
    # 億 → 萬 and 以上 → 以內 in traditional script are still a multiplier and a qualifier
    for old, new, field in (("５０億支", "５０萬支", "multiplier"), ("５％以上", "５％以內", "qualifier"),
                            ("２６萬人", "２９萬人", "value")):
        altered = normalize(raw.replace(old, new, 1))[0]
        k = altered.find(normalize(new)[0])
        assert _flagged(_compare(altered, "beijing-2022-report.txt"), k, k + len(new),
                        ("number_mismatch",), field), (old, new)


# --------------------------------------------------------------------------- the general rules behind

@pytest.mark.parametrize(("summary", "changed", "kind", "field"), [
    # a figure on its own after a title's colon is the title's value (6%以上 → 7%以上)
    ("**2021年GDP增长目标：7%以上**\n", "7%以上", "number_mismatch", "value"),
    ("**2021年GDP增长目标：6%以内**\n", "6%以内", "number_mismatch", "qualifier"),
    # a word substituted at the very end of the clause
    ("今年将拆除违法建设2500万平方米、腾退土地3000公顷，“留白增绿”860公顷。分类推进背街小巷环境精细化整治提高。\n",
     "整治提高", "wording_changed", None),
    # a word substituted before a figure in a title
    ("**拆除违法打造2500万平方米**\n", "拆除违法打造", "wording_changed", None),
    # a qualifier put before the report's clause
    ("今年将拆除违法建设2500万平方米、腾退土地3000公顷。分类推进背街小巷环境精细化整治提升，基本打造200条精品街巷。\n",
     "基本打造", "wording_changed", None),
    # the first and the last item of an enumeration dropped
    ("壮大信息技术、健康医疗、智能制造、区块链和先进计算等优势产业规模。\n", "健康医疗",
     "item_omitted", None),
    ("重点发展智慧交通、智慧市政、智慧教育、智慧医疗。\n", "智慧医疗", "item_omitted", None),
])
def test_general_rules(summary, changed, kind, field) -> None:
    text = normalize(summary)[0]
    result = _compare(text, "beijing-2021-report.txt")
    k = text.find(changed)
    assert k != -1
    assert _flagged(result, k, k + len(changed), (kind,), field), \
        [(o.kind, o.detail) for o in result.outcomes]


def test_time_frames_and_titles_claim_nothing() -> None:
    text = normalize("**2021年GDP增长目标：6%以上**\n五年来，北京基本完成一般制造业企业集中退出、"
                     "区域性批发市场大规模疏解任务，完成3500条背街小巷环境整治。\n")[0]
    result = _compare(text, "beijing-2021-report.txt")
    assert [o.kind for o in result.outcomes if o.kind != "number_match"] in ([], ["item_omitted"])
    assert not [o for o in result.outcomes if o.kind == "item_omitted" and "以下工作" in o.detail]
    assert sum(o.kind == "number_match" for o in result.outcomes) >= 2
