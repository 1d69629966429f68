from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lontar.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        # Each platform sub-package registers its navigation, dashboard providers, permissions and
        # sign-in audit hooks when imported.
        from lontar.core.accounts import signals  # noqa: F401
        from lontar.core.auditlog import labels as auditlog_labels  # noqa: F401
        from lontar.core.auditlog import nav as auditlog_nav  # noqa: F401
        from lontar.core.auditlog import services as auditlog_services  # noqa: F401
        from lontar.core.documents import registry as documents_registry
        from lontar.core.files import setup as files_setup  # noqa: F401
        from lontar.core.imports import setup as imports_setup  # noqa: F401
        from lontar.core.notifications import nav as notifications_nav  # noqa: F401
        from lontar.core.numbering import nav as numbering_nav  # noqa: F401
        from lontar.core.orgadmin import nav as orgadmin_nav  # noqa: F401
        from lontar.core.search import setup as search_setup  # noqa: F401
        from lontar.core.workdays import nav as workdays_nav  # noqa: F401

        documents_registry.register()
