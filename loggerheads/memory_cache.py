"""A process-memory cache that keeps objects as they are, for the per-revision page parts.

Django's LocMemCache pickles every value on the way in and out, so that a caller cannot
change what another one reads. The parts cache (settings.PARTS_CACHE) holds only immutable
values (rendered HTML strings, tuples of facet rows), for which the copy is pure cost: a
large summit's facet rows took 4 ms a request to unpickle.
"""

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class ObjectCache(LocMemCache):
    """LocMemCache without the pickling: store only values nobody mutates."""

    # Private to Django's LocMemCache, so django-stubs leaves them out.
    _lock: Lock
    _cache: OrderedDict[str, Any]
    _has_expired: Callable[[str], bool]
    _set: Callable[[str, Any, float | None], None]
    _delete: Callable[[str], bool]

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)
