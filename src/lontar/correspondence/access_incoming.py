"""Who may see and act on an incoming letter: the security classification and the letter's chain.

A letter classified Biasa is read by everyone in its office whose role grants `view_incoming`.
A letter classified Terbatas, Rahasia or Sangat Rahasia is read only by its chain: the person who
registered it, the head and the secretary of its office (their own office, not the offices below),
and everyone in its disposition tree (senders, and recipients of dispositions not withdrawn).

The same definition is written twice, once per object (`letter_rule`, for `authorize`) and once as
SQL (`chain_q`, for lists and counts); tests hold both to the same cases. The search index stores
`chain_user_ids` as the allowed users of a restricted letter's entries.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from lontar.core.models import Membership, Role
from lontar.correspondence.models import (
    OPEN_DISPOSITION_STATES,
    Disposition,
    DispositionStatus,
    IncomingLetter,
    IncomingStatus,
    SecurityClass,
)

VIEW_INCOMING = "correspondence.view_incoming"
REGISTER_INCOMING = "correspondence.register_incoming"
DISPOSE = "correspondence.dispose"
CLOSE_INCOMING = "correspondence.close_incoming"
RECEIVE_DISPOSITION = "correspondence.receive_disposition"
MANAGE_SENT_DISPOSITION = "correspondence.manage_sent_disposition"
MANAGE_INSTRUCTIONS = "correspondence.manage_instructions"

LEADERS = (Role.HEAD, Role.SECRETARY)


def leader_office_ids(user) -> list[int]:
    """Offices where `user` is head or secretary by a membership of that office itself."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(
            user=user, is_active=True, role__in=LEADERS, organisation__is_active=True
        ).values_list("organisation_id", flat=True)
    )


def leader_user_ids(organisation_id: int) -> set[int]:
    return set(
        Membership.objects.filter(
            organisation_id=organisation_id, is_active=True, role__in=LEADERS, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def chain_q(user, prefix: str = "") -> Q:
    """Letters (or, with `prefix="letter__"`, rows pointing at letters) in `user`'s chain, as SQL."""
    letter_ref = OuterRef(f"{prefix}pk") if prefix else OuterRef("pk")
    received = Disposition.objects.live().filter(letter=letter_ref, recipient=user)
    sent = Disposition.objects.filter(letter=letter_ref, sender=user)
    return (
        Q(**{f"{prefix}registered_by": user})
        | Q(**{f"{prefix}organisation_id__in": leader_office_ids(user)})
        | Exists(received)
        | Exists(sent)
    )


def readable_q(user, prefix: str = "") -> Q:
    """Open letters, or restricted letters in the user's chain (office and role checked apart)."""
    return Q(**{f"{prefix}security": SecurityClass.OPEN}) | chain_q(user, prefix)


def chain_user_ids(letter: IncomingLetter) -> set[int]:
    ids = leader_user_ids(letter.organisation_id)
    if letter.registered_by_id:
        ids.add(letter.registered_by_id)
    for sender_id, recipient_id, status in Disposition.objects.filter(letter=letter).values_list(
        "sender_id", "recipient_id", "status"
    ):
        ids.add(sender_id)
        if status != DispositionStatus.WITHDRAWN:
            ids.add(recipient_id)
    return ids


def in_chain(user, letter: IncomingLetter) -> bool:
    if letter.registered_by_id == user.pk or letter.organisation_id in leader_office_ids(user):
        return True
    received = Disposition.objects.live().filter(letter=letter, recipient=user)
    return received.exists() or Disposition.objects.filter(letter=letter, sender=user).exists()


def is_top_holder(user, letter: IncomingLetter) -> bool:
    """The head and the secretary hold every letter of their office before anyone else does."""
    return letter.organisation_id in leader_office_ids(user)


def held_dispositions(user, letter: IncomingLetter):
    """The open dispositions of `letter` addressed to `user`: what lets them pass it on."""
    return Disposition.objects.filter(letter=letter, recipient=user, status__in=OPEN_DISPOSITION_STATES)


def letter_rule(user, action: str, letter: IncomingLetter) -> bool:
    if letter.security != SecurityClass.OPEN and not in_chain(user, letter):
        return False
    if action == DISPOSE:
        if letter.status in (IncomingStatus.DONE, IncomingStatus.FILED):
            return False
        return is_top_holder(user, letter) or held_dispositions(user, letter).exists()
    if action == CLOSE_INCOMING:
        return is_top_holder(user, letter)
    return True


def disposition_rule(user, action: str, disposition: Disposition) -> bool:
    letter = disposition.letter
    if letter.security != SecurityClass.OPEN and not in_chain(user, letter):
        return False
    if action == RECEIVE_DISPOSITION:
        return disposition.recipient_id == user.pk
    if action == MANAGE_SENT_DISPOSITION:
        return disposition.sender_id == user.pk
    if action == VIEW_INCOMING:
        return letter.security == SecurityClass.OPEN or in_chain(user, letter)
    return True
