"""Government information disclosure (政府信息公开): catalogue rules.

* :mod:`.indexnumber` — 索引号 issued on a document's first publication,
  unique and never reused, safe under concurrent approvals;
* :mod:`.sitesettings` — the 索引号设置 property sheet on the portal root
  (the pattern and the portal's organ code);
* :mod:`.topics` — the 主题分类 taxonomy, kept in the database (seeded from
  ``etc/topics.yaml``);
* :mod:`.publisher` — 发布机构 defaults to the department (or the portal);
* :mod:`.links` — 有效性 replacement links and 解读 links, both ways;
* :mod:`.timeliness` — documents published (or not) more than 20 working
  days after their 形成日期 (C1), and the 公开时效 tab (:mod:`.views`);
* :mod:`.columns` — the five disclosure columns of every site.

Include this package *before* ``govportal.catalog`` (and any search
indexer): subscribers of ``ContentTransitioned`` run in registration order,
and the catalogs reindex the document after the number is set.
"""

from ..workflow.events import IContentTransitioned
from .columns import DISCLOSURE_COLUMNS, disclosure_column, ensure_disclosure_columns  # noqa: F401
from .indexnumber import (  # noqa: F401
    DEFAULT_PATTERN,
    PLACEHOLDERS,
    PatternError,
    assign_on_publication,
    check_pattern,
    find_index_numbers,
    issue_index_number,
)
from .links import DocumentLinks, document_links  # noqa: F401
from .publisher import default_publisher  # noqa: F401
from .timeliness import LIMIT_WORKDAYS, TimelinessIssue, timeliness_issues  # noqa: F401
from .topics import Taxonomy, get_taxonomy, topics_for  # noqa: F401


def includeme(config):
    config.add_subscriber(assign_on_publication, IContentTransitioned)
    config.include(".sitesettings")
    config.include(".topics")
    config.include(".publisher")
    config.include(".links")
    config.include(".columns")
    config.include(".timeliness")
    config.include(".views")
