"""Skins: the templates and static assets of the public site.

A skin is a folder ``skins/<name>/`` holding Chameleon templates and a
``static/`` folder.  A view names a template as ``'<name>.skin'``; the
renderer looks it up in the skin the site selected (site setting ``skin``),
then in the deployment's ``govportal.skin``, then in ``skins/default``, so a
site can override single templates.
"""

from pathlib import Path

from pyramid.events import BeforeRender
from pyramid.renderers import get_renderer
from pyramid.settings import asbool

DEFAULT_SKIN = "default"


def available_skins(registry):
    """Names of the skin folders installed under ``govportal.skins_dir``."""
    base = Path(registry.settings["govportal.skins_dir"])
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def skin_dirs(registry, site_skin=None):
    settings = registry.settings
    base = Path(settings["govportal.skins_dir"])
    names = []
    for name in (site_skin, settings.get("govportal.skin"), DEFAULT_SKIN):
        if name and name not in names and "/" not in name and not name.startswith("."):
            names.append(name)
    return [base / name for name in names]


def site_skin(request):
    """The skin the portal's site settings select (None for the default)."""
    root = getattr(request, "root", None) if request is not None else None
    return getattr(root, "skin", None) or None


def resolve_template(registry, filename, site_skin=None):
    """Absolute path of ``filename`` in the first skin that has it.

    Answers are remembered unless templates are reloaded (development):
    skins change only with a deployment, and looking through the skin
    folders on every render cost a tenth of a first render.
    """
    cache = _resolved(registry)
    key = (filename, site_skin)
    path = cache.get(key) if cache is not None else None
    if path is None:
        for directory in skin_dirs(registry, site_skin):
            candidate = directory / filename
            if candidate.is_file():
                path = str(candidate)
                break
        else:
            raise ValueError(f"no skin provides template {filename!r}")
        if cache is not None:
            cache[key] = path
    return path


def _resolved(registry):
    """The registry's template-path memo (None when templates reload)."""
    cache = getattr(registry, "govportal_skin_paths", None)
    if cache is None and not asbool(registry.settings.get("pyramid.reload_templates")):
        cache = registry.govportal_skin_paths = {}
    return cache


def skin_template(registry, filename, site_skin=None):
    """The Chameleon renderer of ``filename`` in the site's skin (memoised
    with the path; see :func:`resolve_template`)."""
    path = resolve_template(registry, filename, site_skin)
    cache = _resolved(registry)
    if cache is None:
        return get_renderer(path)
    renderer = cache.get(path)
    if renderer is None:
        renderer = cache[path] = get_renderer(path)
    return renderer


def resolve_static(registry, filename, site_skin=None):
    """Absolute path of static asset ``filename`` in the first skin that has it."""
    return resolve_template(registry, f"static/{filename}", site_skin)


class SkinRendererFactory:
    """Renderer for names ending in ``.skin``: resolves the template per skin."""

    def __init__(self, info):
        self.filename = info.name[: -len(".skin")] + ".pt"

    def __call__(self, value, system):
        # Pyramid has already fired BeforeRender for ``system`` (the page
        # globals and the layout are in it): call the template directly
        # rather than through ``render()``, which would fire it again.
        request = system["request"]
        template = skin_template(request.registry, self.filename, site_skin(request))
        return template(value, system)


def add_layout(event):
    """Give every template the skin's ``layout`` macro template."""
    request = event.get("request")
    if request is None or "layout" in event:
        return
    registry, skin = request.registry, site_skin(request)
    event["layout"] = skin_template(registry, "layout.pt", skin).implementation()
    event["macros"] = skin_template(registry, "macros.pt", skin).implementation()


def includeme(config):
    config.add_renderer(".skin", SkinRendererFactory)
    config.add_subscriber(add_layout, BeforeRender)
    settings = config.registry.settings
    static = Path(settings["govportal.skins_dir"]) / DEFAULT_SKIN / "static"
    config.add_static_view("static", str(static), cache_max_age=86400)
