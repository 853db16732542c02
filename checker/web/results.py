"""Results kept for a short while so that their page can be shown again (another language) and
downloaded: each under a random token only its visitor holds, in a bounded store.

Nothing else is kept between requests: two visitors never see or change each other's results.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from checker.findings import Finding

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


@dataclass
class Result:
    """One comparison or goal table: findings, the texts shown and what the page needs."""

    kind: str                               # compare | goals
    findings: list[Finding]
    names: dict[str, str] = field(default_factory=dict)   # role → label (summary, full, plan, review)
    texts: dict[str, str] = field(default_factory=dict)   # document path → normalised text
    extra: dict[str, Any] = field(default_factory=dict)   # aligned / sentences / multi_year …


class ResultStore:
    """At most ``size`` results, the oldest dropped first."""

    def __init__(self, size: int = 200) -> None:
        self.size = size
        self._items: OrderedDict[str, Result] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, result: Result) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._items[token] = result
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Result | None:
        if not TOKEN.match(token):
            return None
        with self._lock:
            return self._items.get(token)
