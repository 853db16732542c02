"""The engine: scopes, relations, crash and no-document findings, messages, fingerprints."""

from __future__ import annotations

from pathlib import Path

from test_engine_kit import PHRASE, ROOT, corpus, fake_mentions, make_doc, phrase_kind  # noqa: F401

from checker.engine import RuleContext, run_rules
from checker.kinds.base import KindSpec
from checker.ruleset import Rule, load_rules


def _rule(kind: str = "threshold", scope: dict | None = None, message: str = "{metric} {actual} {expected}",
          **params) -> Rule:
    from checker.kinds import REGISTRY

    spec = REGISTRY[kind]
    full = {n: p.default for n, p in spec.params.items()}
    full.update(params)
    return Rule(id=f"test-{kind}", kind=kind, severity="warning", description="d", message=message,
                scope=scope or {}, params=full, given_params=params)


REVIEW = "城镇调查失业率5.6%，居民消费价格上涨1.1%。"
PLAN = "城镇调查失业率控制在5%以内。"


def _report() -> object:
    text = REVIEW + PLAN
    return make_doc(text, "r2024", sections=[("review", 0, len(REVIEW)), ("plan", len(REVIEW), len(text))])


def test_threshold_flags_value_above_max_in_review_only() -> None:
    scope = {"documents": {"section": "review"}}
    rule = _rule(scope=scope, metric="城镇调查失业率", unit="%", max=5)
    findings = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
    got = [(f.status, f.actual, f.expected, f.passed) for f in findings]
    assert got == [("fail", "5.6%", "<= 5%", False)]
    f = findings[0]
    assert (f.document, f.line, f.column) == ("r2024.txt", 1, 1)
    assert f.message == "城镇调查失业率 5.6% <= 5%"
    assert f.evidence[0].text == "城镇调查失业率5.6%"


def test_threshold_plan_ceiling_passes_and_missing_metric_is_reported() -> None:
    rule = _rule(scope={"documents": {"section": "plan"}}, metric="城镇调查失业率", max=5)
    (f,) = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
    assert (f.status, f.passed) == ("pass", True)
    rule = _rule(scope={"documents": {"section": "plan"}}, metric="一般公共预算收入", max=5)
    f, meta = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
    assert (f.status, f.severity, f.passed) == ("not_found", "info", False)
    # the metric occurs in no document: the rule itself is reported (it could never fire)
    assert (meta.rule, meta.level, meta.data["checked_rule"]) == ("rule-never-matched", "warning", rule.id)


def test_required_mention_reports_each_missing_target() -> None:
    rule = _rule("required_mention", scope={"documents": {"section": "review"}}, message="{target}: {status}",
                 targets={"城镇调查失业率": [], "一般公共预算收入": ["财政收入"], "居民消费价格": ["CPI"]})
    findings = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
    assert [(f.metric, f.status) for f in findings] == [
        ("城镇调查失业率", "stated"), ("一般公共预算收入", "missing"), ("居民消费价格", "stated")]
    assert findings[1].message == "一般公共预算收入: missing"


def test_scope_selects_by_kind_year_id_path_and_section() -> None:
    docs = [make_doc(REVIEW, "a", year=2022, sections=[("review", 0, 10)]),
            make_doc(REVIEW, "b", kind="summary", year=2024, path="press/b.md"),
            make_doc(REVIEW, "c", year=2024)]
    def picked(selector: dict) -> list[str]:
        rule = _rule(scope={"documents": selector}, metric="城镇调查失业率", max=9)
        return sorted({f.document for f in run_rules(corpus(*docs), [rule], extractor=fake_mentions)
                       if f.status != "no_documents"})
    assert picked({}) == ["a.txt", "c.txt", "press/b.md"]
    assert picked({"kind": "report"}) == ["a.txt", "c.txt"]
    assert picked({"year": "2023..2024"}) == ["c.txt", "press/b.md"]
    assert picked({"id": ["a", "b*"]}) == ["a.txt", "press/b.md"]
    assert picked({"path": "press/*"}) == ["press/b.md"]
    assert picked({"section": "review"}) == ["a.txt"]
    assert picked({"kind": "highlights"}) == []


def test_scope_that_selects_nothing_is_reported() -> None:
    rule = _rule(scope={"documents": {"kind": "highlights"}}, metric="x", max=1)
    (f,) = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
    assert (f.status, f.severity, f.passed, f.rule) == ("no_documents", "info", False, rule.id)
    assert "没有选中任何文档" in f.message and "kind=highlights" in f.message  # the default language
    from checker import i18n

    try:
        i18n.set_lang("en")
        (f,) = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
        assert "selected no document" in f.message and "kind=highlights" in f.message
    finally:
        i18n.set_lang(None)


