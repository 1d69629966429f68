"""Navigation entry for issued documents, registered from CoreConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from lontar.core.navigation import NavItem, register_nav
from lontar.core.permissions import VIEW_DOCUMENT


def register() -> None:
    register_nav(
        NavItem(
            key="issued_documents",
            label=_("Naskah Terbit"),
            url_name="core:document_list",
            action=VIEW_DOCUMENT,
            order=80,
            description=_("Naskah yang sudah ditandatangani, dengan sidik SHA-256."),
        )
    )
