"""Roles and permissions, read from ``workflows/roles.yaml``.

The vocabulary is data: each role has a Chinese title and, for roles granted
to built-in principals (``anonymous`` → Everyone, ``authenticated`` →
Authenticated), the principal it stands for.  A *global* role granted at the
portal root reaches into every department; any other role granted at the
root stops at a department boundary (see :mod:`govportal.security.localroles`).
Permissions are listed so that a workflow naming an unknown one is refused at
start-up.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyramid.security import ALL_PERMISSIONS, Authenticated, Everyone

#: Role names that map to Pyramid's built-in principals instead of local roles.
BUILTIN_PRINCIPALS = {"Everyone": Everyone, "Authenticated": Authenticated}

#: A permission list of exactly ``[ALL]`` grants every permission.
ALL = "ALL"

ROLE_PREFIX = "role:"

_ROLE_KEYS = {"title", "principal", "global"}


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

    @property
    def acl_principal(self):
        """The principal that ACL entries for this role name."""
        return self.principal or ROLE_PREFIX + self.name


@dataclass
class Vocabulary:
    path: str
    roles: dict = field(default_factory=dict)
    permissions: dict = field(default_factory=dict)

    @property
    def global_roles(self):
        return frozenset(r.name for r in self.roles.values() if r.is_global)

    def permission_set(self, names, where):
        """Resolve a list of permission names; ``[ALL]`` means all of them."""
        if names == [ALL] or names == ALL:
            return ALL_PERMISSIONS
        if not isinstance(names, list):
            raise DefinitionError(self.path, f"{where}: permissions must be a list")
        unknown = [n for n in names if n not in self.permissions]
        if unknown:
            raise DefinitionError(
                self.path, f"{where}: unknown permission(s) {', '.join(sorted(unknown))}"
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
    for key in ("roles", "permissions"):
        if not isinstance(data[key] or {}, dict):
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
        vocab.roles[name] = Role(
            name=name,
            title=str(spec.get("title", name)),
            principal=BUILTIN_PRINCIPALS.get(principal),
            is_global=bool(spec.get("global", False)),
        )
    for name, title in (data.get("permissions") or {}).items():
        vocab.permissions[name] = str(title)
    if not vocab.roles or not vocab.permissions:
        raise DefinitionError(path, "roles and permissions must not be empty")
    return vocab
