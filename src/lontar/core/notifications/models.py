"""In-app notifications (the inbox with an unread count)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import Organisation, TenantQuerySet


class NotificationQuerySet(TenantQuerySet):
    def for_recipient(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", _("surel")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("menunggu")
    SENDING = "sending", _("sedang dikirim")
    SENT = "sent", _("terkirim")
    LOGGED = "logged", _("hanya dicatat (gateway pengembangan, tidak terkirim)")
    FAILED = "failed", _("gagal")


class Delivery(models.Model):
    """One notification sent over one outside channel.

    The row is the task's memory: a delivery that is `sent` (or `logged`) is never sent again, so a
    retried or duplicated task cannot message the recipient twice.
    """

    notification = models.ForeignKey(
        Notification, verbose_name=_("notifikasi"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("saluran"), max_length=16, choices=Channel.choices)
    address = models.CharField(_("alamat tujuan"), max_length=254)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    last_attempt_at = models.DateTimeField(_("percobaan terakhir"), null=True, blank=True)
    # When a failed delivery may be tried again (backoff); empty once it is sent or given up.
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    provider = models.CharField(_("penyedia"), max_length=100, blank=True)
    provider_reference = models.CharField(_("referensi penyedia"), max_length=200, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengiriman notifikasi")
        verbose_name_plural = _("pengiriman notifikasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_retry_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}: {self.get_status_display()}"


class NotificationPreference(models.Model):
    """Which outside channels a user wants notifications on. No row means every channel is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("kirim lewat surel"), default=True)
    sms = models.BooleanField(_("kirim lewat SMS"), default=True)
    whatsapp = models.BooleanField(_("kirim lewat WhatsApp"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan notifikasi")
        verbose_name_plural = _("pengaturan notifikasi")

    def __str__(self) -> str:
        return str(self.user)

    def allows(self, channel: str) -> bool:
        return bool(getattr(self, channel, False))
