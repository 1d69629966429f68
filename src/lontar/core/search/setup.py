"""Navigation of search, wired from CoreConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from lontar.core.navigation import NavItem, register_nav

register_nav(
    NavItem(
        key="search",
        label=_("Cari"),
        url_name="core:search",
        icon="search",
        order=90,
        description=_("Temukan naskah dan berkas yang boleh Anda lihat."),
    )
)