def test_rule_that_raises_becomes_an_error_finding(phrase_kind) -> None:  # noqa: F811
    rule = Rule(id="exploding", kind="phrase", severity="info", description="d", message="{phrase}",
                params={"phrases": ["失业率"], "explode": True})
    other = _rule(metric="城镇调查失业率", max=9)
    findings = run_rules(corpus(_report()), [rule, other], extractor=fake_mentions)
    errors = [f for f in findings if f.status == "error"]
    assert len(errors) == 1
    assert errors[0].rule == "exploding" and errors[0].severity == "error" and not errors[0].passed
    assert "出错：「RuntimeError: boom」" in errors[0].message and "exploding" in errors[0].message
    assert any(f.rule == other.id for f in findings), "the next rule still runs"
    found = [f.status for f in findings if f.rule == "exploding"]
    assert found == ["found", "found", "error"], "findings yielded before the raise are kept"


def _pair_kind(calls: list) -> KindSpec:
    def check(ctx: RuleContext):
        calls.append({slot: [d.id for d in docs] for slot, docs in ctx.slots.items()})
        return [ctx.finding("pass", ctx.document("plan"))]
    return KindSpec(name="pair", summary="", check=check, slots=("plan", "review"))


def test_relations_and_relative_years_bind_the_second_slot(monkeypatch) -> None:
    from checker.kinds import REGISTRY

    calls: list = []
    monkeypatch.setitem(REGISTRY, "pair", _pair_kind(calls))
    docs = [make_doc(PLAN, "r2021", year=2021), make_doc(PLAN, "r2022", year=2022, reviews="r2021"),
            make_doc(PLAN, "r2023", year=2023), make_doc(PLAN, "s2022", kind="summary", year=2022,
                                                        retells="r2022")]
    rule = Rule(id="pairs", kind="pair", severity="warning", description="d", message="m",
                scope={"plan": {"kind": "report"}, "review": {"relation": "reviews"}})
    findings = run_rules(corpus(*docs), [rule])
    assert calls == [{"plan": ["r2021"], "review": ["r2022"]}]
    missing = [f for f in findings if f.status == "no_documents"]
    assert [f.document for f in missing] == ["r2022.txt", "r2023.txt"]
    assert all("'review'" in f.message for f in missing)
    calls.clear()
    rule.scope = {"plan": {"kind": "report"}, "review": {"kind": "report", "year": "plan+1"}}
    run_rules(corpus(*docs), [rule])
    assert calls == [{"plan": ["r2021"], "review": ["r2022"]}, {"plan": ["r2022"], "review": ["r2023"]}]
    calls.clear()
    rule.scope = {"plan": {"kind": "summary"}, "review": {"relation": "retells"}}
    run_rules(corpus(*docs), [rule])
    assert calls == [{"plan": ["s2022"], "review": ["r2022"]}]


def test_batch_kind_gets_every_document_at_once(monkeypatch) -> None:
    from dataclasses import replace

    from checker.kinds import REGISTRY

    calls: list = []
    monkeypatch.setitem(REGISTRY, "pair", replace(_pair_kind(calls), per_document=False))
    docs = [make_doc(PLAN, "r2021", year=2021), make_doc(PLAN, "r2022", year=2022, reviews="r2021")]
    rule = Rule(id="pairs", kind="pair", severity="warning", description="d", message="m",
                scope={"plan": {}, "review": {"year": "plan+1"}})
    run_rules(corpus(*docs), [rule])
    assert calls == [{"plan": ["r2021", "r2022"], "review": ["r2022"]}]


def test_fingerprint_ignores_layout_but_not_text(phrase_kind) -> None:  # noqa: F811
    rule = Rule(id="p", kind="phrase", severity="warning", description="d", message="{phrase}",
                params={"phrases": ["调查失业率"], "explode": False})
    one = make_doc("城镇调查失业率5.6%。", "r")
    wrapped = make_doc("城镇调\n查失业 率5.6%。", "r")
    fp = lambda d: [f.fingerprint for f in run_rules(corpus(d), [rule]) if f.status == "found"]  # noqa: E731
    assert fp(one) == fp(wrapped)
    assert fp(one) != fp(make_doc("城镇调查失业率5.6%。", "other-doc"))
    limit = _rule(metric="城镇调查失业率", max=5)
    value = lambda d: [f.fingerprint for f in run_rules(corpus(d), [limit], extractor=fake_mentions)]  # noqa: E731
    assert value(one) != value(make_doc("城镇调查失业率5.8%。", "r"))


