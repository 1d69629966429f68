from django.conf import settings

from lontar.core.navigation import header_entries, nav_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "languages": settings.LANGUAGES}
    from lontar.core.notifications.selectors import unread_count

    items = nav_for(user)
    return {
        "nav_entries": header_entries(items),
        "settings_nav_items": [item for item in items if item.group == "settings"],
        "unread_notifications": unread_count(user),
        "languages": settings.LANGUAGES,
    }
