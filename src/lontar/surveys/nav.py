"""Navigation of the survey screens (imported by SurveysConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lontar.core.navigation import NavItem, register_nav
from lontar.surveys.permissions import RUN_KIOSK, VIEW_SURVEY

register_nav(
    NavItem(
        "surveys",
        _("Survei kepuasan"),
        "surveys:responses",
        VIEW_SURVEY,
        order=40,
        description=_("Isian Survei Kepuasan Masyarakat (SKM), kuesioner, dan kios survei di loket."),
    )
)
register_nav(
    NavItem(
        "survey_kiosks",
        _("Kios survei"),
        "surveys:kiosks",
        RUN_KIOSK,
        order=41,
        description=_("Aktifkan tablet loket sebagai kios survei kepuasan, atau nonaktifkan."),
    )
)
