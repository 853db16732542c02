"""Every main command in both languages (issue 13): the Chinese output (the default) has no English
word outside identifiers, file names, options and what the documents say; the English output
(``--lang en``) has no Chinese outside quotes of the documents and of the rule files' own texts.

The commands run in this process on the seeds; each output is checked word by word, so a message
that slips out of the catalogue in one language fails here with the line that shows it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from test_engine_kit import run_cli

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_+.'-]*")
# typed as they are in any language: paths and file names, ids (bj-2021-report), options, key=value
# selectors, quoted keys and values, `code`, URLs
TYPED = re.compile(r"「[^」]*」|&[a-z]+;|https?://\S+|\S*/\S*|\S+\.(?:txt|md|yaml|json|csv|html|pdf|docx)\b|--?[a-z][a-z-]*"
                   r"|[A-Za-z0-9_]+=[^\s,)）]+|'[^']*'|`[^`]*`|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")
SEED_DOCS = [p for p in sorted(SEEDS.iterdir()) if p.suffix in (".txt", ".md")]
RULE_FILES = sorted((ROOT / "rules").rglob("*.yaml"))
COMMANDS = {
    "run": ["run", "seeds/corpus.yaml", "--format", "md", "--fail-on", "never"],
    "goals": ["goals", "seeds/beijing-2021-report.txt", "seeds/beijing-2022-report.txt"],
    "compare": ["compare", "seeds/beijing-2024-highlights.txt", "seeds/beijing-2024-report.txt"],
    "extract": ["extract", "seeds/beijing-2024-report.txt"],
    "rules list": ["rules", "list"],
    "rules validate": ["rules", "validate"],
    "rules explain": ["rules", "explain", "goal-met"],
}
# the one line CI runners read, the same in every language (`checker rules test`)
KEPT = {"checker", "fail-on", "ok", "FAIL", "passed", "failed", "true", "false", "null"}  # + values as typed


def _identifiers() -> set[str]:
    """Words of the rule and manifest format and the names checker's outputs use as data."""
    from checker.findings import SEVERITIES
    from checker.kinds import REGISTRY
    from checker.model import DOC_KINDS, ROLES
    from checker.ruleset import TOP_FIELDS
    from checker.scope import selector_schema

    words = set(TOP_FIELDS) | set(selector_schema()["properties"]) | set(SEVERITIES) | set(DOC_KINDS)
    words |= set(ROLES) | {"never", "reviews", "retells", "reviewed", "retold_by", "pass", "fail"}
    for kind in REGISTRY.values():
        words |= {kind.name, *kind.slots, *kind.statuses, *kind.params}
    from checker.ruleset import load_rules

    words |= {tag for rule in load_rules(ROOT / "rules") for tag in rule.tags}  # tags, as typed for --select
    return words


@functools.lru_cache(maxsize=1)
def catalogue_words() -> frozenset[str]:
    """The Chinese words of the catalogue itself (目标, 未报告 …): in English output they are a
    message that slipped through untranslated, even where the documents use the same word."""
    from checker.i18n import catalogue

    return frozenset(run for section in catalogue().values() for entry in section.values()
                     for run in HAN_RUN.findall(entry["zh"]))


# a word standing alone between spaces or brackets, not a unit or qualifier written onto a figure (3%左右)
ALONE = re.compile(r"(?:^|(?<=[\s(（「:：,，]))([\u3400-\u9fff]{2,})(?=$|[\s)）」:：,，])")


def _check_english(where: str, line: str, sources: str, words: bool = True) -> None:
    """``words``: also no catalogue word standing alone (not where columns or panes show the texts)."""
    for run in HAN_RUN.findall(line):
        assert run in sources, f"{where}: Chinese that quotes nothing: {run!r} in {line[:200]!r}"
    for word in ALONE.findall(line) if words else ():
        assert word not in catalogue_words(), f"{where}: a Chinese message word: {word!r} in {line[:200]!r}"


@pytest.fixture(scope="module")
def sources() -> str:
    """What may be quoted: the seeds as written and as read (normalised), and the rule files."""
    from checker.corpus import load_corpus

    texts = [p.read_text(encoding="utf-8") for p in SEED_DOCS + RULE_FILES]
    texts += [d.text for d in load_corpus(SEEDS / "corpus.yaml")]
    return "\n".join(texts)


