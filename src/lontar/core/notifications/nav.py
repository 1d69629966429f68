from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lontar.core.background import MANAGE_BACKGROUND_JOBS
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.notifications.selectors import unread_count

register_nav(
    NavItem(
        key="background_jobs",
        label=_("Pekerjaan Latar"),
        url_name="core:background_jobs",
        action=MANAGE_BACKGROUND_JOBS,
        order=990,
        description=_("Antrean tugas, kiriman surel dan pesan yang gagal."),
        group="settings",
    )
)


def unread_notifications_work(user) -> list[PendingWork]:
    count = unread_count(user)
    if not count:
        return []
    return [
        PendingWork(
            label=gettext("Notifikasi belum dibaca"),
            count=count,
            url=reverse("core:notifications"),
            severity="warning",
        )
    ]


register_pending_work(unread_notifications_work)
