"""Hostile input through the command line, one class per row: each must end with the expected exit
code and one clear line on stderr, no traceback, nothing changed outside the named outputs and no
temporary file left behind.

Every case runs ``checker`` in a subprocess (with ``timeout=``: a hang fails the test, it does not
block the suite) in a fresh folder holding a small corpus: ``doc.txt``, ``corpus.yaml`` and one
rule under ``rules/``. A case's ``setup`` adds what it needs; the folder is snapshotted (type, size,
content) before and after the run.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import signal
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHECKER = [sys.executable, "-m", "checker"]
TIMEOUT = 60  # seconds: a case that hangs fails here instead of blocking the suite

DOC = "各位代表：\n一、2023年工作回顾\n城镇调查失业率5.6%。\n二、2024年工作安排\n城镇调查失业率5.5%左右。\n"
MANIFEST = "documents:\n  - {id: doc, path: doc.txt, kind: report, year: 2024}\n"
RULE = """id: jobless
kind: threshold
severity: warning
description: Unemployment stays under the ceiling.
params: {metric: 城镇调查失业率, unit: "%", max: 5}
message: "{metric} {actual}"
examples:
  fail: ["城镇调查失业率5.6%。"]
  pass: ["城镇调查失业率4.4%。"]
"""


@dataclass
class Case:
    name: str
    args: list[str]
    code: int | tuple[int, ...]
    needle: str  # a part of the one stderr line (or of stdout when ``in_stdout``)
    setup: Callable[[Path], None] | None = None
    outputs: list[str] = field(default_factory=list)  # files the run may create or change
    check: Callable[[Path, str], None] | None = None  # more about the result (folder, stdout)
    stdout: str | None = None  # a file to send stdout to (e.g. /dev/full)
    in_stdout: bool = False
    stderr_lines: int = 1


# ----------------------------------------------------------------------------- setups

def write(name: str, text: str | bytes) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return make


def fifo(name: str) -> Callable[[Path], None]:
    return lambda d: os.mkfifo(d / name)


def symlink(name: str, to: str) -> Callable[[Path], None]:
    return lambda d: os.symlink(to, d / name)


def both(*makers: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        for m in makers:
            m(d)
    return make


def docx(xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def corrupt_docx() -> bytes:
    data = bytearray(docx(b"<w:document>" + "城镇调查失业率".encode() * 2000 + b"</w:document>"))
    at = data.find(b"word/document.xml", 40) + 40
    data[at:at + 200] = b"\xff" * 200  # the deflate stream of the entry, broken
    return bytes(data)


def aes_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    source = Path(__file__).parent / "fixtures" / "docs"
    pdf = next(p for p in sorted(source.glob("*.pdf")))
    writer = PdfWriter()
    for page in PdfReader(pdf).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# ----------------------------------------------------------------------------- extra checks

def still_char_device(name: str) -> Callable[[Path, str], None]:
    def check(d: Path, _out: str) -> None:
        assert stat.S_ISCHR(os.stat(name).st_mode)
    return check


def link_kept(link: str, target: str) -> Callable[[Path, str], None]:
    def check(d: Path, _out: str) -> None:
        assert (d / link).is_symlink(), "the symlink was replaced by a file"
        assert (d / target).read_text(encoding="utf-8").startswith("{")
    return check


def is_fifo(name: str) -> Callable[[Path, str], None]:
    return lambda d, _out: (lambda m: (_ for _ in ()).throw(AssertionError("not a FIFO any more"))
                            if not stat.S_ISFIFO(m) else None)(os.lstat(d / name).st_mode)


def stdout_has(*parts: str, absent: tuple[str, ...] = ()) -> Callable[[Path, str], None]:
    def check(_d: Path, out: str) -> None:
        for p in parts:
            assert p in out, out[:500]
        for p in absent:
            assert p not in out, out[:500]
    return check


RUN = ["run", "corpus.yaml", "--rules", "rules", "--fail-on", "never"]
ESCAPED = "e\x1b]0;pwned\x07\x1b[31m.txt"  # a file name that sets the terminal's title and colour
DIGITS = "城镇调查失业率" + "9" * 16000 + "%。\n"

CASES = [
    # --- documents that are no regular file, or too big
    Case("document is a FIFO", ["run", "pipe.txt", "--rules", "rules"], 2, "pipe.txt: is a FIFO",
         fifo("pipe.txt")),
    Case("document is /dev/zero", ["run", "/dev/zero", "--rules", "rules"], 2,
         "/dev/zero: is a character device"),
    Case("document is a symlink loop", ["run", "loop.txt", "--rules", "rules"], 2,
         "loop.txt: a symlink loop", symlink("loop.txt", "loop.txt")),
    Case("document is a dangling symlink", ["extract", "gone.txt"], 2, "gone.txt: no such file (a symlink",
         symlink("gone.txt", "missing.txt")),
    Case("document over --max-document-size", ["extract", "big.txt", "--max-document-size", "1k"], 2,
         "big.txt: larger than the 1 kB limit for a document; raise it with --max-document-size",
         write("big.txt", DOC * 40)),
    Case("bad --max-document-size", ["extract", "doc.txt", "--max-document-size", "lots"], 2,
         "--max-document-size lots: give a size"),
    Case("DOCX inflating past the limit", ["extract", "bomb.docx", "--max-document-size", "64k"], 2,
         "bomb.docx: word/document.xml inflates past",
         write("bomb.docx", docx(b"<w:document>" + b" " * 2_000_000 + b"</w:document>"))),
    Case("DOCX with a broken entry", ["extract", "broken.docx"], 2, "broken.docx: cannot read .docx",
         write("broken.docx", corrupt_docx())),
    Case("DOCX declaring entities", ["extract", "lol.docx"], 2, "declares entities",
         write("lol.docx", docx(b'<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>'))),
    # --- encodings
    Case("UTF-16 without a BOM", ["extract", "u16.txt", "--format", "csv"], 0, "5.6",
         write("u16.txt", DOC.encode("utf-16-le")), in_stdout=True, stderr_lines=0),
    Case("truncated last UTF-8 character", ["extract", "cut.txt", "--format", "csv"], 0,
         "cut.txt: the last character is cut off", write("cut.txt", (DOC + "城").encode()[:-1])),
    Case("AES-encrypted PDF, empty password", ["extract", "aes.pdf", "--format", "csv"], 0, ",",
         write("aes.pdf", aes_pdf()), in_stdout=True, stderr_lines=0),
    # --- manifests
    Case("manifest is a FIFO", ["run", "m.yaml", "--rules", "rules"], 2, "m.yaml: is a FIFO", fifo("m.yaml")),
    Case("manifest path out of its folder", ["run", "sub/corpus.yaml", "--rules", "rules"], 2,
         "sub/corpus.yaml:2: path '../doc.txt' is outside the manifest's folder",
         write("sub/corpus.yaml", "documents:\n  - {id: d, path: ../doc.txt}\n")),
    Case("manifest path out, --allow-outside", ["run", "sub/corpus.yaml", "--rules", "rules",
                                                "--allow-outside", "--fail-on", "never", "-f", "json"],
         0, '"findings"', write("sub/corpus.yaml", "documents:\n  - {id: d, path: ../doc.txt}\n"),
         in_stdout=True, stderr_lines=0),
    Case("manifest naming /etc/passwd", ["run", "m.yaml", "--rules", "rules"], 2, "outside the manifest's",
         write("m.yaml", "documents:\n  - {id: d, path: /etc/passwd}\n")),
    Case("manifest symlink out of its folder", ["run", "sub/corpus.yaml", "--rules", "rules"], 2,
         "is outside the manifest's folder",
         both(write("sub/corpus.yaml", "documents:\n  - {id: d, path: link.txt}\n"),
              symlink("sub/link.txt", "../doc.txt"))),
    Case("manifest with a Python tag", ["run", "m.yaml", "--rules", "rules"], 2,
         "m.yaml:2:10: the tag !!python/object/apply:os.system is not allowed",
         write("m.yaml", "documents:\n  - {id: !!python/object/apply:os.system [echo], path: doc.txt}\n")),
    Case("manifest nested 10000 deep", ["run", "m.yaml", "--rules", "rules"], 2,
         "m.yaml:1:75: nested more than 64 levels deep", write("m.yaml", "documents: " + nested(10000))),
    Case("manifest relation loop", ["run", "m.yaml", "--rules", "rules"], 2, "retells loops: a → b → a",
         both(write("b.txt", DOC), write("m.yaml", "documents:\n  - {id: a, path: doc.txt, retells: b}\n"
                                                 "  - {id: b, path: b.txt, retells: a}\n"))),
    Case("manifest naming a FIFO", ["run", "m.yaml", "--rules", "rules"], 2,
         "m.yaml:2: path 'pipe.txt' is a FIFO (named pipe), not a regular file",
         both(fifo("pipe.txt"), write("m.yaml", "documents:\n  - {id: d, path: pipe.txt}\n"))),
    Case("manifest id given as a list", ["run", "m.yaml", "--rules", "rules"], 2,
         "m.yaml:2: id: expected text, got a list",
         write("m.yaml", "documents:\n  - {id: [a], path: doc.txt}\n")),
    # --- rules
    Case("rule pattern that needs backtracking", ["rules", "validate", "bad"], 2,
         "bad/r.yaml:5:19: params.pattern: bad regular expression: invalid perl operator: (?=",
         write("bad/r.yaml", RULE.replace("metric: 城镇调查失业率", "pattern: \"(?=失业)率\"")),
         stderr_lines=4),
    Case("rule pattern (a+)+$ on 40k of a", ["run", "long.txt", "--rules", "slow", "--fail-on", "never"],
         0, "", both(write("slow/r.yaml", RULE.replace("metric: 城镇调查失业率", "pattern: \"^(a+)+$\"")),
                     write("long.txt", "二、2024年工作安排\n" + "a" * 40000 + "b增长5%。\n")),
         stderr_lines=0),
    Case("template with a format spec", ["rules", "validate", "bad"], 2,
         "bad/r.yaml:6:20: message: {actual:>999999999}: only plain {name} fields",
         write("bad/r.yaml", RULE.replace("{metric} {actual}", "{metric} {actual:>999999999}")),
         stderr_lines=4),
    Case("rule file with a custom tag", ["rules", "validate", "bad"], 2,
         "bad/r.yaml:4:14: bad YAML: the tag !custom is not allowed",
         write("bad/r.yaml", RULE.replace("description: ", "description: !custom ")), stderr_lines=5),
    Case("rule file that is a FIFO", ["rules", "validate", "bad"], 2, "bad/r.yaml:1:1: is a FIFO",
         both(lambda d: (d / "bad").mkdir(), fifo("bad/r.yaml")), stderr_lines=2),
    # --- waivers and baselines
    Case("waivers file is a FIFO", [*RUN, "--waivers", "w.yaml"], 2, "w.yaml: is a FIFO", fifo("w.yaml")),
    Case("waiver expiring on 2024-13-45", [*RUN, "--waivers", "w.yaml"], 2,
         "waivers[0].expires: '2024-13-45' is not a date",
         write("w.yaml", "- {rule: jobless, fingerprint: abcdef12, reason: known, expires: 2024-13-45}\n"),
         stderr_lines=3),
    Case("baseline of another tool", [*RUN, "--baseline", "b.json"], 2, "a baseline of another tool ('ruff')",
         write("b.json", '{"tool": "ruff", "version": 1, "findings": []}')),
    Case("baseline nested 10000 deep", [*RUN, "--baseline", "b.json"], 2, "b.json:1:65: nested more than 64",
         write("b.json", nested(10000))),
    Case("baseline is /dev/zero", [*RUN, "--baseline", "/dev/zero"], 2, "/dev/zero: is a character device"),
    # --- outputs
    Case("output to /dev/null", [*RUN, "-o", "json:/dev/null"], 0, "", check=still_char_device("/dev/null"),
         stderr_lines=0),
    Case("output to a FIFO with no reader", [*RUN, "-o", "json:out.fifo"], 2,
         "out.fifo: cannot write: a FIFO with no reader", fifo("out.fifo"), check=is_fifo("out.fifo")),
    Case("output through a symlink", [*RUN, "-o", "json:link.json"], 0, "", symlink("link.json", "real.json"),
         outputs=["real.json"], check=link_kept("link.json", "real.json"), stderr_lines=0),
    Case("one file named twice by two paths", [*RUN, "-o", "json:a.json", "-o", "sarif:link.sarif"], 2,
         "link.sarif: the same file as a.json is named twice",
         both(write("a.json", "{}"), symlink("link.sarif", "a.json"))),
    Case("second output into a missing folder", [*RUN, "-o", "json:ok.json", "-o", "csv:nope/out.csv"], 2,
         "nope/out.csv: cannot write: folder nope does not exist"),
    Case("--write-baseline into a missing folder", [*RUN, "-o", "json:ok.json", "--write-baseline",
                                                    "nope/base.json"], 2,
         "nope/base.json: cannot write: folder nope does not exist"),
    Case("output onto a directory", [*RUN, "-o", "json:adir"], 2, "adir: cannot write: is a directory",
         lambda d: (d / "adir").mkdir()),
    Case("stdout on a full device", ["run", "corpus.yaml", "--rules", "rules", "--fail-on", "never"], 2,
         "cannot write to stdout: no space left on the device", stdout="/dev/full"),
    # --- text made safe, time bombs
    Case("Markdown output escapes HTML",
         ["run", "h.txt", "--rules", "rules", "-f", "md", "--fail-on", "never"], 0, "&lt;script&gt;",
         write("h.txt", "二、2024年工作安排\n城镇调查失业率<script>x</script>5.6%。\n"),
         in_stdout=True, check=stdout_has(absent=("<script>",)), stderr_lines=0),
    Case("table output replaces escape sequences", ["run", ESCAPED, "--rules", "rules", "--fail-on", "never"],
         0, "", write(ESCAPED, "二、2024年工作安排\n城镇调查失业率5.6%。\n"),
         check=stdout_has("e\ufffd]0;pwned", absent=("\x1b", "\x07")), stderr_lines=0),
    Case("16 kB of digits after a metric", ["extract", "d.txt", "--format", "csv"], 0, "",
         write("d.txt", DIGITS), stderr_lines=0),
    Case("numeral beyond a float", ["extract", "n.txt", "--format", "csv"], 0, "",
         write("n.txt", "城镇调查失业率十亿" + "兆" * 500 + "元。\n"), stderr_lines=0),
]


# The same refusals in Chinese, the default language (the cases above run with --lang en): each
# says the same thing with the same file, line and quoted value, in Chinese.
ZH = {
    "document is a FIFO": "pipe.txt: 是一个命名管道（FIFO），不是普通的文档文件",
    "document is /dev/zero": "/dev/zero: 是一个字符设备，不是普通的文档文件",
    "document is a symlink loop": "loop.txt: 符号链接循环（链接指回自身）",
    "document is a dangling symlink": "gone.txt: 文件不存在（符号链接指向的文件不存在）",
    "document over --max-document-size":
        "big.txt: 超过文档文件 1 kB 的上限；可用 --max-document-size 提高上限",
    "bad --max-document-size": "--max-document-size lots: 请给出 64M、500k 或 1000000 这样的大小",
    "DOCX inflating past the limit": "bomb.docx: word/document.xml 解压后超过 64 kB 的文档上限",
    "DOCX with a broken entry": "broken.docx: 无法读取 .docx（",
    "DOCX declaring entities": "lol.docx: 无法读取 .docx（其 XML 声明了实体，Word 从不这样写）",
    "truncated last UTF-8 character":
        "checker: 警告: cut.txt: 最后一个字符不完整（UTF-8 被截断），已去掉它再读取",
    "manifest is a FIFO": "m.yaml: 是一个命名管道（FIFO），不是普通的语料清单文件",
    "manifest path out of its folder": "sub/corpus.yaml:2: 路径 '../doc.txt' 在语料清单所在文件夹 sub 之外",
    "manifest naming /etc/passwd": "m.yaml:2: 路径 '/etc/passwd' 在语料清单所在文件夹 . 之外",
    "manifest symlink out of its folder": "sub/corpus.yaml:2: 路径 'link.txt' 在语料清单所在文件夹 sub 之外",
    "manifest with a Python tag": "m.yaml:2:10: 不允许使用标签 !!python/object/apply:os.system",
    "manifest nested 10000 deep": "m.yaml:1:75: 嵌套超过 64 层（请减少嵌套层次）",
    "manifest relation loop": "retells 形成循环：a → b → a",
    "manifest naming a FIFO": "m.yaml:2: 路径 'pipe.txt' 是一个命名管道（FIFO），不是普通文件",
    "manifest id given as a list": "m.yaml:2: id: 应为文字，实际是一个列表",
    "rule pattern that needs backtracking":
        "bad/r.yaml:5:19: params.pattern: 正则表达式有误: RE2 报错「invalid perl operator: (?=」",
    "template with a format spec": "bad/r.yaml:6:20: message: {actual:>999999999}: 只允许简单的 {name} 字段",
    "rule file with a custom tag": "bad/r.yaml:4:14: YAML 有误: 不允许使用标签 !custom",
    "rule file that is a FIFO": "bad/r.yaml:1:1: 是一个命名管道（FIFO），不是普通的规则文件",
    "waivers file is a FIFO": "w.yaml: 是一个命名管道（FIFO），不是普通的豁免文件",
    "waiver expiring on 2024-13-45": "waivers[0].expires: '2024-13-45' 不是日期（YYYY-MM-DD）",
    "baseline of another tool": "b.json: 是另一个工具（'ruff'）的基线，不是 checker 的",
    "baseline nested 10000 deep": "b.json:1:65: 嵌套超过 64 层",
    "baseline is /dev/zero": "/dev/zero: 是一个字符设备，不是普通的基线文件",
    "output to a FIFO with no reader": "out.fifo: 无法写入: 管道（FIFO）的另一端没有读取者",
    "one file named twice by two paths": "link.sarif: 与 a.json 是同一个文件，被两次指定为输出",
    "second output into a missing folder": "nope/out.csv: 无法写入: 文件夹 nope 不存在",
    "--write-baseline into a missing folder": "nope/base.json: 无法写入: 文件夹 nope 不存在",
    "output onto a directory": "adir: 无法写入: 它是一个文件夹",
    "stdout on a full device": "checker: 错误: 无法写入标准输出: 磁盘空间不足",
}
ASCII_WORD = re.compile(r"\b[a-z]{2,}\b")
OPTION = re.compile(r"--[a-z-]+")  # options are named as typed


# ----------------------------------------------------------------------------- the run

def snapshot(d: Path) -> dict[str, tuple]:
    out = {}
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            p = Path(root) / name
            st = os.lstat(p)
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else ""
            out[str(p.relative_to(d))] = (stat.S_IFMT(st.st_mode), digest,
                                          os.readlink(p) if stat.S_ISLNK(st.st_mode) else "")
    return out


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")  # jieba's caches, shared by the cases (not watched)


def run_checker(d: Path, args: list[str], cache: Path,
                stdout: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(Path(__file__).parents[1])}
    env.pop("CHECKER_DEBUG", None)
    env.pop("CHECKER_LANG", None)  # Chinese unless --lang en
    if stdout is None:
        return subprocess.run([*CHECKER, *args], cwd=d, env=env, capture_output=True, timeout=TIMEOUT,
                              text=True, encoding="utf-8", errors="replace")
    with open(stdout, "w") as sink:
        done = subprocess.run([*CHECKER, *args], cwd=d, env=env, stdout=sink, stderr=subprocess.PIPE,
                              timeout=TIMEOUT, text=True, encoding="utf-8", errors="replace")
    done.stdout = ""
    return done


LANG_CASES = [(c, "en") for c in CASES] + [(c, "zh") for c in CASES if c.name in ZH]


@pytest.mark.parametrize(("case", "lang"), LANG_CASES, ids=[f"{c.name}-{lang}" for c, lang in LANG_CASES])
def test_hostile_input(case: Case, lang: str, tmp_path: Path, cache_home: Path) -> None:
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "jobless.yaml").write_text(RULE, encoding="utf-8")
    if case.setup:
        case.setup(tmp_path)
    before = snapshot(tmp_path)
    args = ["--lang", "en", *case.args] if lang == "en" else case.args
    done = run_checker(tmp_path, args, cache_home, case.stdout)
    err = done.stderr
    codes = case.code if isinstance(case.code, tuple) else (case.code,)
    assert done.returncode in codes, err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert len(lines) == case.stderr_lines, err
    needle = case.needle if lang == "en" else ZH[case.name]
    assert needle in (done.stdout if case.in_stdout else err), (err, done.stdout[:300])
    if lang == "zh":  # in Chinese: no word of the English message but the file names and values it quotes
        english = set(ASCII_WORD.findall(case.needle)) - set(ASCII_WORD.findall(ZH[case.name]))
        said = "\n".join(line for line in lines if " | " not in line)  # not the rule file's line shown
        assert english and not english & set(ASCII_WORD.findall(OPTION.sub("", said))), (english, err)
    after = snapshot(tmp_path)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed <= set(case.outputs), f"changed outside the named outputs: {changed}"
    assert not [k for k in after if k.endswith(".tmp")], "a temporary file survived"
    if case.check:
        case.check(tmp_path, done.stdout)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc; 1 s where it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 1.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_mid_run_is_one_line_and_writes_nothing(signum, tmp_path: Path, cache_home: Path) -> None:
    seeds = Path(__file__).parents[1] / "seeds"
    for p in seeds.glob("beijing-*"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "corpus.yaml").write_bytes((seeds / "corpus.yaml").read_bytes())
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "jobless.yaml").write_text(RULE, encoding="utf-8")
    before = snapshot(tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(Path(__file__).parents[1])}
    proc = subprocess.Popen([*CHECKER, "run", "corpus.yaml", "--rules", "rules", "-o", "json:out.json"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # past start-up (0.1 s of CPU: the handlers are installed), well before the run ends (over 1 s):
    # counted in the process's own CPU time, which a busy machine does not stretch
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and _cpu_seconds(proc.pid) < 0.4 and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the run ended before the signal could be sent")
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    assert err.splitlines() == [f"checker: 已中断（{name}），没有写出任何输出"]
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_document_is_one_line(tmp_path: Path, cache_home: Path) -> None:
    doc = tmp_path / "secret.txt"
    doc.write_text(DOC, encoding="utf-8")
    doc.chmod(0)
    done = run_checker(tmp_path, ["--lang", "en", "extract", "secret.txt"], cache_home)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "checker: error: secret.txt: permission denied (the file is not readable)"]
    done = run_checker(tmp_path, ["extract", "secret.txt"], cache_home)
    assert done.stderr.splitlines() == ["checker: 错误: secret.txt: 没有权限（文件不可读）"]
