"""The demo's service hall: 办事指南, 权责清单 and 办件 (:mod:`govportal.services`).

Guides and power items come from ``services.yaml``.  Each is created by its
department's editor in the department's ``bszn`` (guides) or ``qlqd`` (power
items) column, submitted, and approved by the department's reviewer through
the ``guide`` workflow (four eyes, ``guide_complete``), as real use does.
Blank forms and filled-in examples named by a guide's materials are DOCX
attachments made in code.  Cases (:mod:`.servicecases`) are then filed on the
online guides and moved through every state of ``servicecase.yaml`` with the
case engine's own steps.

The minimal demo (the test suite's template) builds only :data:`MINIMAL`:
the two online guides and one external guide, without cases.
"""

import functools
import io
from pathlib import Path

import yaml
from substanced.util import get_oid

from ..bootstrap import request_as
from ..workflow import get_workflow
from . import files

SERVICES_FILE = Path(__file__).with_name("services.yaml")
#: root attribute: the version of the demo's service hall built on this site
MARKER = "govportal_demo_services_version"
VERSION = 1
#: department -> guide names built by the minimal demo
MINIMAL = {"jyj": ("sljtrx", "jszgrd"), "zwfwj": ("qykb",)}
GUIDE_COLUMN = "bszn"
POWER_COLUMN = "qlqd"


@functools.cache
def _data():
    with SERVICES_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def guide_specs(department):
    """The guides of ``department`` (its URL name) as complete attribute
    dicts plus ``name`` and ``attachments`` ([(file name, title, kind)])."""
    data = _data()
    section = data["departments"].get(department)
    if section is None:
        return []
    return [_guide_spec(data, section.get("defaults", {}), raw) for raw in section["guides"]]


def _guide_spec(data, defaults, raw):
    spec = {key: value for key, value in raw.items() if key != "name"}
    for key, value in defaults.items():
        if not spec.get(key):
            spec[key] = value
    process = spec.get("process")
    if isinstance(process, str):
        process = data["processes"][process]
    spec["process"] = tuple(dict(step) for step in process)
    spec["fee_basis"] = data["free_basis"].get(spec["fee_basis"], spec["fee_basis"])
    attachments, materials = [], []
    for material in spec.get("materials", ()):
        material = dict(material)
        for kind in ("template", "example"):
            title = material.get(kind) or ""
            if title:
                filename = title if title.endswith(".docx") else f"{title}.docx"
                if all(a[0] != filename for a in attachments):
                    attachments.append((filename, filename[: -len(".docx")], kind))
            material[kind] = title
        material["count"] = int(material.get("count") or 1)
        material["required"] = bool(material.get("required"))
        material.setdefault("note", "")
        materials.append(material)
    spec["materials"] = tuple(materials)
    for key in ("co_departments", "themes", "user_types", "life_events"):
        spec[key] = tuple(spec.get(key) or ())
    spec["form_fields"] = tuple(
        {k: tuple(v) if isinstance(v, list) else v for k, v in field.items()}
        for field in spec.get("form_fields") or ()
    )
    spec.setdefault("lead_department", "")
    spec.setdefault("external_url", "")
    spec.setdefault("item_code", "")
    spec["certificate"] = bool(spec.get("certificate"))
    spec["legal_days"], spec["promised_days"] = int(spec["legal_days"]), int(spec["promised_days"])
    return {"name": raw["name"], "attributes": spec, "attachments": attachments}


def power_specs(department):
    """The 权责清单 items of ``department`` as dicts (``name`` + attributes)."""
    return [dict(item) for item in _data().get("powers", {}).get(department, ())]


def _attachment_bytes(guide_title, title, kind):
    if kind == "example":
        lines = [f"{title}：填写示例，供申请人参考。", "示例中的单位和人员信息均为虚构。"]
    else:
        lines = [f"{title}：空白表格，请用黑色签字笔或钢笔填写。", f"适用事项：{guide_title}。"]
    return files.docx_bytes(title, lines)


def publish(request, content, editor, reviewer):
    """Submit ``content`` as ``editor`` and approve it as ``reviewer``."""
    workflow = get_workflow(content, request.registry)
    workflow.transition(content, request_as(request, get_oid(editor)), "submit", comment="请审核")
    workflow.transition(
        content, request_as(request, get_oid(reviewer)), "approve", comment="要素齐全，同意发布"
    )
    return content


def create_guide(request, column, spec, editor):
    """Create the guide ``spec`` (:func:`guide_specs`) in ``column`` with its
    attachments, as ``editor`` (not yet submitted).  Returns the guide."""
    from ..content.attachment import Attachment

    registry = request.registry
    attributes = dict(spec["attributes"], last_editor=get_oid(editor))
    guide = registry.content.create("ServiceGuide", **attributes)
    column[spec["name"]] = guide
    for filename, title, kind in spec["attachments"]:
        data = _attachment_bytes(attributes["title"], title, kind)
        guide[filename] = Attachment(io.BytesIO(data), filename, title=title)
    return guide


def build_guides(root, request, principals, full):
    """Create and publish the guides (all, or :data:`MINIMAL`); returns
    {department: {guide name: guide}}."""
    users = principals["users"]
    built = {}
    for department in _data()["departments"]:
        if department not in root:
            continue
        wanted = None if full else MINIMAL.get(department, ())
        editor, reviewer = users[f"{department}_editor"], users[f"{department}_reviewer"]
        column = root[department][GUIDE_COLUMN]
        for spec in guide_specs(department):
            if wanted is not None and spec["name"] not in wanted:
                continue
            guide = column.get(spec["name"])
            if guide is None:
                guide = publish(
                    request, create_guide(request, column, spec, editor), editor, reviewer
                )
            built.setdefault(department, {})[spec["name"]] = guide
    return built


def build_powers(root, request, principals):
    """Create and publish the 权责清单 items, linked to their guides."""
    users = principals["users"]
    registry = request.registry
    for department in _data().get("powers", {}):
        if department not in root:
            continue
        editor, reviewer = users[f"{department}_editor"], users[f"{department}_reviewer"]
        column = root[department][POWER_COLUMN]
        for spec in power_specs(department):
            name = spec.pop("name")
            if name in column:
                continue
            guides = spec.pop("guides", ())
            spec["guide_names"] = tuple(f"/{department}/{GUIDE_COLUMN}/{g}" for g in guides)
            spec["flow"] = tuple(dict(step) for step in spec["flow"])
            item = registry.content.create("PowerItem", last_editor=get_oid(editor), **spec)
            column[name] = item
            publish(request, item, editor, reviewer)


def build_services(root, request, principals, full):
    """The demo's service hall (idempotent): guides, and with ``full`` the
    权责清单 and cases in every state of the case workflow."""
    done = getattr(root, MARKER, None)
    if done == (VERSION, True) or done == (VERSION, full):
        return
    guides = build_guides(root, request, principals, full)
    if full:
        build_powers(root, request, principals)
        from .servicecases import build_cases

        build_cases(root, request, principals, guides)
    setattr(root, MARKER, (VERSION, full))
