"""Roles and permissions, read from ``workflows/roles.yaml``.

The vocabulary is data: each role has a Chinese title and, for roles granted
to built-in principals (``anonymous`` → Everyone, ``authenticated`` →
Authenticated), the principal it stands for.  A *global* role granted at the
portal root reaches into every department; any other role granted at the
root stops at a department boundary (see :mod:`govportal.security.localroles`).
Permissions are listed so that a workflow naming an unknown one is refused at
start-up.

``duties`` implement 三员分立 (checklist F6): each administrator role owns the
permissions of its duty.  :meth:`Vocabulary.permission_set` refuses a duty
permission for any other role, and ``[ALL]`` means every permission that is
no duty's, so no role can hold another administrator's powers by accident.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyramid.security import Authenticated, Everyone

#: Role names that map to Pyramid's built-in principals instead of local roles.
BUILTIN_PRINCIPALS = {"Everyone": Everyone, "Authenticated": Authenticated}

#: A permission list of exactly ``[ALL]`` grants every permission.
ALL = "ALL"

ROLE_PREFIX = "role:"

_ROLE_KEYS = {"title", "principal", "global", "department_group", "offered"}


class DefinitionError(Exception):
    """A data file is malformed or inconsistent; the message names the file."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class Role:
    name: str
    title: str
    principal: str | None = None  # a built-in principal, or None for local roles
    is_global: bool = False
    #: suffix of the group a new department gets for this role (教育局 + 编辑)
    department_group: str = ""
    #: 管理 → 角色 (the 安全管理员) may grant it
    offered: bool = False

    @property
    def acl_principal(self):
        """The principal that ACL entries for this role name."""
        return self.principal or ROLE_PREFIX + self.name


@dataclass
class Vocabulary:
    path: str
    roles: dict = field(default_factory=dict)
    permissions: dict = field(default_factory=dict)
    #: duty role -> frozenset of the permissions only that role may hold
    duties: dict = field(default_factory=dict)

    @property
    def global_roles(self):
        return frozenset(r.name for r in self.roles.values() if r.is_global)

    @property
    def department_group_roles(self):
        """Role -> group name suffix of the roles each department gets a
        group for (``department_group`` in roles.yaml), in file order."""
        return {r.name: r.department_group for r in self.roles.values() if r.department_group}

    @property
    def offered_roles(self):
        """Roles 管理 → 角色 grants (``offered: true``), in file order."""
        return tuple(r.name for r in self.roles.values() if r.offered)

    @property
    def duty_roles(self):
        """The administrator roles of 三员分立 (never granted through the web)."""
        return frozenset(self.duties)

    @property
    def duty_permissions(self):
        """Every permission that belongs to some duty."""
        return frozenset().union(*self.duties.values()) if self.duties else frozenset()

    def duty_of(self, permission):
        """The duty role that owns ``permission``, or None."""
        for role, perms in self.duties.items():
            if permission in perms:
                return role
        return None

    def permission_set(self, names, where, role=None):
        """Resolve a list of permission names for ``role``.

        ``[ALL]`` means every permission that belongs to no duty.  A duty's
        permission named for any role but its owner is refused.
        """
        if names == [ALL] or names == ALL:
            return tuple(p for p in self.permissions if p not in self.duty_permissions)
        if not isinstance(names, list):
            raise DefinitionError(self.path, f"{where}: permissions must be a list")
        unknown = [n for n in names if n not in self.permissions]
        if unknown:
            raise DefinitionError(
                self.path, f"{where}: unknown permission(s) {', '.join(sorted(unknown))}"
            )
        if role is not None:
            foreign = sorted(n for n in names if self.duty_of(n) not in (None, role))
            if foreign:
                raise DefinitionError(
                    self.path,
                    f"{where}: permission(s) {', '.join(foreign)} belong to another "
                    "administrator's duty (三员分立, roles.yaml duties)",
                )
        return tuple(names)


def duplicate_key_loader():
    """A YAML loader that refuses duplicate keys (YAML silently keeps the last)."""

    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load_vocabulary(path):
    """Parse ``roles.yaml`` at ``path`` into a :class:`Vocabulary`."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=duplicate_key_loader())  # noqa: S506
    except FileNotFoundError:
        raise DefinitionError(path, "file not found") from None
    except yaml.YAMLError as e:
        raise DefinitionError(path, f"not valid YAML: {e}") from None
    if not isinstance(data, dict) or "roles" not in data or "permissions" not in data:
        raise DefinitionError(path, "must define 'roles' and 'permissions'")
    unknown_keys = set(data) - {"roles", "permissions", "duties"}
    if unknown_keys:
        raise DefinitionError(path, f"unknown key(s) {', '.join(sorted(unknown_keys))}")
    for key in ("roles", "permissions", "duties"):
        if not isinstance(data.get(key) or {}, dict):
            raise DefinitionError(path, f"'{key}' must be a mapping")
    vocab = Vocabulary(path=str(path))
    for name, spec in (data.get("roles") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise DefinitionError(path, f"role {name}: must be a mapping")
        extra = set(spec) - _ROLE_KEYS
        if extra:
            raise DefinitionError(path, f"role {name}: unknown key(s) {', '.join(sorted(extra))}")
        principal = spec.get("principal")
        if principal is not None and principal not in BUILTIN_PRINCIPALS:
            raise DefinitionError(path, f"role {name}: unknown principal {principal!r}")
        group = spec.get("department_group", "")
        if group and (principal is not None or spec.get("global")):
            raise DefinitionError(path, f"role {name}: department_group needs a local role")
        if not isinstance(group, str):
            raise DefinitionError(path, f"role {name}: department_group must be a name suffix")
        vocab.roles[name] = Role(
            name=name,
            title=str(spec.get("title", name)),
            principal=BUILTIN_PRINCIPALS.get(principal),
            is_global=bool(spec.get("global", False)),
            department_group=group,
            offered=bool(spec.get("offered", False)),
        )
        if vocab.roles[name].offered and vocab.roles[name].principal is not None:
            raise DefinitionError(path, f"role {name}: a built-in principal cannot be offered")
    for name, title in (data.get("permissions") or {}).items():
        vocab.permissions[name] = str(title)
    if not vocab.roles or not vocab.permissions:
        raise DefinitionError(path, "roles and permissions must not be empty")
    _read_duties(vocab, data.get("duties") or {}, path)
    for role in vocab.offered_roles:
        if role in vocab.duties:
            raise DefinitionError(path, f"role {role}: a duty role cannot be offered (三员分立)")
    return vocab


def _read_duties(vocab, duties, path):
    """Check and store the ``duties`` section: each names a known, global,
    non-built-in role and known permissions; no permission in two duties."""
    owner = {}
    for role, names in duties.items():
        spec = vocab.roles.get(role)
        if spec is None:
            raise DefinitionError(path, f"duties: unknown role {role!r}")
        if spec.principal is not None or not spec.is_global:
            raise DefinitionError(path, f"duties: role {role} must be a global local role")
        if not isinstance(names, list) or not names:
            raise DefinitionError(path, f"duties: {role} must list permissions")
        for name in names:
            if name not in vocab.permissions:
                raise DefinitionError(path, f"duties: {role}: unknown permission {name!r}")
            if name in owner:
                raise DefinitionError(
                    path, f"duties: permission {name} is in the duties of {owner[name]} and {role}"
                )
            owner[name] = role
        vocab.duties[role] = frozenset(names)
