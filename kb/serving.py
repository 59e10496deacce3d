"""Keep the site on the newest good build: open it once, and switch when a new one is swapped in."""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from kb import build as builder
from kb.store import Store

log = logging.getLogger(__name__)


class InstanceNotWritable(RuntimeError):
    pass


def check_instance(instance: Path) -> None:
    try:
        instance.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InstanceNotWritable(f"De instance-map {instance} kan niet worden aangemaakt ({exc.strerror}). "
                                  "Kies met KB_INSTANCE een map waarin de site mag schrijven.") from None
    if not os.access(instance, os.W_OK | os.X_OK):
        raise InstanceNotWritable(f"De site mag niet schrijven in de instance-map {instance}. Geef schrijfrechten "
                                  "of kies met KB_INSTANCE een andere map.")


class StoreHolder:
    """The store in use. A request asks for it; when instance/current names a newer build, the
    holder opens that one and the old one is left to finish the requests that still use it."""

    def __init__(self, instance: Path):
        self.instance = Path(instance)
        self._pointer = self.instance / builder.CURRENT
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._pointer_mtime: float | None = None

    def _pointer_stamp(self):
        try:
            return os.stat(self._pointer).st_mtime_ns
        except OSError:
            return None

    def get(self) -> Store:
        stamp = self._pointer_stamp()
        store = self._store
        if store is not None and stamp == self._pointer_mtime:
            return store
        with self._lock:
            if self._store is None or stamp != self._pointer_mtime:
                path = builder.current_build(self.instance)
                if path is None:
                    if self._store is not None:
                        return self._store
                    raise RuntimeError("Er is nog geen bouw van de catalogus. Draai 'python -m kb build'.")
                if self._store is None or path != self._store.path:
                    log.info("Bouw %s in gebruik genomen", path.name)
                    self._store = Store(path)
                self._pointer_mtime = stamp
            return self._store
