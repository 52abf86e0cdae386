"""Media of documents and links by reference.

- :mod:`.references`: links and images to site content are stored as
  ``/@@ref/<object id>`` and rendered against the reader's request (or the
  configured public URL);
- :mod:`.store`: the media list (order, inline images told from downloads),
  pending uploads and their expiry;
- :mod:`.views`: image uploads from the editor — into a saved document or,
  before the first save, into the draft the upload creates —, the media
  list's actions and ``@@ref``;
- :mod:`.migrate`: existing bodies to references (idempotent).
"""

from .migrate import evolve_bodies
from .store import expire_pending


def includeme(config):
    # after govportal.schedule (its add_periodic_job directive)
    config.add_periodic_job("media.expire", expire_pending)
    config.add_evolution_step(evolve_bodies, name="govportal.media.references")
    config.scan(".views")
    config.scan(".subscribers")
