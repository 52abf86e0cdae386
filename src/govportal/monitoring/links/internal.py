"""Internal links checked in-process, as an anonymous visitor would follow them.

No HTTP round trip and no page rendering: a link is resolved by traversal
(or, for the reference form, through the object map) and is good when

* the resource exists — else 404;
* an anonymous visitor holds ``view`` on it and on every container above
  it (the security policy's lineage rule: a closed column hides what it
  holds; an unpublished or withdrawn item is not public) — else 403;
* a view name left after traversal (``/jyj/@@search``) names a registered
  view of the resource, or the path matches a route (static files) — else 404;
* an attachment's file exists and its blob opens — else 404.

This is cheap (a traversal and an ACL walk per link, no template) and
robust (the same traversal and security policy that serve the pages);
a WSGI subrequest per link would render 10,000 pages per run for the
same verdict.
"""

from urllib.parse import unquote

from pyramid.interfaces import (
    IMultiView,
    IRequest,
    IRoutesMapper,
    ISecuredView,
    IView,
    IViewClassifier,
)
from pyramid.request import apply_request_extensions
from pyramid.traversal import traverse
from substanced.util import find_objectmap
from zope.interface import providedBy

from ...content import IAttachment
from ...media.references import parse_reference
from ...siteurl import blank_request

OK = "ok"
DEFINITE = "definite"
SUSPECT = "suspect"

MISSING = "链接的页面或文件不存在"
NOT_PUBLIC = "链接的内容未发布或不对公众开放"
NO_VIEW = "链接的页面不存在"
NO_FILE = "附件文件缺失或无法打开"


def anonymous_request(registry, root):
    """A request of a visitor who is not signed in (for permission checks)."""
    request = blank_request(registry, root=root)
    request.registry = registry
    apply_request_extensions(request)
    request.root = root
    return request


def blob_opens(attachment):
    """True when the attachment's stored file exists and can be read."""
    blob = getattr(attachment, "blob", None)
    if blob is None:
        return False
    try:
        with blob.open("r") as stream:
            stream.read(1)
    except Exception:  # POSKeyError (blob file gone), OSError …
        return False
    return True


def _view_exists(registry, context, name):
    provided = providedBy(context)
    for iface in (IView, ISecuredView, IMultiView):
        found = registry.adapters.lookup((IViewClassifier, IRequest, provided), iface, name=name)
        if found is not None:
            return True
    return False


def _route_matches(registry, path):
    mapper = registry.queryUtility(IRoutesMapper)
    if mapper is None:
        return False
    return any(route.match(path) is not None for route in mapper.get_routes())


def check_resource(resource, anon):
    """The verdict on an existing resource: ``(verdict, status, reason)``."""
    if not anon.has_permission("view", resource):
        return DEFINITE, 403, NOT_PUBLIC
    if IAttachment.providedBy(resource) and not blob_opens(resource):
        return DEFINITE, 404, NO_FILE
    return OK, 200, ""


def check_internal(root, anon, target):
    """The verdict on the internal link ``target`` (a reference form or a
    site path, query allowed): ``(verdict, status, reason)``."""
    ref = parse_reference(target)
    if ref is not None:
        resource = find_objectmap(root).object_for(ref[0])
        if resource is None:
            return DEFINITE, 404, MISSING
        return check_resource(resource, anon)
    path = target.split("?", 1)[0] or "/"
    registry = anon.registry
    if _route_matches(registry, path):
        return OK, 200, ""
    try:
        info = traverse(root, unquote(path))
    except (KeyError, ValueError, TypeError, UnicodeError):
        return DEFINITE, 404, MISSING
    context = info["context"]
    name = info["view_name"]
    if name and not _view_exists(registry, context, name):
        return DEFINITE, 404, NO_VIEW if "@@" in path else MISSING
    return check_resource(context, anon)
