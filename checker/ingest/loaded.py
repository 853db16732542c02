"""What a format loader hands to ``read``: source text, raw text and the map between them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Loaded:
    """``source``: the text that line:column refer to; ``raw``: the extracted text to normalise.

    ``raw_origin[i]`` is the offset in ``source`` of ``raw[i]`` (with one trailing entry);
    ``None`` when ``raw`` is ``source`` itself.
    """

    source: str
    raw: str
    format: str
    encoding: str
    raw_origin: list[int] | None = None
    page_starts: list[int] = field(default_factory=list)
