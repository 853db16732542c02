"""The goal vocabulary's precompiled forms (checker/goals/vocab.py): each answers as the word-list
loop or the lexicon call it stands for. Sentences invented."""

from __future__ import annotations

import pytest

from checker import lexicon
from checker.goals.text import canonical
from checker.goals.vocab import _anchors, vocab

TEXTS = [
    "新建综保区二期工程",             # a variant (综保区)
    "全年GDP增长5%左右",              # a variant in capitals
    "单位gdp能耗下降3%",              # in small letters: the lexicon ignores case
    "ＰＭ２.５浓度下降",               # full-width letters are cased too
    "新建中小学校三所",               # no variant
    "城市轨道交通运行里程",            # loose reach
    "工业增加值占全省比重提高",        # a share name
    "",
]


def _unfiltered(text: str) -> str:
    """``Vocab.canonical`` as written before the pre-filter: always through the lexicon."""
    text = lexicon.canonical(text, lexicon.LOOSE)
    for pattern, replacement in vocab().share_forms:
        text = pattern.sub(replacement, text)
    return text


@pytest.mark.parametrize("text", TEXTS)
def test_canonical_same_as_always_asking_the_lexicon(text):
    assert vocab().canonical(text) == _unfiltered(text)


@pytest.mark.parametrize("text", TEXTS)
def test_may_rewrite_whenever_the_lexicon_finds_a_variant(text):
    found = lexicon._table(lexicon.LOOSE).pattern.search(text) is not None
    if found:
        assert vocab().may_rewrite(text)
    if text.lower() == text.upper():  # no cased letter: the pre-filter answers exactly
        assert vocab().may_rewrite(text) is found


@pytest.mark.parametrize(("field", "key", "text"), [
    ("explanation_re", "explanation_markers", "这里要着重说明几点"),
    ("explanation_re", "explanation_markers", "完成造林100万亩"),
    ("outline_re", "outline_words", "重点做好以下几个方面的工作"),
    ("outline_re", "outline_words", "建成区域数据中心"),
])
def test_word_regex_same_as_the_word_loop(field, key, text):
    words = vocab().raw[key]
    assert (getattr(vocab(), field).search(text) is not None) == any(w in text for w in words)


@pytest.mark.parametrize("text", ["今年经济社会发展的主要预期目标是：…", "新增城镇就业80万人"])
def test_target_marker_regex_same_as_the_marker_loop(text):
    v = vocab()
    assert (v.target_marker_re.search(text) is not None) == any(w in text for w in v.target_markers)


def test_end_verbs_are_the_open_and_start_verbs():
    v = vocab()
    assert set(v.end_verbs) == {w for w, cls in v.verb_class.items() if cls in ("open", "start")}
    assert v.end_verbs


@pytest.mark.parametrize(("words", "written", "out"), [
    (["主要预期目标", "预期目标是", "主要目标是"], set(), "[目]"),   # one character in every word
    (["着重说明", "五年内"], set(), "[着五]"),
    (["着重说明", "五年内"], {"着", "重"}, "[说五]"),                # a rewrite may write 着, 重
    (["年内"], {"年", "内"}, r"[\s\S]"),                              # every character may be written
    (["年内"], None, r"[\s\S]"),                                      # replacements with groups
])
def test_anchors(words, written, out):
    assert _anchors(words, written).pattern == out


@pytest.mark.parametrize("text", [
    "今年经济社会发展的主要预期目标是：…",
    "今年主要预期、目标是：…",          # punctuation inside: only the canonical form holds the marker
    "今年发展的主要任务是",
    "这里要着重说明几点",
    "这里要着重 说明几点",
    "到二〇三五年基本实现",
    "十四五时期的远景目标",
    "新增城镇就业80万人",
])
@pytest.mark.parametrize(("words", "anchor"), [
    ("target_marker_re", "target_marker_anchor"),
    ("explanation_re", "explanation_anchor"),
    ("multi_year", "multi_year_anchor"),
])
def test_no_anchor_no_word_in_the_canonical_form(text, words, anchor):
    v = vocab()
    held = getattr(v, words).search(canonical(text)) is not None
    if getattr(v, anchor).search(text) is None:
        assert not held
