"""Groups of a department: created with it, granted their roles there only."""

from substanced.util import find_service, get_oid

from .localroles import grant_roles

#: role -> suffix of the group name, e.g. 教育局 + 编辑
DEPARTMENT_GROUP_ROLES = {"editor": "编辑", "reviewer": "审核"}


def department_group_name(department, role):
    base = department.short_title or department.title or department.__name__
    return f"{base}{DEPARTMENT_GROUP_ROLES[role]}"


def ensure_department_groups(department, registry):
    """Create the department's editor and reviewer groups (if absent) and
    grant them their role on the department.  Returns role -> group."""
    groups = find_service(department, "principals", "groups")
    result = {}
    for role in DEPARTMENT_GROUP_ROLES:
        name = department_group_name(department, role)
        group = groups.get(name)
        if group is None:
            group = groups.__parent__.add_group(name, registry=registry)
            group.description = f"{department.title}的{DEPARTMENT_GROUP_ROLES[role]}人员"
        grant_roles(department, get_oid(group), role)
        result[role] = group
    return result
