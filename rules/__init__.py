"""The built-in rule packs (one folder per pack), installed as ``checker.builtin_rules`` (see setup.py)."""
