"""Production serving: gunicorn with several worker processes over one prepared build.

The build is made (or checked) once before the workers start; each worker then opens the build
read-only on its first request, keeps one searcher per thread, and switches to a newer build when
'kb build' swaps one in. No worker ever writes.
"""
from __future__ import annotations

from gunicorn.app.base import BaseApplication


class CatalogueServer(BaseApplication):
    def __init__(self, config: dict, options: dict):
        self.app_config = config
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self):
        from app import create_app

        return create_app({**self.app_config, "BUILD_ON_START": False})


def serve(catalogue: str, instance: str, host: str, port: int, workers: int, threads: int) -> None:
    CatalogueServer(
        {"CATALOGUE": catalogue, "INSTANCE": instance},
        {"bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
         "accesslog": "-", "errorlog": "-", "loglevel": "info", "timeout": 30, "graceful_timeout": 10,
         "proc_name": "kennisbank"},
    ).run()
