"""Messages to citizens, who hold no account: an e-mail and a short message (SMS/WhatsApp gateway) to
the contacts they gave. Used by the modules' notices (application status, complaint responses, booking
confirmations), which run as tasks after commit.

A failing channel is logged and never raised: a mail server or gateway outage must not undo or block
the change the notice is about."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

from lontar.core.notifications.gateways import get_gateway

logger = logging.getLogger(__name__)


def send_to_citizen(*, email: str, phone: str, subject: str, body: str, sms: str, about: str) -> list[str]:
    """Send `body` by e-mail and `sms` by the gateway where a contact is given; returns the channels
    that went out ("surel", "telepon"). `about` names the notice in the log ("complaint 12, responded")."""
    sent = []
    if email:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
            sent.append("surel")
        except Exception:
            logger.exception("%s: e-mail not sent", about)
    if phone:
        try:
            result = get_gateway().send(phone, sms)
            if result.ok:
                sent.append("telepon")
            else:
                logger.warning("%s: message refused by the gateway: %s", about, result.error)
        except Exception:
            logger.exception("%s: message not sent", about)
    return sent
