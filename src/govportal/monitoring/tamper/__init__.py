"""Placeholder until this part of the monitor lands (see govportal.monitoring)."""


def includeme(config):
    pass
