from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliesConfig(AppConfig):
    name = "lontar.assets.supplies"
    label = "supplies"
    verbose_name = _("Persediaan (ATK)")

    def ready(self) -> None:
        from lontar.assets.supplies import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.assets.supplies.permissions import grant_supply_actions

        grant_supply_actions()

    def load_demo(self) -> Counter:
        from lontar.assets.supplies.demo import load_supplies_demo

        return load_supplies_demo()
