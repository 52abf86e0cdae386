"""在线调查 (regulation 第二十六条, checklist D5)."""


def includeme(config):
    config.scan(".model")
