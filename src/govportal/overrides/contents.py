"""The SDI folder listing (``@@contents``) never answers 500 for what a
client sends.

Substance D's button handlers trust their input: finishing a copy or a move
with nothing chosen reads a session key that is not there (``KeyError``),
an object chosen for copying that was removed since is ``None``
(``AttributeError``), duplicating or renaming a name that does not exist
raises ``KeyError``, a new name with a slash raises ``ValueError``,
reordering an unordered folder raises ``ValueError``.  Each is the
client's error: checked here before the view runs, answered 400 in Chinese.
"""

from pyramid.httpexceptions import HTTPBadRequest
from substanced.util import find_objectmap

from .answers import in_sdi

#: Substance D's folder listings: the contents and the services tab
LISTING_VIEWS = frozenset({"contents", "services"})

#: button -> the session key that holds the chosen oids
FINISH_KEYS = {
    "form.copy_finish": "tocopy",
    "form.copy_finish_cancel": "tocopy",
    "form.move_finish": "tomove",
    "form.move_finish_cancel": "tomove",
}
#: buttons whose ``item-modify`` names must all exist
NAMED_BUTTONS = ("form.duplicate",)


def _bad(message):
    return HTTPBadRequest(message)


def _chosen(request, key):
    """The oids chosen by an earlier copy/move, resolved; raise 400 when
    there are none or one no longer exists."""
    oids = request.session.get(key)
    if not isinstance(oids, list) or not oids:
        raise _bad("没有待完成的复制或移动：请先在目录中选择内容，再点击“复制”或“移动”。")
    objectmap = find_objectmap(request.context)
    for oid in oids:
        try:
            obj = objectmap.object_for(int(oid)) if objectmap is not None else None
        except (TypeError, ValueError):
            obj = None
        if obj is None or getattr(obj, "__parent__", None) is None:
            raise _bad("所选的内容已不存在，请重新选择。")


def _names_exist(context, names):
    if not names:
        raise _bad("没有选择任何内容。")
    for name in names:
        if name not in context:
            raise _bad("所选的内容不存在，请刷新页面后重试。")


def _check_rename_finish(request):
    context = request.context
    if request.POST.get("form.rename_finish") == "cancel":
        return
    old_names = request.POST.getall("item-rename")
    _names_exist(context, old_names)
    for old in old_names:
        new = request.POST.get(old)
        if not new:
            raise _bad("新名称不能为空。")
        try:
            context.validate_name(new)
        except ValueError:
            raise _bad("新名称不能为空，不能以 @@ 开头，也不能包含斜杠。") from None


def _check_reorder(request):
    context = request.context
    if not getattr(context, "is_reorderable", lambda: False)():
        raise _bad("此目录的内容不能调整顺序。")
    names = [n for n in request.POST.get("item-modify", "").split("/") if n]
    _names_exist(context, names)
    before = request.params.get("insert-before")
    if before and before not in context:
        raise _bad("所选的位置不存在，请刷新页面后重试。")


def check_contents_post(event):
    """ContextFound subscriber: 400 instead of a 500 from ``@@contents``."""
    request = event.request
    if not in_sdi(request) or request.view_name not in LISTING_VIEWS or request.method != "POST":
        return
    post = request.POST
    for button, key in FINISH_KEYS.items():
        if button in post:
            if button.endswith("_cancel"):
                if key not in request.session:
                    raise _bad("没有待取消的复制或移动。")
            else:
                _chosen(request, key)
            return
    if "form.rename_finish" in post:
        _check_rename_finish(request)
    elif "ajax.reorder" in post:
        _check_reorder(request)
    else:
        for button in NAMED_BUTTONS:
            if button in post:
                names = [n for n in post.get("item-modify", "").split("/") if n]
                if names:
                    _names_exist(request.context, names)
