"""The demo's 互动交流: letters, consultations, surveys, interviews and the
智能问答 knowledge base, each built by its own module (one per channel)."""

from ..content import IColumn  # noqa: F401  (the parts create columns)

#: The portal's 互动交流 column; every part adds its sub-column there.
HUB = "hdjl"


def column(parent, registry, name, title, kind="interaction", position=0):
    """The column ``name`` of ``parent`` (created if missing)."""
    if name not in parent:
        parent[name] = registry.content.create("Column", title=title, kind=kind, position=position)
    return parent[name]


def portal_staff(request, principals):
    """Requests acting as the portal's editor and its reviewer."""
    from substanced.util import get_oid

    from ..bootstrap import request_as

    users = principals["users"]
    editor, reviewer = (users["portal_editor"], users["portal_reviewer"])
    return request_as(request, get_oid(editor)), request_as(request, get_oid(reviewer))


def publish(item, as_editor, as_reviewer, registry, approval="同意发布", stamped=True):
    """Submit ``item`` as the editor (stamped as his edit first when
    ``stamped``) and approve it as the reviewer (comment ``approval``)."""
    from ..services.item_pages import stamp
    from ..workflow import get_workflow

    workflow = get_workflow(item, registry)
    if stamped:
        stamp(as_editor, item)
    workflow.transition(item, as_editor, "submit", comment="请审核")
    workflow.transition(item, as_reviewer, "approve", comment=approval)


def build_interaction(root, request, principals, full):
    from . import (
        interaction_answers,
        interaction_consultations,
        interaction_interviews,
        interaction_letters,
        interaction_surveys,
    )

    for part in (
        interaction_answers,
        interaction_consultations,
        interaction_surveys,
        interaction_interviews,
        interaction_letters,
    ):
        part.build(root, request, principals, full)
