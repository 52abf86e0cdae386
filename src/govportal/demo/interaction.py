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
