"""Benchmarks at county scale, run by ``make bench`` (``manage.py bench``): each prints numbers, none asserts.

Apps register ``func(ctx) -> list[tuple[str, float, str]]`` (label, value, unit) in ``<app>/bench.py``. Timing
assertions never go in the test suite (brief: Standards).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class BenchContext:
    scale: float
    results: list[tuple[str, float, str]] = field(default_factory=list)

    @contextmanager
    def timer(self, label: str):
        start = time.perf_counter()
        yield
        self.results.append((label, (time.perf_counter() - start) * 1000, "ms"))

    def record(self, label: str, value: float, unit: str) -> None:
        self.results.append((label, value, unit))


@dataclass(frozen=True)
class Benchmark:
    name: str
    order: int
    func: Callable[[BenchContext], None]


_benchmarks: list[Benchmark] = []


def register_benchmark(name: str, order: int = 100):
    def wrap(func):
        _benchmarks.append(Benchmark(name, order, func))
        return func

    return wrap


def benchmarks() -> list[Benchmark]:
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.bench")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.bench":
                raise
    return sorted(_benchmarks, key=lambda b: b.order)
