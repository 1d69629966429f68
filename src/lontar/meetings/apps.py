from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "lontar.meetings"
    label = "meetings"
    verbose_name = _("Rapat")

    def ready(self) -> None:
        from lontar.correspondence.services.outgoing import register_sent_hook
        from lontar.meetings import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.meetings.permissions import grant_meeting_actions
        from lontar.meetings.services.invitations import on_invitation_sent

        grant_meeting_actions()
        # A sent surat undangan of a meeting is delivered to its invitees with a calendar file.
        register_sent_hook(on_invitation_sent)

    def load_demo(self) -> Counter:
        from lontar.meetings.demo import load_meetings_demo

        return load_meetings_demo()
