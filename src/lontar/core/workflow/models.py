"""Models of the workflow primitive: the mixin for workflow-driven objects and the status history."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet


class WorkflowModel(TenantOwned):
    """Abstract base of an object moved by a `Workflow` (set `workflow` on the subclass).

    Subclasses usually redeclare `status` with their states' `choices` and initial `default`.
    Never assign `status` directly: call `lontar.core.workflow.services.transition`.
    """

    workflow = None

    status = models.CharField(_("status"), max_length=40)
    status_changed_at = models.DateTimeField(_("status berubah pada"), null=True, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)

    class Meta:
        abstract = True

    def get_status_label(self) -> str:
        return self.workflow.label_of(self.status) if self.workflow else self.status


class StatusChangeQuerySet(TenantQuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
        )


class StatusChange(TenantOwned):
    """One transition of one object. Append-only: written by `transition`, never edited."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("jenis objek"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("id objek"))
    content_object = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(_("transisi"), max_length=60)
    from_state = models.CharField(_("dari status"), max_length=40)
    to_state = models.CharField(_("ke status"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"))
    note = models.TextField(_("catatan"), blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="statuschange_object_idx")]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state} ({self.transition})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("StatusChange is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("StatusChange is append-only")
