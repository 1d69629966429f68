from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "lontar.correspondence"
    label = "correspondence"
    verbose_name = _("Persuratan")

    def ready(self) -> None:
        # Permissions, navigation, search kinds, audit labels and importers of each part register here.
        from lontar.correspondence import (
            permissions,  # noqa: F401
            setup_import,  # noqa: F401
            setup_incoming,  # noqa: F401
            setup_outgoing,
            setup_recap,  # noqa: F401
        )

        setup_outgoing.register()

    def load_demo(self):
        from collections import Counter

        from lontar.correspondence.demo_incoming import load_incoming_demo
        from lontar.correspondence.demo_outgoing import load_outgoing_demo

        created = Counter()
        created.update(load_incoming_demo())
        created.update(load_outgoing_demo())
        return created
