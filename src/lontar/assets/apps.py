from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "lontar.assets"
    label = "assets"
    verbose_name = _("Aset dan rumah tangga")

    def ready(self) -> None:
        from lontar.assets import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.assets.permissions import grant_asset_actions

        grant_asset_actions()

    def load_demo(self) -> Counter:
        from lontar.assets.demo import load_assets_demo

        return load_assets_demo()
