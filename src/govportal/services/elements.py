"""Required elements: what must be filled in before a guide (or a 权力清单
item) may be published (checklist D1: 办事指南要素齐全).

Each content type registers a checker with the directive
``config.add_required_elements(type_name, checker)``; a checker is
``checker(content) -> list of the Chinese titles of the empty elements``.
The workflow guard ``guide_complete`` refuses publication naming them all.
"""

from pyramid.threadlocal import get_current_registry
from substanced.util import get_content_type

from ..i18n import _

REGISTRY_ATTR = "govportal_required_elements"


def add_required_elements(config, type_name, checker):
    """Directive: ``checker(content)`` lists the empty required elements of
    content of ``type_name``."""
    checker = config.maybe_dotted(checker)
    config.registry.__dict__.setdefault(REGISTRY_ATTR, {})[type_name] = checker


def missing_elements(content, registry=None):
    """The Chinese titles of ``content``'s empty required elements (empty
    list when complete or when its type has no checker)."""
    registry = registry or get_current_registry()
    checkers = registry.__dict__.get(REGISTRY_ATTR, {})
    checker = checkers.get(get_content_type(content, registry))
    return list(checker(content)) if checker is not None else []


def guide_complete(content, request, transition):
    """Guard: refuse publication while any required element is empty."""
    registry = getattr(request, "registry", None)
    missing = missing_elements(content, registry)
    if not missing:
        return None
    return _(
        "services-elements-missing",
        default="以下要素未填写，不能发布：${elements}",
        mapping={"elements": "、".join(str(m) for m in missing)},
    )


def includeme(config):
    config.add_directive("add_required_elements", add_required_elements)
    config.add_workflow_guard("guide_complete", guide_complete)
