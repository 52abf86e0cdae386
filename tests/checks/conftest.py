"""Fixtures of the checks tests: the 教育局 editor and reviewer of the HTTP tests."""

from tests.http.conftest import editor, reviewer  # noqa: F401
