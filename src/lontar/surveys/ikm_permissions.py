"""Actions of the IKM reports (granted from SurveysConfig.ready through `grant_ikm_actions`).

Reading a report and downloading it needs `VIEW_SURVEY` (head, Sekcam, section heads — the Kasubag TU
among them —, office administrator, auditor). The follow-up plan (rencana tindak lanjut) is written by
the leadership that answers for it: the head, the Sekcam and the section heads; the auditor reads it."""

from lontar.core.models import Role
from lontar.core.permissions import grant

MANAGE_FOLLOW_UP = "surveys.manage_follow_up"
FOLLOW_UP_MANAGERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD]


def grant_ikm_actions() -> None:
    grant(FOLLOW_UP_MANAGERS, MANAGE_FOLLOW_UP)
