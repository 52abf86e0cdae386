"""Groups of a department: created with it, granted their roles there only."""

from substanced.util import find_service, get_oid

from .localroles import grant_roles


def department_group_roles(registry):
    """Role -> suffix of the group name (教育局 + 编辑): the roles marked
    ``department_group`` in ``workflows/roles.yaml``, in file order."""
    return registry.govportal_vocabulary.department_group_roles


def department_group_name(department, role, registry):
    base = department.short_title or department.title or department.__name__
    return f"{base}{department_group_roles(registry)[role]}"


def ensure_department_groups(department, registry):
    """Create the department's editor and reviewer groups (if absent) and
    grant them their role on the department.  Returns role -> group."""
    groups = find_service(department, "principals", "groups")
    result = {}
    suffixes = department_group_roles(registry)
    for role, suffix in suffixes.items():
        name = department_group_name(department, role, registry)
        group = groups.get(name)
        if group is None:
            group = groups.__parent__.add_group(name, registry=registry)
            group.description = f"{department.title}的{suffix}人员"
        grant_roles(department, get_oid(group), role)
        result[role] = group
    return result
