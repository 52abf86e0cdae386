"""govportal.hardening (being built)."""


def includeme(config):
    pass