def test_example_documents_get_the_scope_role_kind_and_year(tmp_path: Path, phrase_kind) -> None:  # noqa: F811
    from checker.engine import example_corpus

    (tmp_path / "r.yaml").write_text(
        "id: ex\nkind: phrase\nseverity: info\ndescription: d\nmessage: m\nparams: {phrases: [失业]}\n"
        "scope: {documents: {kind: summary, section: plan, year: 2023}}\n"
        "examples:\n  fail: [失业率]\n  pass: [{text: 就业, year: 2020}]\n", encoding="utf-8")
    (rule,) = load_rules(tmp_path)
    fail, ok = (example_corpus(rule, e).documents[0] for e in rule.examples)
    assert (fail.meta.kind, fail.meta.year, [s.role for s in fail.sections]) == ("summary", 2023, ["plan"])
    assert ok.meta.year == 2020


def test_python_api_returns_a_dataframe_from_the_real_pipeline() -> None:
    import checker
    from checker.engine import SimpleCorpus, document_from_text
    from checker.model import DocMeta

    text = "一、2023年工作回顾\n城镇调查失业率5.6%。\n二、2024年重点任务\n地区生产总值增长5%左右。\n"
    doc = document_from_text(text, DocMeta(id="r", kind="report", year=2024), name="r.txt")
    frame = checker.run(SimpleCorpus([doc]), checker.load_rules(ROOT / "rules" / "core"))
    rows = frame[frame.rule == "unemployment-above-ceiling"][["status", "actual", "line"]].values.tolist()
    assert rows == [["fail", "5.6%", 2]]
    missing = frame[(frame.rule == "plan-states-main-targets") & (frame.status == "missing")].metric.tolist()
    assert missing == ["一般公共预算收入", "城镇调查失业率", "居民消费价格"]


def test_example_years_follow_relations_and_review_sections(tmp_path: Path, monkeypatch) -> None:
    from checker.engine import example_corpus
    from checker.kinds import REGISTRY

    monkeypatch.setitem(REGISTRY, "pair", _pair_kind([]))
    (tmp_path / "r.yaml").write_text(
        "id: ex\nkind: pair\nseverity: info\ndescription: d\nmessage: m\n"
        "scope: {plan: {section: plan}, review: {relation: reviews, section: review}}\n"
        "examples:\n  fail: [{plan: 新增5G基站6000个。, review: 新增造林绿化16万亩。}]\n"
        "  pass: [{plan: {text: 新增2万个学位。, year: 2021}, review: 新增学位2.8万个。}]\n",
        encoding="utf-8")
    (rule,) = load_rules(tmp_path)
    for example, plan_year in zip(rule.examples, (2024, 2021), strict=True):
        plan, review = example_corpus(rule, example).documents
        assert (plan.meta.year, review.meta.year, review.meta.reviews) == (plan_year, plan_year + 1, plan.id)
        assert [(s.role, s.year) for s in plan.sections] == [("plan", plan_year)]
        # the review section covers the plan's year
        assert [(s.role, s.year) for s in review.sections] == [("review", plan_year)]


def test_message_placeholders_prefer_kind_data_then_finding_then_params() -> None:
    rule = _rule(scope={"documents": {"section": "review"}}, message="{metric}|{year}|{unit}|{max}",
                 metric="失业率", max=5)
    (f,) = run_rules(corpus(_report()), [rule], extractor=fake_mentions)
    # metric: the finding's (not the param's); year: the document's; unit: the kind's data; max: param
    assert f.message == "城镇调查失业率|2024|%|5"


def test_kind_data_overrides_common_placeholders(monkeypatch) -> None:
    from checker.kinds import REGISTRY

    spec = KindSpec(name="yearly", summary="", placeholders=frozenset({"year"}),
                    check=lambda ctx: [ctx.finding("pass", ctx.document(), data={"year": 2023})])
    monkeypatch.setitem(REGISTRY, "yearly", spec)
    rule = Rule(id="y", kind="yearly", severity="info", description="d", message="{year}/{document}")
    (f,) = run_rules(corpus(_report()), [rule])
    assert f.message == "2023/r2024"


def test_repeated_findings_get_numbered_fingerprints() -> None:
    from checker.waivers import covers

    text = "城镇调查失业率5.6%。城镇调查失业率5.6%。"
    rule = _rule(metric="城镇调查失业率", max=5)
    first, second = run_rules(corpus(make_doc(text, "r")), [rule], extractor=fake_mentions)
    assert second.fingerprint == first.fingerprint + "#2"
    prefix = first.fingerprint[:10]
    assert covers(prefix, first.fingerprint) and not covers(prefix, second.fingerprint)
    assert covers(first.fingerprint[:10] + "#2", second.fingerprint)
