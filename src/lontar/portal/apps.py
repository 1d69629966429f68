from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The citizens' website where it spans modules: pages that compose the public parts of several
    modules (decision 0013), such as the transparency dashboard."""

    name = "lontar.portal"
    label = "portal"
    verbose_name = _("Portal warga")
