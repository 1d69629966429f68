"""Navigation entry of the audit trail (imported by CoreConfig.ready)."""

from django.utils.translation import gettext_lazy

from lontar.core.navigation import NavItem, register_nav
from lontar.core.permissions import VIEW_AUDIT

register_nav(
    NavItem(
        "audit",
        gettext_lazy("Jejak Audit"),
        "core:audit_list",
        VIEW_AUDIT,
        order=90,
        description=gettext_lazy("Siapa mengubah apa dan kapan, dengan bukti rantai hash."),
    )
)
