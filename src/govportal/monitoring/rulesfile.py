"""Reading and checking the YAML rules files that are loaded at start-up.

The update rules (:mod:`.freshness.rules`) and the self-check's items
(:mod:`govportal.selfcheck.rules`) are data files tuned by people; each
module keeps its own schema and builds its own objects, and uses this
module to read the file (:func:`read_yaml`) and to check values
(:class:`RulesFile`).  Every refusal is a
:class:`~pyramid.exceptions.ConfigurationError` naming the file and the key
at fault (in Chinese, for the people who edit the file), so the
application never starts with rules it would misread.
"""

from pathlib import Path

import yaml
from pyramid.exceptions import ConfigurationError


def read_yaml(path, label):
    """The YAML document at ``path``; ``label`` names the file in errors (e.g. 自查规则文件)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"无法读取{label} {path}：{exc}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"{label} {path} 不是有效的 YAML：{exc}") from exc


class RulesFile:
    """Checks of the values of one file: each returns the value or raises.

    ``where`` is the key at fault as the file's editor would find it, e.g.
    ``home.warn_days`` or ``overrides[2]``.
    """

    def __init__(self, label, path):
        self.label = label
        self.path = path

    def fail(self, where, message):
        raise ConfigurationError(f"{self.label} {self.path} 有误（{where}）：{message}")

    def integer(self, where, value, minimum=0):
        """An int (not a bool) of at least ``minimum``."""
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(where, f"应为不小于 {minimum} 的整数，而不是 {value!r}")
        return value

    def boolean(self, where, value):
        """``true`` or ``false``."""
        if not isinstance(value, bool):
            self.fail(where, f"应为 true 或 false，而不是 {value!r}")
        return value

    def mapping(self, where, value, *, allowed=None, required=()):
        """A mapping with every ``required`` key and (if given) no key beyond ``allowed``."""
        if not isinstance(value, dict):
            self.fail(where, "应为映射（键: 值）")
        if allowed is not None:
            unknown = set(value) - set(allowed)
            if unknown:
                self.fail(where, f"未知的键 {', '.join(sorted(map(str, unknown)))}")
        for key in required:
            if key not in value:
                self.fail(where, f"缺少 {key}")
        return value