def _output(name: str, lang: str, capsys, monkeypatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("CHECKER_LANG", raising=False)
    args = COMMANDS[name] if lang == "zh" else ["--lang", "en", *COMMANDS[name]]
    code, out, err = run_cli(args, capsys, monkeypatch)
    assert code == 0, err
    return out + err


@pytest.mark.parametrize("name", COMMANDS)
def test_english_output_has_no_chinese_but_quotes(name: str, sources: str, capsys, monkeypatch) -> None:
    text = _output(name, "en", capsys, monkeypatch)
    if name == "extract":  # its metric and key columns are data read from the text (增速 added to a metric)
        sources += "\n" + _keys()
    for line in text.splitlines():
        _check_english(f"{name} --lang en", line, sources, words=name not in ("extract", "rules explain"))


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_output_has_no_english_but_names(name: str, sources: str, capsys, monkeypatch) -> None:
    text = _output(name, "zh", capsys, monkeypatch)
    allowed = _identifiers() | KEPT | set(WORD.findall(_document_words(sources, name)))
    lines = text.splitlines()  # the built-in rules describe themselves in both languages too
    assert lines
    for line in lines:
        words = set(WORD.findall(TYPED.sub(" ", line))) - allowed
        assert not words, f"{name}: English in the Chinese output: {sorted(words)} in {line[:200]!r}"


@functools.lru_cache(maxsize=1)
def _keys() -> str:
    """The metric names and keys read from the seeds (data: shown as read, in any language)."""
    from checker.cli.extract import mention_rows
    from checker.mentions import extract_mentions
    from checker.pipeline import load_document

    rows = []
    for path in SEED_DOCS:
        doc = load_document(path)
        rows += [f"{r['metric']} {r['key']}" for r in mention_rows(doc, extract_mentions(doc))]
    return "\n".join(rows)


def _document_words(sources: str, name: str) -> str:
    """The seeds' own Latin words (GDP, CPI, 5G …) may be quoted."""
    return "\n".join(p.read_text(encoding="utf-8") for p in SEED_DOCS)


def test_every_command_of_the_cli_is_audited() -> None:
    from checker.cli import app

    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    audited = {n.split()[0] for n in COMMANDS}
    # serve is audited page by page in test_web_app; eval prints developer figures (measure names)
    assert names - audited == {"serve", "eval"}, names - audited
    assert Path(ROOT / "README.md").read_text(encoding="utf-8").count("--lang en") >= 2


# ----------------------------------------------------------------------------- the web page

def _page_text(html: str) -> list[str]:
    """The words a visitor reads: no script, style, tags or attributes; one line per element."""
    import html as entities

    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return [entities.unescape(part).strip() for part in re.split(r"<[^>]+>", html) if part.strip()]


@pytest.fixture(scope="module")
def pages() -> dict[tuple[str, str], str]:
    """Every page in both languages: the three forms, a compare result, a goals result, a figures
    chart, and refusals (an unknown document, an unreadable upload, a page that does not exist)."""
    from starlette.testclient import TestClient
    from webpage import settings

    from checker.web.app import create_app

    client = TestClient(create_app(settings()))
    highlights = (SEEDS / "beijing-2024-highlights.txt").read_text(encoding="utf-8")
    out = {}
    for lang in ("zh", "en"):
        result = client.post(f"/compare?lang={lang}", data={"summary_text": highlights,
                                                            "full_id": "bj-2024-report"})
        broken = client.post(f"/compare?lang={lang}", files={"summary_file": ("x.pdf", b"%PDF-1.4", "x/y")},
                             data={"full_id": "bj-2024-report"})
        assert broken.status_code == 400
        for name, response in {
            "compare": client.get(f"/compare?lang={lang}"), "goals": client.get(f"/goals?lang={lang}"),
            "figures": client.get(f"/figures?lang={lang}&metric=森林覆盖率"), "compare result": result,
            "goals result": client.get(f"/goals?lang={lang}&pair=北京|2021"), "unreadable upload": broken,
            "unknown document": client.post(f"/compare?lang={lang}", data={"summary_text": "新增3万个学位。",
                                                                            "full_id": "nope"}),
            "no such page": client.get(f"/nowhere?lang={lang}"),
        }.items():
            out[name, lang] = response.text
    return out


PAGES = ["compare", "goals", "figures", "compare result", "goals result", "unreadable upload",
         "unknown document", "no such page"]


@pytest.mark.parametrize("name", PAGES)
def test_english_page_has_no_chinese_but_quotes(name: str, pages: dict, sources: str) -> None:
    sources += "\n" + _keys()  # metric names read from the texts (the figures page lists them)
    for line in _page_text(pages[name, "en"]):
        if line == "中文":  # the switch names the other language in that language
            continue
        _check_english(f"{name} (en)", line, sources, words=name != "compare result")


@pytest.mark.parametrize("name", PAGES)
def test_chinese_page_has_no_english_but_names(name: str, pages: dict, sources: str) -> None:
    allowed = _identifiers() | KEPT | set(WORD.findall(_document_words(sources, "page")))
    allowed |= {"English", "CSV", "JSON", "HTML", "txt", "md", "html", "docx", "pdf", "PDF", "MB", "KB"}
    for line in _page_text(pages[name, "zh"]):
        words = set(WORD.findall(TYPED.sub(" ", line))) - allowed
        assert not words, f"{name}: English in the Chinese page: {sorted(words)} in {line[:200]!r}"


def test_the_same_refusal_reads_in_the_pages_language(pages: dict) -> None:
    """A document that cannot be read: the reason comes from the error's key, rendered per page."""
    assert "无法读取 x.pdf：" in pages["unreadable upload", "zh"]
    assert "Cannot read x.pdf: " in pages["unreadable upload", "en"]
