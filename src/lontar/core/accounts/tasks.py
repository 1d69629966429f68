"""Mail about an account, sent by a task worker after the request's transaction commits.

Sending in the request made a reset request for a real address measurably slower than one for an
unknown address (and an SMTP outage an error page). The task receives only the account id: the link's
token is made when the mail is written, so no secret waits in the queue.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from lontar.core.accounts.services import send_password_link_mail


@task()
def send_password_link(user_id: int, domain: str, use_https: bool) -> bool:
    """Mail `user_id` a link to choose a new password. False when the account cannot receive one."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return False
    send_password_link_mail(user=user, domain=domain, use_https=use_https)
    return True
