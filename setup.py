"""Packaging detail pyproject.toml cannot say: the top-level ``rules/`` folder (where the design
keeps the built-in rule packs, next to ``seeds/``) is installed as ``checker/builtin_rules/``, so an
installed checker runs its rules from any directory. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["checker*"]), "checker.builtin_rules"],
    package_dir={"checker.builtin_rules": "rules"},
)
