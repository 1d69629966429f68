"""Actions of the surveys module and who holds them (granted from SurveysConfig.ready).

The head (Camat/Lurah), the Sekcam and the section heads (the Kasubag TU among them: the role model
does not tell a Kasubag from a Kasi) read the responses and the results; the office administrator and
the section heads configure the questionnaire (the Kasubag TU keeps it in practice); the front desk
activates the counter kiosks and records counter-assisted responses; the auditor reads everything
(read actions only, by construction). Citizens hold no role: they answer through the invitation of
their own application (number and secret, see `public_services/access.py`) or at an activated kiosk.
"""

from lontar.core.models import Role
from lontar.core.permissions import grant

VIEW_SURVEY = "surveys.view_survey"
CONFIGURE_SURVEY = "surveys.configure_survey"
RUN_KIOSK = "surveys.run_kiosk"

READERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR]
CONFIGURERS = [Role.ORG_ADMIN, Role.SECTION_HEAD]
KIOSK_RUNNERS = [Role.FRONT_DESK, Role.ORG_ADMIN, Role.SECTION_HEAD]


def grant_surveys_actions() -> None:
    grant(READERS, VIEW_SURVEY)
    grant(CONFIGURERS, CONFIGURE_SURVEY)
    grant(KIOSK_RUNNERS, RUN_KIOSK)
