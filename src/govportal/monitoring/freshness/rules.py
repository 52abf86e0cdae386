"""The update rules (``etc/update-rules.yaml``): loaded and checked at start-up.

The file is data, commented for the people who tune it; this module turns
it into a :class:`Rules` object kept on the registry
(``registry.govportal_update_rules``) and refuses a bad file with a
:class:`~pyramid.exceptions.ConfigurationError` naming the key at fault, so
the application never starts with rules it would misread.

:meth:`Rules.rule_for` gives the :class:`ColumnRule` of one column: the
first override matching its URL name or a word of its title, else the rule
of its kind.
"""

from dataclasses import dataclass

from ...content.containers import COLUMN_KINDS
from ..rulesfile import RulesFile, read_yaml

SETTING = "govportal.monitoring.update_rules_file"
LABEL = "栏目更新规则文件"
KIND_NAMES = tuple(name for name, _title in COLUMN_KINDS)
RULE_KEYS = {"days", "exempt", "deduct", "reason"}
MATCH_KEYS = {"name", "title_contains"}


@dataclass(frozen=True)
class ColumnRule:
    """How one column is judged: stale after ``days`` (None when ``exempt``)."""

    days: int | None
    exempt: bool = False
    deduct: bool = False
    reason: str = ""
    source: str = ""  # where the rule came from, e.g. "kind:news" or "name:ghjh"


@dataclass(frozen=True)
class Rules:
    kinds: dict
    overrides: tuple  # ((match_key, value, ColumnRule), ...)
    home_warn: int
    home_veto: int
    warn_stale_over: int
    warn_empty_over: int
    veto_stale: int
    veto_empty: int
    veto_group_kinds: tuple
    veto_group_at_least: int
    veto_unanswered_days: int
    warn_overdue: bool
    reply_gap_days: int
    warn_applications_overdue: bool
    check_every_minutes: int

    def rule_for(self, column):
        """The :class:`ColumnRule` of ``column`` (override first, then kind)."""
        name = getattr(column, "__name__", "") or ""
        title = getattr(column, "title", "") or ""
        for key, value, rule in self.overrides:
            if (key == "name" and name == value) or (key == "title_contains" and value in title):
                return rule
        kind = getattr(column, "kind", "other")
        return self.kinds.get(kind) or self.kinds["other"]


def _rule(check, where, data, source):
    data = check.mapping(where, data, allowed=RULE_KEYS | MATCH_KEYS)
    exempt = check.boolean(f"{where}.exempt", data.get("exempt", False))
    deduct = check.boolean(f"{where}.deduct", data.get("deduct", False))
    reason = data.get("reason", "")
    if not isinstance(reason, str):
        check.fail(f"{where}.reason", "应为文字")
    days = None
    if not exempt:
        if "days" not in data:
            check.fail(where, "缺少 days（或 exempt: true）")
        days = check.integer(f"{where}.days", data["days"], minimum=1)
    return ColumnRule(days=days, exempt=exempt, deduct=deduct, reason=reason, source=source)


def parse(data, path="<rules>"):
    """:class:`Rules` from the loaded YAML ``data`` (ConfigurationError if bad)."""
    check = RulesFile(LABEL, path)
    top = {"kinds", "overrides", "home", "columns", "messages", "check_every_minutes"}
    data = check.mapping("文件", data, allowed=top, required=top - {"overrides"})
    kinds_data = check.mapping("kinds", data["kinds"])
    unknown = set(kinds_data) - set(KIND_NAMES)
    if unknown:
        check.fail("kinds", f"未知的栏目类型 {', '.join(sorted(map(str, unknown)))}")
    missing = set(KIND_NAMES) - set(kinds_data)
    if missing:
        check.fail("kinds", f"缺少栏目类型 {', '.join(sorted(missing))}")
    kinds = {k: _rule(check, f"kinds.{k}", v, f"kind:{k}") for k, v in kinds_data.items()}
    overrides = []
    raw = data.get("overrides") or []
    if not isinstance(raw, list):
        check.fail("overrides", "应为列表")
    for index, item in enumerate(raw):
        where = f"overrides[{index}]"
        item = check.mapping(where, item)
        keys = MATCH_KEYS & set(item)
        if len(keys) != 1:
            check.fail(where, "须有且只有一个 name 或 title_contains")
        key = keys.pop()
        value = item[key]
        if not isinstance(value, str) or not value:
            check.fail(f"{where}.{key}", "应为非空文字")
        overrides.append((key, value, _rule(check, where, item, f"{key}:{value}")))
    home_keys = {"warn_days", "veto_days"}
    home = check.mapping("home", data["home"], allowed=home_keys, required=home_keys)
    col_keys = {"warn_stale_over", "warn_empty_over", "veto_stale", "veto_empty", "veto_group"}
    cols = check.mapping("columns", data["columns"], allowed=col_keys, required=col_keys)
    group = check.mapping("columns.veto_group", cols["veto_group"], allowed={"kinds", "at_least"})
    group_kinds = group.get("kinds")
    if not isinstance(group_kinds, list) or not set(group_kinds) <= set(KIND_NAMES):
        check.fail("columns.veto_group.kinds", f"应为栏目类型的列表（{', '.join(KIND_NAMES)}）")
    msg_keys = {
        "veto_unanswered_days",
        "warn_overdue",
        "reply_gap_days",
        "warn_applications_overdue",
    }
    msgs = check.mapping("messages", data["messages"], allowed=msg_keys, required=msg_keys)
    rules = Rules(
        kinds=kinds,
        overrides=tuple(overrides),
        home_warn=check.integer("home.warn_days", home["warn_days"], 1),
        home_veto=check.integer("home.veto_days", home["veto_days"], 1),
        warn_stale_over=check.integer("columns.warn_stale_over", cols["warn_stale_over"]),
        warn_empty_over=check.integer("columns.warn_empty_over", cols["warn_empty_over"]),
        veto_stale=check.integer("columns.veto_stale", cols["veto_stale"], 1),
        veto_empty=check.integer("columns.veto_empty", cols["veto_empty"], 1),
        veto_group_kinds=tuple(group_kinds),
        veto_group_at_least=check.integer("columns.veto_group.at_least", group.get("at_least"), 1),
        veto_unanswered_days=check.integer(
            "messages.veto_unanswered_days", msgs["veto_unanswered_days"], 1
        ),
        warn_overdue=check.boolean("messages.warn_overdue", msgs["warn_overdue"]),
        reply_gap_days=check.integer("messages.reply_gap_days", msgs["reply_gap_days"], 1),
        warn_applications_overdue=check.boolean(
            "messages.warn_applications_overdue", msgs["warn_applications_overdue"]
        ),
        check_every_minutes=check.integer("check_every_minutes", data["check_every_minutes"], 1),
    )
    if rules.home_warn > rules.home_veto:
        check.fail("home", "warn_days 不应大于 veto_days")
    return rules


def load(path):
    """:class:`Rules` read from the YAML file at ``path``."""
    return parse(read_yaml(path, LABEL), str(path))


def rules_of(registry):
    """The rules loaded at start-up."""
    return registry.govportal_update_rules


def includeme(config):
    config.registry.govportal_update_rules = load(config.registry.settings[SETTING])
