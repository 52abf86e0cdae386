"""Fixtures of the hardening tests: the 教育局 editor and reviewer."""

from tests.http.conftest import editor, reviewer  # noqa: F401
