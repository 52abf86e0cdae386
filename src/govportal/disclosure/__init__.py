"""Government information disclosure (政府信息公开): catalogue rules.

* :mod:`.indexnumber` — 索引号 issued on a document's first publication,
  unique and never reused, safe under concurrent approvals;
* :mod:`.sitesettings` — the 索引号设置 property sheet on the portal root
  (the pattern and the portal's organ code).

Include this package *before* ``govportal.catalog`` (and any search
indexer): subscribers of ``ContentTransitioned`` run in registration order,
and the catalogs reindex the document after the number is set.
"""

from ..workflow.events import IContentTransitioned
from .indexnumber import (  # noqa: F401
    DEFAULT_PATTERN,
    PLACEHOLDERS,
    PatternError,
    assign_on_publication,
    check_pattern,
    find_index_numbers,
    issue_index_number,
)


def includeme(config):
    config.add_subscriber(assign_on_publication, IContentTransitioned)
    config.include(".sitesettings")
