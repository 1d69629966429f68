from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    """Open311 GeoReport v2 over complaints: its own app label so its tables and migrations stay apart
    from the complaints module's (decision 0018)."""

    name = "lontar.complaints.open311"
    label = "open311"
    verbose_name = _("Open311")

    def ready(self) -> None:
        from lontar.complaints.open311 import nav  # noqa: F401  (navigation, audit labels)
        from lontar.complaints.open311.permissions import grant_open311_actions

        grant_open311_actions()
