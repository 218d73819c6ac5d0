"""The indicators app's navigation entries and to-dos (manual figures awaiting approval)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs import registry
from civilaffairs.registry import NavItem, Todo

registry.register_nav(
    "indicators",
    [
        NavItem(_("Plan indicators"), "indicators:plan_list", "indicators.view_plan", 10),
        NavItem(_("Manual figures"), "indicators:manualinput_list", "indicators.view_manualinput", 20),
        NavItem(_("Indicator definitions"), "indicators:definition_list", "indicators.view_indicatordefinition", 30),
    ],
)


@registry.register_todos
def manual_input_todos(user):
    """Admins: figures entered by someone else and awaiting their approval."""
    from indicators.models import ManualInput, ManualInputStatus

    if not user.has_perm("indicators.approve_manualinput"):
        return []
    waiting = ManualInput.objects.for_user(user).filter(status=ManualInputStatus.DRAFT).exclude(entered_by=user).count()
    if not waiting:
        return []
    return [
        Todo(
            title=_("%(count)d manual figures await approval") % {"count": waiting},
            url=reverse("indicators:manualinput_list") + "?status=draft",
            category=_("Indicators"),
        )
    ]
