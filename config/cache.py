"""The Redis cache, failing open: while Redis does not answer, each process keeps its counters in memory.

Rate limits (allauth's and django-ratelimit's) and "mail me my link" live in the cache. Without this, a
stopped Redis turns sign-in, sign-up, password reset and the registration form into server errors; with
it they go on, limited per process, and one warning per outage says so.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10  # while Redis is down, ask it again at most this often (not on every call)
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)


class _Outage:
    """Whether Redis at one location is down, shared by the threads of a process (Django makes one cache
    object per thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def skip_redis(self) -> bool:
        return self.down and time.monotonic() < self.retry_at

    def failed(self, location: str, error: Exception) -> None:
        with self.lock:
            self.retry_at = time.monotonic() + RETRY_SECONDS
            if self.down:
                return
            self.down = True
        logger.warning(
            "Redis at %s does not answer (%s): rate limits and the cache use this process's memory "
            "until it is back",
            location,
            error,
        )

    def answered(self, location: str) -> None:
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.info("Redis at %s answers again: rate limits are shared again", location)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        with _outages_lock:
            self._outage = _outages.setdefault(self._location, _Outage())
        self._memory = LocMemCache(
            f"redis-fallback:{self._location}",
            {key: value for key, value in params.items() if key not in {"BACKEND", "LOCATION", "OPTIONS"}},
        )

    def _either(self, name: str, *args, **kwargs):
        if not self._outage.skip_redis():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except REDIS_DOWN as error:
                self._outage.failed(self._location, error)
            else:
                self._outage.answered(self._location)
                return result
        return getattr(self._memory, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._either("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._either("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._either("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._either("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._either("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._either("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._either("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._either("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._either("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._either("delete_many", *args, **kwargs)

    def clear(self):
        self._memory.clear()
        return self._either("clear")
