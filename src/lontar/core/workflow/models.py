"""Models of the workflow primitive: the mixin for workflow-driven objects and the status history."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet

_NOT_LOADED = object()
# The fields only `transition` writes. An ordinary save never writes them, so a stale copy of an object
# cannot put back the state, time or deadline a concurrent transition just set.
WORKFLOW_FIELDS = ("status", "status_changed_at", "due_date")


class WorkflowModel(TenantOwned):
    """Abstract base of an object moved by a `Workflow` (set `workflow` on the subclass).

    A new object starts in `workflow.initial` (an empty status is filled in; any other status is
    refused). After that `status`, `status_changed_at` and `due_date` change only through
    `lontar.core.workflow.services.transition`: `save()` leaves them out of its UPDATE and raises
    ValueError when one of them was changed by hand, so the rule "every state change goes through a
    service, with history and audit" cannot be broken by accident (`QuerySet.update` and
    `bulk_update` skip `save` and remain off limits for these fields by convention). Subclasses may
    redeclare `status` with their states' `choices` (for forms and admin); the default works as is.
    """

    workflow = None

    status = models.CharField(_("status"), max_length=40)
    status_changed_at = models.DateTimeField(_("status berubah pada"), null=True, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_workflow_fields()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self._remember_workflow_fields()

    def _remember_workflow_fields(self) -> None:
        self._stored_workflow = {name: self.__dict__.get(name, _NOT_LOADED) for name in WORKFLOW_FIELDS}

    def _changed_workflow_fields(self) -> list[str]:
        stored = getattr(self, "_stored_workflow", {})
        return [
            name
            for name in WORKFLOW_FIELDS
            if name in self.__dict__
            and stored.get(name, _NOT_LOADED) is not _NOT_LOADED
            and self.__dict__[name] != stored[name]
        ]

    def save(self, *args, **kwargs):
        if self._state.adding:
            initial = str(self.workflow.initial)
            self.status = str(self.status or initial)
            if self.status != initial:
                raise ValueError(
                    f"a new {type(self).__name__} starts in {initial!r}, not {self.status!r}; "
                    "move it on with lontar.core.workflow.services.transition"
                )
        elif not getattr(self, "_in_transition", False):
            changed = self._changed_workflow_fields()
            if changed:
                raise ValueError(
                    f"{type(self).__name__}.{', '.join(changed)} change only through "
                    "lontar.core.workflow.services.transition"
                )
            requested = kwargs.get("update_fields")
            kwargs["update_fields"] = [
                name
                for name in (self._loaded_field_names() if requested is None else requested)
                if name not in WORKFLOW_FIELDS
            ]
            if not kwargs["update_fields"]:
                return
        super().save(*args, **kwargs)
        self._remember_workflow_fields()

    def _loaded_field_names(self) -> list[str]:
        deferred = self.get_deferred_fields()
        return [f.name for f in self._meta.concrete_fields if not f.primary_key and f.attname not in deferred]

    def _save_transition(self, update_fields) -> None:
        """How `transition` writes the new state: through `save`, so subclasses' save logic runs."""
        self._in_transition = True
        try:
            self.save(update_fields=update_fields)
        finally:
            self._in_transition = False

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
