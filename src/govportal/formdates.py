"""Dates typed into forms (``YYYY-MM-DD``), shared by the form steps of
disclosure applications and of service cases."""

from datetime import date


def iso_date(value, invalid):
    """``value`` (a form string) as a date, None when empty; ``invalid()`` is
    called (it refuses, i.e. raises) when it is not a ``YYYY-MM-DD`` date."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        invalid()
