"""Demo data of 互动交流: answers (filled in by its channel)."""


def build(root, request, principals, full):
    """Create the demo's answers if absent (idempotent)."""
