"""The self-check's items and weights (``etc/selfcheck.yaml``), checked at start-up.

The file is data: the single-veto items (B1–B6) with their titles, each
deduction (B8–B15) with its points per finding and its cap, which columns
B8/B9/B12 look at, and the service guide's key elements (B6) and element
types (B14).  :func:`parse` turns it into :class:`Rules` and refuses a bad
file with a :class:`~pyramid.exceptions.ConfigurationError` naming the key
at fault, so the application never starts with weights it would misread.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from pyramid.exceptions import ConfigurationError

from ..content.containers import COLUMN_KINDS
from ..settings import SOURCE_ROOT

SETTING = "govportal.selfcheck.rules_file"
DEFAULT_FILE = SOURCE_ROOT / "etc" / "selfcheck.yaml"
VETO_ITEMS = ("B1", "B2", "B3", "B4", "B5", "B6")
DEDUCTION_ITEMS = ("B8", "B9", "B10", "B12", "B14", "B15")
COLUMN_ITEMS = ("B8", "B9", "B12")
KIND_NAMES = tuple(name for name, _title in COLUMN_KINDS)


@dataclass(frozen=True)
class Deduction:
    item: str
    title: str
    points: int
    cap: int  # 0: no cap

    def cost(self, findings):
        """Points lost for ``findings`` findings."""
        lost = self.points * findings
        return min(lost, self.cap) if self.cap else lost


@dataclass(frozen=True)
class ColumnMatch:
    kinds: tuple = ()
    names: tuple = ()
    title_contains: tuple = ()

    def matches(self, state):
        """True for a freshness ``ColumnState`` this item looks at."""
        name = state.path.rsplit("/", 1)[-1]
        return (
            state.kind in self.kinds
            or name in self.names
            or any(word in state.title for word in self.title_contains)
        )


@dataclass(frozen=True)
class Rules:
    pass_score: int
    veto: dict  # item -> title
    deductions: dict  # item -> Deduction
    columns: dict  # item -> ColumnMatch
    key_elements: tuple  # ((title, (attribute, ...)), ...)
    element_types: tuple


def _fail(path, where, message):
    raise ConfigurationError(f"自查规则文件 {path} 有误（{where}）：{message}")


def _mapping(path, where, value, required=(), allowed=None):
    if not isinstance(value, dict):
        _fail(path, where, "应为映射（键: 值）")
    for key in required:
        if key not in value:
            _fail(path, where, f"缺少 {key}")
    if allowed is not None and set(value) - set(allowed):
        _fail(path, where, f"未知的键 {', '.join(sorted(map(str, set(value) - set(allowed))))}")
    return value


def _int(path, where, value, minimum=0):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        _fail(path, where, f"应为不小于 {minimum} 的整数，而不是 {value!r}")
    return value


def _title(path, where, data):
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        _fail(path, f"{where}.title", "应为非空的中文标题")
    return title.strip()


def _words(path, where, value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        _fail(path, where, "应为非空文字的列表")
    return tuple(value)


def _elements(path, where, data):
    data = _mapping(path, where, data)
    if not data:
        _fail(path, where, "至少需要一项")
    return tuple((str(k), _words(path, f"{where}.{k}", v)) for k, v in data.items())


def parse(data, path="<selfcheck>"):
    """:class:`Rules` from the loaded YAML ``data`` (ConfigurationError if bad)."""
    top = ("pass_score", "veto", "deductions", "columns")
    top += ("guide_key_elements", "guide_element_types")
    data = _mapping(path, "文件", data, required=top, allowed=top)
    veto_data = _mapping(path, "veto", data["veto"], VETO_ITEMS, VETO_ITEMS)
    veto = {}
    for item in VETO_ITEMS:
        veto[item] = _title(path, f"veto.{item}", _mapping(path, f"veto.{item}", veto_data[item]))
    ded_data = _mapping(path, "deductions", data["deductions"], DEDUCTION_ITEMS, DEDUCTION_ITEMS)
    deductions = {}
    for item in DEDUCTION_ITEMS:
        where = f"deductions.{item}"
        entry = _mapping(path, where, ded_data[item], ("title", "points", "cap"))
        deductions[item] = Deduction(
            item,
            _title(path, where, entry),
            _int(path, f"{where}.points", entry["points"], 1),
            _int(path, f"{where}.cap", entry["cap"], 0),
        )
    col_data = _mapping(path, "columns", data["columns"], COLUMN_ITEMS, COLUMN_ITEMS)
    columns = {}
    for item in COLUMN_ITEMS:
        where = f"columns.{item}"
        entry = _mapping(path, where, col_data[item], allowed=("kinds", "names", "title_contains"))
        if not entry:
            _fail(path, where, "至少需要 kinds、names 或 title_contains 之一")
        found = {k: _words(path, f"{where}.{k}", v) for k, v in entry.items()}
        if set(found.get("kinds", ())) - set(KIND_NAMES):
            _fail(path, f"{where}.kinds", f"应为栏目类型（{', '.join(KIND_NAMES)}）")
        columns[item] = ColumnMatch(**found)
    return Rules(
        pass_score=_int(path, "pass_score", data["pass_score"], 1),
        veto=veto,
        deductions=deductions,
        columns=columns,
        key_elements=_elements(path, "guide_key_elements", data["guide_key_elements"]),
        element_types=_elements(path, "guide_element_types", data["guide_element_types"]),
    )


def load(path):
    """:class:`Rules` read from the YAML file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"无法读取自查规则文件 {path}：{exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"自查规则文件 {path} 不是有效的 YAML：{exc}") from exc
    return parse(data, str(path))


def rules_of(registry):
    """The rules loaded at start-up."""
    return registry.govportal_selfcheck_rules


def includeme(config):
    path = config.registry.settings.get(SETTING) or str(DEFAULT_FILE)
    config.registry.govportal_selfcheck_rules = load(path)
