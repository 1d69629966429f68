"""One search box across incoming letters, dispositions, outgoing documents and attachment text, with
filters (dates, sender, classification, status, unit, kind) applied in the same SQL as the permission
filter. Restricted letters stay in their chain whatever the filters."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lontar.core.files.models import StoredFile
from lontar.core.files.tasks import process_stored_file
from lontar.core.models import Role
from lontar.core.search.models import SearchEntry
from lontar.core.search.selectors import SearchFilters, search
from lontar.core.tests.factories import member
from lontar.correspondence.services import dispositions
from lontar.correspondence.services import outgoing as outgoing_services
from lontar.correspondence.tests import outgoing_helpers
from lontar.correspondence.tests.incoming_helpers import build_office, register, scan
from lontar.records.tests.factories import ClassificationFactory

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@pytest.fixture
def office(district):
    return build_office(district)


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _page(user, **params):
    response = _client(user).get(reverse("core:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def _found(user, query, **filters):
    return {(hit.model, hit.object_id) for hit in search(user, query, filters=SearchFilters(**filters))}


def _letter(letter):
    return ("correspondence.incomingletter", str(letter.pk))


def test_a_letter_and_its_disposition_carry_their_facets_in_the_index(office):
    letter = register(office, unit=office.seksi)
    (disposition,) = dispositions.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], note="Hadiri rapat"
    )
    letter.refresh_from_db()
    entry = SearchEntry.objects.get(object_id=str(letter.pk), kind="surat_masuk")
    assert (entry.occurred_on, entry.classification_code, entry.unit_id, entry.status) == (
        dt.date(2026, 11, 3),
        "000.1.5",
        office.seksi.pk,
        "didisposisikan",
    )
    assert entry.party == "Kepala Dinas, Dinas Kependudukan dan Pencatatan Sipil"
    entry = SearchEntry.objects.get(object_id=str(disposition.pk), kind="disposisi")
    assert entry.status == "terkirim"
    assert entry.classification_code == "000.1.5"
    assert "Kepala Dinas" in entry.party and "Kasi Pemerintahan" in entry.party


def test_each_filter_narrows_the_hits_in_sql(office):
    other_code = ClassificationFactory(code="400.10.2", title="Pembangunan desa")
    first = register(office, subject="Permohonan izin keramaian", unit=office.seksi)
    second = register(
        office,
        subject="Permohonan izin lokasi",
        sender_name="Kepala Desa",
        sender_institution="Desa Sukamaju",
        sender_number="140/7/2026",
        sender_date=dt.date(2026, 10, 1),
        received_date=dt.date(2026, 10, 2),
        classification=other_code,
    )
    dispositions.dispose(actor=office.camat, letter=second, recipients=[office.kasi], note="izin dicek")
    camat = office.camat
    assert {_letter(first), _letter(second)} <= _found(camat, "izin")
    assert _found(camat, "izin", kind="surat_masuk") == {_letter(first), _letter(second)}
    assert _found(camat, "izin", date_from=dt.date(2026, 11, 1), kind="surat_masuk") == {_letter(first)}
    assert _found(camat, "izin", date_to=dt.date(2026, 10, 31), kind="surat_masuk") == {_letter(second)}
    assert _found(camat, "izin", party="sukamaju", kind="surat_masuk") == {_letter(second)}
    # A top-level code finds everything under it, and only that: "400" is not "4001".
    assert _found(camat, "izin", classification_code="400", kind="surat_masuk") == {_letter(second)}
    assert _found(camat, "izin", classification_code="000.1", kind="surat_masuk") == {_letter(first)}
    assert _found(camat, "izin", classification_code="40", kind="surat_masuk") == set()
    assert _found(camat, "izin", status="didisposisikan", kind="surat_masuk") == {_letter(second)}
    assert _found(camat, "izin", unit_id=office.seksi.pk) == {_letter(first)}
    kinds = {model for model, _pk in _found(camat, "izin", kind="disposisi")}
    assert kinds == {"correspondence.disposition"}


def test_filters_without_words_list_the_newest_matching_entries(office):
    register(office, subject="Undangan pertama", received_date=dt.date(2026, 11, 3))
    later = register(
        office, subject="Undangan kedua", sender_number="X/9", received_date=dt.date(2026, 11, 5)
    )
    hits = search(office.camat, "", filters=SearchFilters(kind="surat_masuk", date_from=dt.date(2026, 11, 4)))
    assert [hit.object_id for hit in hits] == [str(later.pk)]
    assert search(office.camat, "", filters=SearchFilters()) == []


def test_attachment_text_and_outgoing_documents_are_in_the_same_box(office, district):
    letter = register(office, subject="Surat biasa", scans=[scan("lampiran.pdf", "Anggaran Kalimantan")])
    for stored in StoredFile.objects.attached_to(letter):
        process_stored_file.call(stored.pk)
    out_office = outgoing_helpers.build_office(district, prefix="O")
    document = outgoing_helpers.draft(out_office, subject="Balasan anggaran Kalimantan")
    outgoing_services.index_document(document_id=document.pk)
    found = {hit.model: hit for hit in search(out_office.camat, "Kalimantan")}
    assert set(found) == {
        "correspondence.incomingletter",
        "core.storedfile",
        "correspondence.outgoingdocument",
    }
    assert found["correspondence.outgoingdocument"].kind_label == "Naskah keluar"
    assert found["core.storedfile"].kind == "lampiran"
    entry = SearchEntry.objects.get(kind="naskah_keluar")
    assert (entry.status, entry.classification_code, entry.unit_id) == (
        "draft",
        "000.1.2",
        out_office.tu_unit.pk,
    )
    assert entry.party == "Kepala Dinas Kominfo"
    # The scan carries its letter's facets, so the letter's filters keep finding it.
    scan_entry = SearchEntry.objects.get(kind="lampiran")
    assert (scan_entry.occurred_on, scan_entry.classification_code) == (dt.date(2026, 11, 3), "000.1.5")
    by_sender = search(office.camat, "Kalimantan", filters=SearchFilters(party="Kependudukan"))
    assert {hit.model for hit in by_sender} == {"correspondence.incomingletter", "core.storedfile"}
    only_outgoing = search(office.camat, "Kalimantan", filters=SearchFilters(kind="naskah_keluar"))
    assert [hit.model for hit in only_outgoing] == ["correspondence.outgoingdocument"]


@pytest.fixture
def secret(office):
    letter = register(
        office,
        security="rahasia",
        subject="Laporan kerawanan Zanzibar",
        sender_number="R/001/2026",
        unit=office.seksi,
    )
    dispositions.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="Zanzibar")
    letter.refresh_from_db()
    return letter


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kind": "surat_masuk"},
        {"classification_code": "000"},
        {"unit": "unit"},
        {"status": "didisposisikan"},
        {"party": "Kepala Dinas"},
        {"date_from": "2026-11-01", "date_to": "2026-11-30"},
    ],
)
def test_a_restricted_letter_is_found_only_by_its_chain_through_the_search_page(
    office, secret, other_district, filters
):
    auditor = member(office.org, Role.AUDITOR)
    outsider = member(other_district, Role.HEAD)
    params = {"q": "Zanzibar", **filters}
    if params.get("unit") == "unit":
        params["unit"] = office.seksi.pk
    letter_url = reverse("correspondence:incoming_detail", args=[secret.pk])
    for user in (office.camat, office.kasi):
        page = _page(user, **params)
        assert f'href="{letter_url}"' in page
        assert "<mark>Zanzibar</mark>" in page
    # An office colleague outside the chain, the auditor (restricted letters are outside an auditor's
    # read, per the module's rules) and a user of another office find nothing of it, not even its
    # disposition.
    for user in (office.other_staff, auditor, outsider):
        page = _page(user, **params)
        assert letter_url not in page
        assert "Zanzibar</mark>" not in page
        assert _found(user, "Zanzibar") == set()


def test_the_results_page_shows_kind_badges_dates_and_links(office):
    letter = register(office, subject="Permohonan rekomendasi perizinan usaha")
    page = _page(office.camat, q="rekomendasi")
    assert 'data-kind="surat_masuk"' in page
    assert ">Surat masuk</span>" in page
    assert 'datetime="2026-11-03"' in page
    assert f'href="{letter.get_absolute_url()}"' in page
    assert 'name="viewport"' in page
    # Every filter has a visible label tied to its field.
    for field in ("date_from", "date_to", "party", "classification_code", "kind", "status", "unit"):
        assert f'for="id_{field}"' in page and f'id="id_{field}"' in page


def test_an_impossible_date_range_is_explained_in_indonesian_and_searches_nothing(office):
    register(office, subject="Undangan rapat")
    page = _page(office.camat, q="undangan", date_from="2026-12-01", date_to="2026-11-01")
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in page
    assert "<mark>" not in page
    page = _page(office.camat, q="undangan", date_from="bukan-tanggal")
    assert "Masukkan tanggal yang valid." in page or "Enter a valid date." in page


def test_the_unit_filter_offers_only_units_of_the_users_offices(office, other_district):
    outsider = member(other_district, Role.HEAD)
    page = _page(outsider, q="apa saja")
    assert f'value="{office.seksi.pk}"' not in page
    assert f'value="{office.seksi.pk}"' in _page(office.camat, q="apa saja")


def test_indonesian_stemming_on_postgresql_and_prefixes_on_sqlite(office):
    """What core's `indonesian` configuration really does.

    PostgreSQL (Snowball Indonesian stemmer): "perizinan", "diizinkan" and "izin" all stem to "izin",
    and "pelayanan"/"dilayani"/"layanan" to "layan" — a search for one finds the others.
    SQLite has no stemmer: words match by prefix only, so "izin" finds "izinkan" but "perizinan"
    does not find "izin"."""
    izin = register(office, subject="Izin keramaian pesta rakyat", sender_number="A/1")
    layanan = register(office, subject="Keluhan warga dilayani lambat", sender_number="A/2")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('indonesian', 'perizinan diizinkan pelayanan')::text")
            assert cursor.fetchone()[0] == "'izin':1,2 'layan':3"
        assert _letter(izin) in _found(office.camat, "perizinan")
        assert _letter(layanan) in _found(office.camat, "pelayanan")
    else:
        assert _letter(izin) not in _found(office.camat, "perizinan")
        assert _letter(izin) in _found(office.camat, "izi")
        assert _letter(layanan) not in _found(office.camat, "pelayanan")


def test_highlights_escape_the_text_around_them(office):
    register(office, subject="Rapat <b>tertutup</b> & terbuka")
    page = _page(office.camat, q="tertutup")
    assert "&lt;b&gt;" in page
    assert re.search(r"<mark>tertutup</mark>", page)
