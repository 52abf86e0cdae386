"""The self-check's items and weights (``etc/selfcheck.yaml``), checked at start-up.

The file is data: the single-veto items (B1–B6) with their titles, each
deduction (B8–B15) with its points per finding and its cap, which columns
B8/B9/B12 look at, and the service guide's key elements (B6) and element
types (B14).  :func:`parse` turns it into :class:`Rules` and refuses a bad
file with a :class:`~pyramid.exceptions.ConfigurationError` naming the key
at fault, so the application never starts with weights it would misread.
"""

from dataclasses import dataclass

from ..content.containers import COLUMN_KINDS
from ..monitoring.rulesfile import RulesFile, read_yaml
from ..settings import SOURCE_ROOT

SETTING = "govportal.selfcheck.rules_file"
LABEL = "自查规则文件"
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


def _title(check, where, data):
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        check.fail(f"{where}.title", "应为非空的中文标题")
    return title.strip()


def _words(check, where, value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        check.fail(where, "应为非空文字的列表")
    return tuple(value)


def _elements(check, where, data):
    data = check.mapping(where, data)
    if not data:
        check.fail(where, "至少需要一项")
    return tuple((str(k), _words(check, f"{where}.{k}", v)) for k, v in data.items())


def parse(data, path="<selfcheck>"):
    """:class:`Rules` from the loaded YAML ``data`` (ConfigurationError if bad)."""
    check = RulesFile(LABEL, path)
    top = ("pass_score", "veto", "deductions", "columns")
    top += ("guide_key_elements", "guide_element_types")
    data = check.mapping("文件", data, required=top, allowed=top)
    veto_data = check.mapping("veto", data["veto"], required=VETO_ITEMS, allowed=VETO_ITEMS)
    veto = {}
    for item in VETO_ITEMS:
        veto[item] = _title(check, f"veto.{item}", check.mapping(f"veto.{item}", veto_data[item]))
    ded_data = check.mapping(
        "deductions", data["deductions"], required=DEDUCTION_ITEMS, allowed=DEDUCTION_ITEMS
    )
    deductions = {}
    for item in DEDUCTION_ITEMS:
        where = f"deductions.{item}"
        entry = check.mapping(where, ded_data[item], required=("title", "points", "cap"))
        deductions[item] = Deduction(
            item,
            _title(check, where, entry),
            check.integer(f"{where}.points", entry["points"], 1),
            check.integer(f"{where}.cap", entry["cap"], 0),
        )
    col_data = check.mapping(
        "columns", data["columns"], required=COLUMN_ITEMS, allowed=COLUMN_ITEMS
    )
    columns = {}
    for item in COLUMN_ITEMS:
        where = f"columns.{item}"
        entry = check.mapping(where, col_data[item], allowed=("kinds", "names", "title_contains"))
        if not entry:
            check.fail(where, "至少需要 kinds、names 或 title_contains 之一")
        found = {k: _words(check, f"{where}.{k}", v) for k, v in entry.items()}
        if set(found.get("kinds", ())) - set(KIND_NAMES):
            check.fail(f"{where}.kinds", f"应为栏目类型（{', '.join(KIND_NAMES)}）")
        columns[item] = ColumnMatch(**found)
    return Rules(
        pass_score=check.integer("pass_score", data["pass_score"], 1),
        veto=veto,
        deductions=deductions,
        columns=columns,
        key_elements=_elements(check, "guide_key_elements", data["guide_key_elements"]),
        element_types=_elements(check, "guide_element_types", data["guide_element_types"]),
    )


def load(path):
    """:class:`Rules` read from the YAML file at ``path``."""
    return parse(read_yaml(path, LABEL), str(path))


def rules_of(registry):
    """The rules loaded at start-up."""
    return registry.govportal_selfcheck_rules


def includeme(config):
    path = config.registry.settings.get(SETTING) or str(DEFAULT_FILE)
    config.registry.govportal_selfcheck_rules = load(path)
