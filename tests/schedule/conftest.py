"""Schedule tests: a second 教育局 editor and reviewer — the fixtures of the
lock tests (tests/conftest.py keeps the background scheduler off)."""

from tests.locks.conftest import (  # noqa: F401 (fixtures)
    editor,
    editor2,
    reviewer,
    reviewer2,
    users,
)
