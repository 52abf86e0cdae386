"""govportal.audit (being built)."""


def includeme(config):
    pass
