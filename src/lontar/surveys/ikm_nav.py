"""Navigation entry of the IKM report (imported by SurveysConfig.ready), next to the survey entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lontar.core.navigation import NavItem, register_nav
from lontar.surveys.permissions import VIEW_SURVEY

register_nav(
    NavItem(
        "survey_ikm",
        _("Laporan IKM"),
        "survey_reports:report",
        VIEW_SURVEY,
        order=42,
        description=_("Indeks Kepuasan Masyarakat per periode, unit, dan layanan; unduh PDF dan Excel."),
    )
)
