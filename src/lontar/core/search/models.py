"""The search index lives beside the data, in the same database and transaction.

PostgreSQL adds a generated, weighted `tsvector` column with a GIN index and a trigram index on the
title (see `sql.py`); SQLite keeps two FTS5 tables in step. Neither is a Django field, so the model
migrates identically on both databases.
"""

from __future__ import annotations

import re

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
    # Facets any module may fill, so search can filter in SQL beside the permission filter.
    kind = models.CharField(_("jenis"), max_length=40, blank=True, default="")
    occurred_on = models.DateField(_("tanggal"), null=True, blank=True)
    classification_code = models.CharField(_("kode klasifikasi"), max_length=30, blank=True, default="")
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=40, blank=True, default="")
    party = models.CharField(_("pengirim/penerima"), max_length=300, blank=True, default="")
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        verbose_name = _("entri pencarian")
        verbose_name_plural = _("entri pencarian")
        indexes = [
            models.Index(fields=["organisation", "kind", "occurred_on"], name="core_search_facet_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_search_entry_object_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.title


# What counts as a word of the typo vocabulary: letters and digits only (never query syntax).
VOCABULARY_WORD = re.compile(r"[^\W_]+")


class SearchWord(models.Model):
    """Every word that appears in an entry's title, once (kota-wide): the vocabulary a misspelt
    query is corrected against on PostgreSQL (pg_trgm's recommended way to suggest spellings).
    A corrected query then runs through the same permission-filtered full-text search, so the
    vocabulary itself is never shown to anyone."""

    word = models.CharField(_("kata"), max_length=60, primary_key=True)

    class Meta:
        db_table = "core_search_word"
        verbose_name = _("kata indeks pencarian")
        verbose_name_plural = _("kata indeks pencarian")

    def __str__(self) -> str:
        return self.word
