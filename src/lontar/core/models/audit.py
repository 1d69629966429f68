"""The append-only audit trail. Each event carries the hash of the one before it in its chain.

Three guards keep it append-only: the model and its queryset refuse to save an existing event or to
update/delete any; the database refuses UPDATE and DELETE on the table (a trigger, migration 0003);
and `verify_audit` recomputes the chain, so a change made around both still shows.

The actor and the office are stored as plain ids (no foreign-key constraint, DO_NOTHING on delete):
deleting an account or an office must not rewrite the events that name it, which would both be
refused by the trigger and break the hash chain.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation, TenantQuerySet

# The actor label of events written by Lontar itself (the demo loader, scheduled work, imports).
SYSTEM_ACTOR_LABEL = "sistem"


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(TenantQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """The last link of one chain. Chains are per organisation (0 = deployment-wide), so offices
    never wait on each other's audit writes; the row lock serialises writers within a chain."""

    chain_key = models.BigIntegerField(primary_key=True)
    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"{self.chain_key}#{self.last_sequence}"


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("objek"), max_length=255, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("sesudah"), null=True, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(_("id permintaan"), max_length=64, blank=True)
    ip_address = models.CharField(_("alamat IP"), max_length=64, blank=True)
    chain_key = models.BigIntegerField(editable=False)
    sequence = models.BigIntegerField(editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain_key", "sequence"], name="audit_chain_sequence_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "-occurred_at"], name="audit_org_time_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def actor_display(self) -> str:
        """The actor as the screens show it: the stored label, with work done by the system itself named
        in the reader's language (the stored "sistem" is hashed data and never changes)."""
        if self.actor_label == SYSTEM_ACTOR_LABEL:
            return str(_("sistem"))
        return self.actor_label

    def hashed_content(self) -> dict:
        return {
            "chain_key": self.chain_key,
            "sequence": self.sequence,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "organisation_id": self.organisation_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "request_id": self.request_id,
            "ip_address": self.ip_address,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        payload = json.dumps(
            self.hashed_content(), sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder
        )
        return hashlib.sha256(payload.encode()).hexdigest()
