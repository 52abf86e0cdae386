"""Skins: the templates and static assets of the public site.

A skin is a folder ``skins/<name>/`` holding Chameleon templates and a
``static/`` folder.  A view names a template as ``'<name>.skin'``; the
renderer looks it up in the selected skin first and falls back to
``skins/default``, so a site can override single templates.
"""

from pathlib import Path

from pyramid.events import BeforeRender
from pyramid.renderers import get_renderer, render

DEFAULT_SKIN = "default"


def skin_dirs(registry):
    settings = registry.settings
    base = Path(settings["govportal.skins_dir"])
    names = [settings.get("govportal.skin", DEFAULT_SKIN), DEFAULT_SKIN]
    seen = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return [base / name for name in seen]


def resolve_template(registry, filename):
    """Absolute path of ``filename`` in the first skin that has it."""
    for directory in skin_dirs(registry):
        candidate = directory / filename
        if candidate.is_file():
            return str(candidate)
    raise ValueError(f"no skin provides template {filename!r}")


def resolve_static(registry, filename):
    """Absolute path of static asset ``filename`` in the first skin that has it."""
    return resolve_template(registry, f"static/{filename}")


class SkinRendererFactory:
    """Renderer for names ending in ``.skin``: resolves the template per skin."""

    def __init__(self, info):
        self.filename = info.name[: -len(".skin")] + ".pt"

    def __call__(self, value, system):
        request = system["request"]
        path = resolve_template(request.registry, self.filename)
        return render(path, value, request=request)


def add_layout(event):
    """Give every template the skin's ``layout`` macro template."""
    request = event.get("request")
    if request is None or "layout" in event:
        return
    registry = request.registry
    event["layout"] = get_renderer(resolve_template(registry, "layout.pt")).implementation()
    event["macros"] = get_renderer(resolve_template(registry, "macros.pt")).implementation()


def includeme(config):
    config.add_renderer(".skin", SkinRendererFactory)
    config.add_subscriber(add_layout, BeforeRender)
    settings = config.registry.settings
    static = Path(settings["govportal.skins_dir"]) / DEFAULT_SKIN / "static"
    config.add_static_view("static", str(static), cache_max_age=86400)
