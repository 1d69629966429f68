"""Open311 clients (the apps allowed to post service requests) and what each of them posted.

A client key is shown once when the office administrator creates it; only its HMAC is stored
(`keys.py`). `Open311Submission` links a complaint to the client that posted it, so that client (and
only it) can read its own requests back before they are published, and so the rate limit can count a
client's recent posts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned

DEFAULT_HOURLY_LIMIT = 60


class Open311Client(TenantOwned):
    name = models.CharField(_("nama aplikasi"), max_length=100)
    key_prefix = models.CharField(_("awal kunci"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    hourly_limit = models.PositiveIntegerField(_("batas laporan per jam"), default=DEFAULT_HOURLY_LIMIT)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("klien Open311")
        verbose_name_plural = _("klien Open311")
        ordering = ["-is_active", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class Open311Submission(TenantOwned):
    """One service request posted through Open311: who posted it and what the spec's extra fields said."""

    client = models.ForeignKey(Open311Client, on_delete=models.PROTECT, related_name="submissions")
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="open311_submission"
    )
    token = models.CharField(max_length=32, unique=True, editable=False)
    account_id = models.CharField(max_length=100, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("laporan Open311")
        verbose_name_plural = _("laporan Open311")
        indexes = [models.Index(fields=["client", "created_at"])]

    def __str__(self) -> str:
        return self.token
