"""Substance D views that read request fields unchecked: a missing or
malformed field became a 500.  Checked before the view runs: 400."""

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound

from .answers import in_sdi

#: (view name, method, the request parameter that selects the action or None)
#: -> (required fields, integer fields).
UNCHECKED_SDI_FIELDS = {
    ("workflows", "POST", None): (("wfid", "transition"), ()),
    ("contents", "GET", "from"): (("from", "to"), ("from", "to")),
    ("acl_edit", "POST", "form.move_up"): (("index",), ("index",)),
    ("acl_edit", "POST", "form.move_down"): (("index",), ("index",)),
    ("acl_edit", "POST", "form.remove"): (("index",), ("index",)),
    ("acl_edit", "POST", "form.add"): (("verb", "principal"), ()),
    ("acl_edit", "POST", "form.inherit"): (("inherit",), ()),
}


def check_sdi_fields(event):
    """Answer 400, not 500, when a Substance D view would read a missing or
    malformed field (see :data:`UNCHECKED_SDI_FIELDS`)."""
    request = event.request
    if not in_sdi(request):
        return
    if request.view_name == "preview_image_upload" and not request.subpath:
        # reads request.subpath[0]: IndexError without an upload id
        raise HTTPNotFound("没有找到要预览的上传图片。")
    params = request.POST if request.method == "POST" else request.GET
    for (view, method, selector), (required, integers) in UNCHECKED_SDI_FIELDS.items():
        if request.view_name != view or request.method != method:
            continue
        if selector is not None and selector not in params:
            continue
        if not all(params.get(name) for name in required):
            raise HTTPBadRequest("请求缺少必要的字段，请返回重试。")
        for name in integers:
            try:
                value = int(params[name])
            except ValueError:
                raise HTTPBadRequest(f"字段 {name} 必须是整数。") from None
            if view == "acl_edit":
                acl = getattr(request.context, "__acl__", None) or ()
                if not 0 <= value < len(acl):
                    raise HTTPBadRequest("所选的访问控制条目不存在。")
