"""A Chinese error page instead of a bare 500, after retries are exhausted."""

import logging

from pyramid.view import view_config

log = logging.getLogger(__name__)


# Retryable errors (ZODB conflicts) must reach pyramid_retry first: this view
# only answers non-retryable errors or the last attempt.
@view_config(context=Exception, retryable_error=False, renderer="error.skin")
@view_config(context=Exception, last_retry_attempt=True, renderer="error.skin")
def error_view(exc, request):
    log.exception("error while serving %s", request.path_qs)
    request.response.status_int = 500
    return {"crumbs": []}
