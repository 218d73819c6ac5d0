"""Extension points other apps fill: programmes shown on a person's page, to-dos on the home page, navigation.

Each provider is a function of the viewer; it must itself scope what it returns with ``for_user``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Programme:
    """A person's membership in a programme (低保, 特困, 养老补贴…), as shown on the person page."""

    name: str
    status: str
    since: datetime.date | None = None
    until: datetime.date | None = None
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False
    category: str = ""
    detail: str = ""
    sort_key: tuple = field(default=(), compare=False)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100


programme_providers: list[Callable] = []
todo_providers: list[Callable] = []
nav_sections: dict[str, list[NavItem]] = {}


def register_programmes(func: Callable) -> Callable:
    """``func(person, user) -> Iterable[Programme]``."""
    programme_providers.append(func)
    return func


def register_todos(func: Callable) -> Callable:
    """``func(user) -> Iterable[Todo]``."""
    todo_providers.append(func)
    return func


def register_nav(section: str, items: Iterable[NavItem]) -> None:
    nav_sections.setdefault(section, []).extend(items)
    nav_sections[section].sort(key=lambda item: item.order)


def programmes_for(person, user) -> list[Programme]:
    return [p for provider in programme_providers for p in provider(person, user)]


def todos_for(user) -> list[Todo]:
    items = [t for provider in todo_providers for t in provider(user)]
    far = datetime.date.max
    return sorted(items, key=lambda t: (t.due or far, t.sort_key, t.title))
