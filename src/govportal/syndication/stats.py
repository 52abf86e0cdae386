"""Statistics of 信息报送 per department and month (site time).

Each step counts in the site-time month it happened in: an offer (or a
re-offer after a return) in the month it was made, an acceptance or a
return in the month of the decision.  The scorecards' 采用 figure
(:func:`adoption_facts`) counts by offer instead: every offer made in a
period, accepted at some time or not (yet).
"""

from collections import defaultdict
from dataclasses import dataclass

from .. import sitetime
from .model import ACCEPT, OFFER, REOFFER, RETURN, all_offers


@dataclass
class Row:
    offered: int = 0
    accepted: int = 0
    returned: int = 0

    @property
    def rate(self):
        """Accepted per offered, as a whole percentage (None: nothing offered)."""
        return round(100 * self.accepted / self.offered) if self.offered else None


COUNTED = {OFFER: "offered", REOFFER: "offered", ACCEPT: "accepted", RETURN: "returned"}


def monthly(context, registry=None):
    """``{(department name, "YYYY-MM"): Row}`` of every offer's steps."""
    rows = defaultdict(Row)
    for offer in all_offers(context):
        for record in offer.history:
            field = COUNTED.get(record.transition)
            if field is None:
                continue
            day = sitetime.local_date(record.when, registry)
            row = rows[(offer.source, f"{day.year}-{day.month:02d}")]
            setattr(row, field, getattr(row, field) + 1)
    return dict(rows)


def adoption_facts(context, registry=None):
    """``{department name: [(site date of the offer, accepted)]}``: each
    offer by the day it was first made, and whether it was ever accepted."""
    found = defaultdict(list)
    for offer in all_offers(context):
        day = sitetime.local_date(offer.history[0].when, registry)
        found[offer.source].append((day, offer.was_accepted(registry)))
    return dict(found)
