"""The JSON read API (issue 14, 第七、二十一条 data exchange).

* ``/api/v1/sites``, ``/api/v1/sites/<site>/columns``, ``/api/v1/documents``
  (filters: site, column, topic, from, to; paged), ``/api/v1/documents/<id>``
  (metadata, body, attachments), ``/api/v1/guides``, ``/api/v1/letters``
  (:mod:`.views`), described by ``/api/v1/openapi.json`` (:mod:`.openapi`,
  from :mod:`.schemas`).
* Visibility is the public site's: the same queries
  (:mod:`govportal.public.listing`, :mod:`.listing`) and the same permission
  checks, for anonymous requests and tokens alike.
* Partner tokens (:mod:`.tokens`), managed by holders of ``manage_api`` at
  ``/@@api-tokens`` (:mod:`.views_tokens`), narrow what a request reads to
  their sites and resource kinds and raise its rate limit (:mod:`.ratelimit`).
"""

ROUTES = (
    ("api_openapi", "/api/v1/openapi.json"),
    ("api_sites", "/api/v1/sites"),
    ("api_columns", "/api/v1/sites/{site}/columns"),
    ("api_documents", "/api/v1/documents"),
    ("api_document", "/api/v1/documents/{id}"),
    ("api_guides", "/api/v1/guides"),
    ("api_letters", "/api/v1/letters"),
)


def includeme(config):
    for name, pattern in ROUTES:
        config.add_route(name, pattern, request_method=("GET", "HEAD"))
    config.scan(".")
