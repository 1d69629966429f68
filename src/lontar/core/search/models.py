"""The search index lives beside the data, in the same database and transaction.

PostgreSQL adds a generated, weighted `tsvector` column with a GIN index and a trigram index on the
title (see `sql.py`); SQLite keeps two FTS5 tables in step. Neither is a Django field, so the model
migrates identically on both databases.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned


class SearchEntry(TenantOwned):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("jenis objek"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("id objek"), max_length=64)
    title = models.CharField(_("judul"), max_length=500)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    restricted = models.BooleanField(_("terbatas"), default=False)
    allowed_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna yang boleh melihat"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        verbose_name = _("entri pencarian")
        verbose_name_plural = _("entri pencarian")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_search_entry_object_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.title
