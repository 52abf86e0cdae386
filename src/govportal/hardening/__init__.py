"""Request hardening (issue 9, section 6).

- :mod:`.policy` — the outermost execution policy: the request body limit
  (:mod:`.bodylimit`, before anything reads the body) and the security
  headers of every answer (:mod:`.headers`);
- :mod:`.uploads` — temporary upload files removed on every refused path,
  and a periodic sweep of stale ones;
- :mod:`.sandbox` — attachment text extraction in a child process bounded in
  time, memory and output, with a zip-bomb guard (used by
  :mod:`govportal.search.extract`).

Settings (defaults in :mod:`govportal.settings`): ``govportal.max_body_mb``,
``govportal.max_upload_mb``, ``govportal.upload_views``,
``govportal.hardening.hsts``, ``govportal.hardening.upload_max_age``,
``govportal.extract.*``.
"""

from pyramid.interfaces import PHASE3_CONFIG

from . import sandbox
from .bodylimit import BodyLimits
from .headers import HeaderPolicy

#: After the render cache installs its policy (PHASE3_CONFIG + 100): this one
#: must be the outermost.
_POLICY_ORDER = PHASE3_CONFIG + 200


def includeme(config):
    from ..schedule.worker import add_periodic_job
    from .policy import install
    from .uploads import make_sweep_job

    settings = config.registry.settings
    headers = HeaderPolicy(settings)
    limits = BodyLimits(settings, headers.manage_prefix)
    config.registry.govportal_body_limits = limits
    config.registry.govportal_header_policy = headers
    config.action(
        ("govportal.hardening", "execution-policy"),
        install,
        args=(config, limits, headers),
        order=_POLICY_ORDER,
    )
    config.include(".uploads")
    # The schedule package (which provides the add_periodic_job directive) is
    # included later; its plain function registers the job the same way.
    add_periodic_job(config, "hardening.upload_sweep", make_sweep_job(settings))
    sandbox.configure(settings)
