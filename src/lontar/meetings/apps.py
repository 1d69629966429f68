from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _outgoing_status_changed(sender, instance, created, **kwargs) -> None:
    """When a surat undangan linked to a meeting is sent, deliver it to the invitees (after commit)."""
    if not created or instance.to_state != "sent":
        return
    if (
        instance.content_type.app_label != "correspondence"
        or instance.content_type.model != "outgoingdocument"
    ):
        return
    from lontar.meetings.services.invitations import on_invitation_sent

    on_invitation_sent(int(instance.object_id))


class MeetingsConfig(AppConfig):
    name = "lontar.meetings"
    label = "meetings"
    verbose_name = _("Rapat")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from lontar.core.workflow.models import StatusChange
        from lontar.meetings import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.meetings.permissions import grant_meeting_actions

        grant_meeting_actions()
        post_save.connect(
            _outgoing_status_changed, sender=StatusChange, dispatch_uid="meetings_invitation_sent"
        )

    def load_demo(self) -> Counter:
        from lontar.meetings.demo import load_meetings_demo

        return load_meetings_demo()
