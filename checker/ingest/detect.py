"""Sniff what a file is (by its bytes, not its name) and decode text with the right encoding.

Chinese documents come as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK (older
Windows tools, many government sites); Big5 for traditional-script texts. The order of trust:
BOM, then strict UTF-8 (random bytes almost never pass it), then strict GB18030 / Big5 trials,
with charset-normalizer to choose when more than one decodes.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import InputError
from checker.i18n import Msg

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_BINARY = Msg("reason.binary")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def sniff(data: bytes, path: Path) -> str:
    """The container format: ``pdf``, ``docx`` or ``text`` (raises for other binaries)."""
    at = data.find(b"%PDF-", 0, 1024)  # the spec allows junk before the header
    if at == 0 or (at > 0 and b"endobj" in data):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/document.xml" in data:
            return "docx"
        raise InputError(path, Msg("reason.zip"))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, Msg("reason.legacy_doc"))
    return "text"


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII-heavy UTF-16 without a BOM)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\s]")


def _utf16_plausible(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes decode to Chinese text that way (no BOM needed).

    GB18030 bytes read as UTF-16 land outside the CJK block (B0A1 → U+A1B0), so a text that is
    90 % CJK, punctuation and ASCII in one byte order is UTF-16 in that order.
    """
    if len(data) % 2 or len(data) < 4:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        text = _strict(data[:8192], enc) or ""
        chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
        if chinese and len(_CJK.findall(text)) >= 0.9 * len(text):
            return enc
    return None


def _utf8_cut_short(data: bytes, path: Path) -> str | None:
    """UTF-8 whose last character was cut off (a truncated download): the rest, with a warning."""
    import warnings

    from checker.errors import InputWarning

    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason != "unexpected end of data" or error.start < len(data) - 3:
            return None
        text = _strict(data[:error.start], "utf-8")
        if text is None:
            return None
        warnings.warn(InputWarning(Msg("warning.cut_off", path=str(path))), stacklevel=2)
        return text
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. Raises ``InputError`` for binary/undecodable bytes."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is None:
                raise InputError(path, Msg("reason.bad_bom", encoding=enc))
            return text.lstrip("\ufeff"), "utf-8" if enc == "utf-8-sig" else enc
    if b"\x00" in data:
        enc16 = _utf16_without_bom(data) or _utf16_plausible(data)
        text = _strict(data, enc16) if enc16 else None
        if text is None or _CONTROL.search(text[:4096]):
            raise InputError(path, _BINARY)
        return text, enc16 or "utf-16"
    text = _strict(data, "utf-8")
    if text is not None:
        return _check_text(text, path), "utf-8"
    text = _utf8_cut_short(data, path)
    if text is not None:
        return _check_text(text, path), "utf-8"
    enc16 = _utf16_plausible(data)
    if enc16:  # Chinese UTF-16 without a BOM and without newlines has no NUL byte
        return _check_text(data.decode(enc16), path), enc16
    candidates = {enc: t for enc in ("gb18030", "big5") if (t := _strict(data, enc)) is not None}
    if not candidates:
        raise InputError(path, Msg("reason.undecodable"))
    enc = _choose(data, candidates) if len(candidates) > 1 else next(iter(candidates))
    return _check_text(candidates[enc], path), enc


def _choose(data: bytes, candidates: dict[str, str]) -> str:
    """Pick between encodings that all decode strictly: the one charset-normalizer finds least
    chaotic, GB18030 on a tie (short texts decode cleanly both ways; mainland texts are the norm)."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, cp_isolation=list(candidates)) if m.encoding in candidates]
    if not matches:
        return "gb18030" if "gb18030" in candidates else next(iter(candidates))
    best = min((m.chaos, -m.coherence) for m in matches)
    tied = {m.encoding for m in matches if (m.chaos, -m.coherence) == best}
    return "gb18030" if "gb18030" in tied else sorted(tied)[0]


def _check_text(text: str, path: Path) -> str:
    """Refuse decoded "text" that is mostly control characters (a binary that happened to decode)."""
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise InputError(path, _BINARY)
    return text


def looks_like_html(text: str, path: Path) -> bool:
    """HTML by content: a doctype/html/head/body tag near the start (or an .html name with tags)."""
    head = text[:4096]
    if _HTML.search(head):
        return True
    return path.suffix.lower() in {".html", ".htm", ".xhtml"} and "<" in head and ">" in head
