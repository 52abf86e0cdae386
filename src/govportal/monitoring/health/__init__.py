"""Health endpoints for load balancers and systemd (issue 13).

* ``GET /healthz`` — the process is alive: ``200 ok``, always, touching
  nothing (no database, no session); never cached.
* ``GET /readyz`` — the process can serve: JSON with every check's status,
  reason and time in ms (:mod:`.checks`): each database of the
  multi-database (``content_db``, ``audit_db``, ``monitor_db``: a
  connection opened and the root record read, in at most 2 s), the search
  indexer (closed; work waiting with no thread), the scheduler thread, the
  mail delivery.  ``200`` when all pass (``warn`` passes), ``503`` with
  ``failing`` naming the checks otherwise.  Answers are reused for one
  second (:mod:`.readiness`), so polling every 5 s from several balancers is
  cheap; nothing is written, no catalog is queried, nothing is rendered.

Both are public and hold no secrets (no paths, DSNs or error messages: an
error is named by its class).  They are answered by an execution policy
(:mod:`.policy`) before Pyramid makes a request, so the render cache, the
session, CSRF, the transaction and traversal never see them.

Example (nginx)::

    location = /healthz { proxy_pass http://govportal; access_log off; }
"""

from pyramid.interfaces import PHASE3_CONFIG

from .readiness import Readiness

#: After the render cache's policy (PHASE3_CONFIG + 100), before the metrics'
#: (+ 170) and the hardening's (+ 200): those wrap this one.
_POLICY_ORDER = PHASE3_CONFIG + 150


def get_readiness(registry):
    return registry.govportal_readiness


def includeme(config):
    from .policy import install

    readiness = Readiness(config.registry)
    config.registry.govportal_readiness = readiness
    config.action(
        ("govportal.monitoring.health", "execution-policy"),
        install,
        args=(config, readiness),
        order=_POLICY_ORDER,
    )
