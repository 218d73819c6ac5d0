"""Child welfare in the menu, on the home page's to-do list and on the person page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs import registry
from civilaffairs.registry import NavItem, Programme, Todo

registry.register_nav(
    "childwelfare",
    [
        NavItem(
            gettext_lazy("Minor-protection stations"),
            "childwelfare:station_list",
            "childwelfare.view_minorprotectionstation",
            10,
        ),
        NavItem(
            gettext_lazy("Child-welfare institutions"),
            "childwelfare:institution_list",
            "childwelfare.view_childwelfareinstitution",
            20,
        ),
        NavItem(
            gettext_lazy("Child supervisors and directors"),
            "childwelfare:worker_list",
            "childwelfare.view_childworker",
            30,
        ),
    ],
)


@registry.register_todos
def childwelfare_todos(user) -> list[Todo]:
    """Serving 儿童督导员 / 儿童主任 without induction training (the plans' 参训率 100%: notes/000.md §3 #38)."""
    from childwelfare.models import ChildWorker

    if not user.has_perm("childwelfare.change_childworker"):
        return []
    untrained = ChildWorker.objects.for_user(user).serving_on(timezone.localdate()).filter(trained_on__isnull=True)
    count = untrained.count()
    if not count:
        return []
    return [
        Todo(
            title=_("%(n)d child supervisors and directors have had no induction training") % {"n": count},
            url=reverse("childwelfare:worker_list") + "?trained=false&serving=true",
            category=_("Child welfare"),
        )
    ]


@registry.register_programmes
def childwelfare_programmes(person, user) -> list[Programme]:
    """The person's posts as 儿童督导员 / 儿童主任."""
    from childwelfare.models import ChildWorker

    if not user.has_perm("childwelfare.view_childworker"):
        return []
    posts = ChildWorker.objects.for_user(user).filter(person=person).select_related("region", "region__parent")
    return [
        Programme(
            name=post.get_role_display(),
            status=_("serving") if post.left_on is None else _("left the post"),
            since=post.appointed_on,
            until=post.left_on,
            url=post.get_absolute_url(),
            detail=post.region.full_name,
        )
        for post in posts.order_by("-appointed_on")
    ]
