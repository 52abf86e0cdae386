"""The token bucket of :mod:`govportal.api.ratelimit` (a fake clock)."""

from govportal.api.ratelimit import TokenBucket, parse_rate


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_bucket_spends_refills_and_keys_apart():
    clock = Clock()
    bucket = TokenBucket(3, 60, clock=clock)
    assert [bucket.take("a") for _i in range(3)] == [0, 0, 0]
    wait = bucket.take("a")
    assert 19 < wait <= 20  # one request back every 20 s
    assert bucket.take("b") == 0  # another client, its own bucket
    clock.now += 20
    assert bucket.take("a") == 0
    assert bucket.take("a") > 0
    clock.now += 3600  # never more than the capacity
    assert [bucket.take("a") for _i in range(4)][:3] == [0, 0, 0]


def test_parse_rate():
    assert parse_rate("600/60") == (600, 60.0)
    assert parse_rate("x", (1, 2.0)) == (1, 2.0)
    assert parse_rate("0/60", (1, 2.0)) == (1, 2.0)
    assert parse_rate("5/-1", (1, 2.0)) == (1, 2.0)
