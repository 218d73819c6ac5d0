from django.urls import NoReverseMatch, reverse

from civilaffairs import registry
from civilaffairs.navigation import NAV_SECTION_LABELS


def navigation(request):
    """The navigation menu the user may use: only entries whose permission they hold."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    menu = []
    for key, label in NAV_SECTION_LABELS.items():
        entries = []
        for item in registry.nav_sections.get(key, []):
            if item.permission and not user.has_perm(item.permission):
                continue
            try:
                entries.append({"label": item.label, "url": reverse(item.url_name)})
            except NoReverseMatch:
                continue
        if entries:
            menu.append({"label": label, "entries": entries})
    return {"nav_menu": menu}
