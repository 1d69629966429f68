from django.conf import settings

from lontar.core.navigation import nav_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "languages": settings.LANGUAGES}
    from lontar.core.notifications.selectors import unread_count

    return {
        "nav_items": nav_for(user),
        "unread_notifications": unread_count(user),
        "languages": settings.LANGUAGES,
    }
