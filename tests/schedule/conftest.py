"""Schedule tests: no background scheduler; a second 教育局 editor and
reviewer — the fixtures of the lock tests."""

from tests.locks.conftest import (  # noqa: F401 (fixtures)
    app_settings,
    editor,
    editor2,
    reviewer,
    reviewer2,
    users,
)
