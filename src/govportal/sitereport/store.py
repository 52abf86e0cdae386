"""What the officer entered for a site's report, kept with the site per year.

A site (the portal root or a department) carries a ``BTrees`` mapping
year → :class:`SiteReportRecord` in :data:`RECORDS_ATTR`: the entered
values, the overrides of generated figures (``{key: {"value", "reason"}}``),
who saved them and when, and the oid of the draft document generated for
the year (generating again updates that draft instead of adding another).
"""

from datetime import UTC, datetime

from persistent import Persistent
from persistent.mapping import PersistentMapping

from ..annualreport.store import year_record

RECORDS_ATTR = "govportal_site_reports"


class SiteReportRecord(Persistent):
    def __init__(self, year):
        self.year = year
        self.values = PersistentMapping()
        self.overrides = PersistentMapping()
        self.saved_at = None
        self.saved_by = None
        self.draft_oid = None

    def update(self, values, overrides, userid=None):
        self.values.clear()
        self.values.update(values)
        self.overrides.clear()
        self.overrides.update({k: dict(v) for k, v in overrides.items()})
        self.saved_at = datetime.now(UTC)
        self.saved_by = userid


def get_record(site, year, create=False):
    """The record of ``site`` for ``year`` (None unless saved or ``create``)."""
    return year_record(site, RECORDS_ATTR, SiteReportRecord, year, create)
