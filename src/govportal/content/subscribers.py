"""Content event subscribers: last editor, department groups, publication date."""

from pyramid.threadlocal import get_current_request
from substanced.event import subscribe_added, subscribe_modified
from substanced.interfaces import IUser

from ..sitetime import today
from ..workflow.events import IContentTransitioned
from ..workflow.facts import published_by
from ..workflow.guards import set_last_editor
from .attachment import IAttachment
from .containers import IDepartment
from .document import IDocument


def _userid(event):
    request = get_current_request()
    return getattr(request, "authenticated_userid", None) if request is not None else None


def _record_editor(resource, userid):
    if userid is None:
        return
    if IAttachment.providedBy(resource):
        resource = resource.__parent__
    if IDocument.providedBy(resource):
        set_last_editor(resource, userid)


@subscribe_added()
def content_added(event):
    if event.moving is not None or event.loading:
        return
    obj = event.object
    _record_editor(obj, _userid(event))
    if IDepartment.providedBy(obj):
        from ..security.groups import ensure_department_groups

        ensure_department_groups(obj, event.registry)


@subscribe_added(IUser)
def user_added(event):
    """Substance D gives every new user the locale ``en``, and its SDI speaks
    each user's locale: start users in the site's default language instead."""
    user = event.object
    if event.loading or getattr(user, "locale", None) != "en":
        return
    user.locale = event.registry.settings.get("pyramid.default_locale_name", "zh_CN")


@subscribe_modified()
def content_modified(event):
    _record_editor(event.object, _userid(event))


def set_publish_date(event):
    """Fill in 发布日期 when a document is first published."""
    doc = event.content
    if IDocument.providedBy(doc) and published_by(event):
        if not doc.publish_date:
            # a China date: approved at 00:30 on 1 January is 1 January
            doc.publish_date = today()


def includeme(config):
    config.add_subscriber(set_publish_date, IContentTransitioned)
