"""Reference data loaders (regions, standards, plans), run in order by ``manage.py load_reference``.

Each loader is idempotent: it upserts on natural keys, so running it again after a fixture changes updates
the rows and touches nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass(frozen=True)
class Loader:
    name: str
    order: int
    func: Callable[..., str]


_loaders: list[Loader] = []


def register_loader(name: str, order: int):
    """Decorate ``func(stdout) -> summary`` as a reference-data loader."""

    def wrap(func):
        _loaders.append(Loader(name, order, func))
        return func

    return wrap


def loaders() -> list[Loader]:
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.reference")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.reference":
                raise
    return sorted(_loaders, key=lambda loader: loader.order)


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@register_loader("regions", order=10)
def load_regions(stdout=None) -> str:
    from civilaffairs.services import regions_load

    count, stats = regions_load()
    return f"{count} regions, {stats} region statistics"
