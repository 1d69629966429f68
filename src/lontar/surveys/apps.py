from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "lontar.surveys"
    label = "surveys"
    verbose_name = _("Survei kepuasan masyarakat")

    def ready(self) -> None:
        from lontar.core import audit
        from lontar.surveys import ikm_nav, nav  # noqa: F401  (navigation)
        from lontar.surveys.ikm_permissions import grant_ikm_actions
        from lontar.surveys.permissions import grant_surveys_actions

        grant_surveys_actions()
        grant_ikm_actions()
        audit.register_action_labels(
            _("Survei kepuasan masyarakat"),
            {
                "surveys.questionnaire.create": _("Kuesioner SKM dibuat"),
                "surveys.questionnaire.update": _("Kuesioner SKM diubah"),
                "surveys.questionnaire.new_version": _("Versi baru kuesioner SKM dibuat"),
                "surveys.response.submit": _("Survei kepuasan diisi"),
                "surveys.kiosk.activate": _("Kios survei diaktifkan"),
                "surveys.kiosk.deactivate": _("Kios survei dinonaktifkan"),
                "surveys.follow_up.create": _("Rencana tindak lanjut SKM dibuat"),
                "surveys.follow_up.update": _("Rencana tindak lanjut SKM diubah"),
                "surveys.ikm.export": _("Laporan IKM diunduh"),
            },
        )

    def load_demo(self) -> Counter:
        from lontar.surveys.demo import load_surveys_demo

        return load_surveys_demo()
