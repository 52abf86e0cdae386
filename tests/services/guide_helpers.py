"""HTTP helpers of the service-guide tests: the guide form posted the way a
browser posts it (deform's ``__start__``/``__end__`` markers, checkboxes)."""

import io
import re
import zipfile

from pyramid.traversal import find_resource

from tests.conftest import read_root

COLUMN = "/jyj/bszn/"

#: A guide with every element a publication requires.
COMPLETE = {
    "title": "中小学教师资格认定",
    "item_type": "licence",
    "item_code": "511322-JYJ-XK-099",
    "basis": "《教师资格条例》第十三条",
    "conditions": "具备国家规定的学历，普通话水平达到二级乙等以上。",
    "materials": [
        {"name": "教师资格认定申请表", "form": "original", "count": "1", "required": True},
        {"name": "身份证明", "form": "copy", "count": "1", "required": True, "note": "查验原件"},
    ],
    "location": "营山县政务服务中心二楼教育窗口",
    "lead_department": "",
    "co_departments": [],
    "fee": "不收费",
    "fee_basis": "",
    "legal_days": "20",
    "promised_days": "10",
    "hours": "工作日 9:00—17:30",
    "consult_phone": "0817-8221101",
    "supervise_phone": "0817-8221110、12345",
    "process": [{"title": "申请", "description": "提交材料"}, {"title": "受理"}],
    "themes": ["education"],
    "user_types": ["person"],
    "life_events": [],
    "online_mode": "none",
    "external_url": "",
    "result_name": "教师资格证书",
    "certificate": False,
}

MATERIAL_KEYS = ("name", "form", "count", "required", "note", "template", "example")
STEP_KEYS = ("title", "description")


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} on the page"
    return match.group(1)


def _rows(fields, name, item, keys, rows):
    fields.append(("__start__", f"{name}:sequence"))
    for row in rows:
        fields.append(("__start__", f"{item}:mapping"))
        for key in keys:
            value = row.get(key, "" if key != "form" else "original")
            if key == "required":
                if value:
                    fields.append((key, "true"))
                continue
            fields.append((key, str(value)))
        fields.append(("__end__", f"{item}:mapping"))
    fields.append(("__end__", f"{name}:sequence"))


def form_fields(values, csrf, token=None, serial=None):
    """The POST of the guide form for ``values`` (see :data:`COMPLETE`)."""
    fields = [("_charset_", "UTF-8"), ("__formid__", "ws-guide"), ("csrf_token", csrf)]
    for key in ("title", "item_type", "item_code", "basis", "conditions"):
        fields.append((key, values.get(key, "")))
    _rows(fields, "materials", "material", MATERIAL_KEYS, values.get("materials", []))
    fields.append(("location", values.get("location", "")))
    fields.append(("lead_department", values.get("lead_department", "")))
    fields.append(("__start__", "co_departments:sequence"))
    fields += [("checkbox", c) for c in values.get("co_departments", [])]
    fields.append(("__end__", "co_departments:sequence"))
    for key in ("fee", "fee_basis", "legal_days", "promised_days", "hours"):
        fields.append((key, str(values.get(key, ""))))
    for key in ("consult_phone", "supervise_phone"):
        fields.append((key, values.get(key, "")))
    _rows(fields, "process", "step", STEP_KEYS, values.get("process", []))
    for key in ("themes", "user_types", "life_events"):
        fields.append(("__start__", f"{key}:sequence"))
        fields += [("checkbox", c) for c in values.get(key, [])]
        fields.append(("__end__", f"{key}:sequence"))
    fields.append(("online_mode", values.get("online_mode", "none")))
    fields.append(("external_url", values.get("external_url", "")))
    fields.append(("result_name", values.get("result_name", "")))
    if values.get("certificate"):
        fields.append(("certificate", "true"))
    if token is not None:
        fields.append(("submission_token", token))
    if serial is not None:
        fields.append(("serial", serial))
    fields.append(("save", "save"))
    return fields


def add_guide(client, values=None, column=COLUMN, status=303):
    """Create a guide through the add form; returns the response."""
    page = client.get(column + "@@ws-add-guide")
    fields = form_fields(
        COMPLETE if values is None else values,
        hidden(page.text, "csrf_token"),
        token=hidden(page.text, "submission_token"),
    )
    return client.post(column + "@@ws-add-guide", fields, status=status)


def path_of(res):
    path = re.sub(r"^https?://[^/]+", "", res.location)
    assert path.endswith("/@@ws-item"), path
    return path[: -len("@@ws-item")]


def new_guide(client, values=None, column=COLUMN):
    """Create a guide; returns its path (ending in ``/``)."""
    return path_of(add_guide(client, values, column))


def edit_guide(client, path, values, status=303):
    page = client.get(path + "@@ws-edit")
    fields = form_fields(
        values, hidden(page.text, "csrf_token"), serial=hidden(page.text, "serial")
    )
    return client.post(path + "@@ws-edit", fields, status=status)


def transition(client, path, name, comment="", status=303):
    page = client.get(path + "@@ws-item")
    return client.post(
        path + "@@ws-transition",
        {
            "transition": name,
            "comment": comment,
            "csrf_token": hidden(page.text, "csrf_token"),
        },
        status=status,
    )


def guide_state(wsgi_app, path):
    from govportal.workflow import get_state

    return read_root(wsgi_app, lambda root: get_state(find_resource(root, path), wsgi_app.registry))


def guide_attr(wsgi_app, path, *names):
    return read_root(
        wsgi_app, lambda root: tuple(getattr(find_resource(root, path), n) for n in names)
    )


def docx_bytes():
    """A minimal DOCX (what check_upload accepts as one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()
