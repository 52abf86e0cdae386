"""The account rules in force: password policy, lockout, throttling, TOTP.

Defaults come from the settings (``govportal.accounts.*`` in
:mod:`govportal.settings`); the security administrator may override any of
them at run time in a mapping stored on the portal root
(:data:`ROOT_ATTR`), so every process of a deployment agrees.
"""

from dataclasses import dataclass, fields

from persistent.mapping import PersistentMapping

PREFIX = "govportal.accounts."
#: the root attribute holding run-time overrides (name -> value)
ROOT_ATTR = "govportal_account_rules"


@dataclass(frozen=True)
class Rules:
    password_min_length: int = 10
    password_history: int = 5
    password_max_age_days: int = 90
    password_min_score: int = 3
    lockout_failures: int = 5
    lockout_minutes: int = 15
    address_failures: int = 20
    address_window_minutes: int = 15
    reset_link_hours: int = 24
    pending_minutes: int = 5
    totp_roles: tuple = ("system_admin", "security_admin", "audit_admin", "site_admin")
    totp_issuer: str = "营山县政府网站群"


def _convert(name, value, default):
    if isinstance(default, tuple):
        if isinstance(value, str):
            return tuple(value.replace(",", " ").split())
        return tuple(value)
    if isinstance(default, int):
        return int(value)
    return str(value)


def get_rules(registry, root=None):
    """The :class:`Rules` in force (settings, then the root's overrides)."""
    settings = registry.settings if registry is not None else {}
    values = {}
    overrides = getattr(root, ROOT_ATTR, None) or {}
    for f in fields(Rules):
        value = overrides.get(f.name, settings.get(PREFIX + f.name))
        if value is None or value == "":
            continue
        values[f.name] = _convert(f.name, value, f.default)
    return Rules(**values)


def set_rule(root, name, value):
    """Override one rule at run time (the security administrator's page
    calls this and records ``settings.change`` itself)."""
    defaults = {f.name: f.default for f in fields(Rules)}
    if name not in defaults:
        raise KeyError(name)
    overrides = getattr(root, ROOT_ATTR, None)
    if overrides is None:
        overrides = PersistentMapping()
        setattr(root, ROOT_ATTR, overrides)
    overrides[name] = _convert(name, value, defaults[name])
