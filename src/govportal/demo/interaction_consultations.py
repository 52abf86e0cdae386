"""Demo data of 互动交流: consultations (filled in by its channel)."""


def build(root, request, principals, full):
    """Create the demo's consultations if absent (idempotent)."""
