import pytest
from django.db import connection
from django.urls import reverse

from lontar.core.files import services as file_services
from lontar.core.models import Role, Unit
from lontar.core.search.selectors import search
from lontar.core.search.services import index, remove
from lontar.core.tests import files_samples as samples
from lontar.core.tests.factories import UnitFactory

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the Indonesian stemmer is PostgreSQL's"
)


def _doc(organisation, title, body="", **kwargs):
    unit = UnitFactory(organisation=organisation)
    index(obj=unit, organisation=organisation, title=title, body=body, **kwargs)
    return unit


def _titles(hits):
    return [hit.title for hit in hits]


def test_a_word_in_the_body_finds_the_entry_with_a_highlighted_snippet(district, staff_user):
    _doc(district, "Notulen rapat", "Rapat membahas retribusi pasar dan kebersihan lingkungan.")
    _doc(district, "Daftar hadir", "Nama pegawai dan tanda tangan.")
    hits = search(staff_user, "retribusi")
    assert _titles(hits) == ["Notulen rapat"]
    assert "<mark>retribusi</mark>" in hits[0].snippet.lower()
    assert not hits[0].fuzzy


def test_a_title_match_ranks_above_a_body_match(district, staff_user):
    _doc(district, "Laporan kegiatan posyandu", "Ringkasan kegiatan bulan Maret.")
    _doc(district, "Laporan bulanan", "Kegiatan posyandu, kerja bakti, dan rapat RT.")
    assert _titles(search(staff_user, "posyandu")) == ["Laporan kegiatan posyandu", "Laporan bulanan"]


@on_postgres
def test_indonesian_stemming_finds_other_forms_of_the_same_word(district, staff_user):
    # PostgreSQL's indonesian snowball stemmer reduces pelayanan, melayani, layanan, dilayani to "layan".
    _doc(district, "Standar layanan", "")
    _doc(district, "Petunjuk", "Petugas melayani warga setiap hari kerja.")
    _doc(district, "Jadwal piket", "Warga dilayani di loket dua.")
    _doc(district, "Rapat", "Tidak ada kata yang dicari.")
    assert sorted(_titles(search(staff_user, "pelayanan"))) == ["Jadwal piket", "Petunjuk", "Standar layanan"]


def test_a_partial_word_finds_the_title(district, staff_user):
    _doc(district, "Pengumuman rekrutmen petugas kebersihan", "")
    _doc(district, "Surat edaran", "")
    hits = search(staff_user, "rekrut")
    assert _titles(hits) == ["Pengumuman rekrutmen petugas kebersihan"]
    assert "<mark>" in hits[0].title_html


def test_a_partial_word_finds_text_inside_the_body(district, staff_user):
    _doc(district, "Notulen", "Pembahasan tentang sertifikasi tanah warga.")
    _doc(district, "Daftar hadir", "Nama dan tanda tangan.")
    assert _titles(search(staff_user, "sertifik")) == ["Notulen"]


def test_a_typo_falls_back_to_similar_titles(district, staff_user):
    _doc(district, "Permohonan pelayanan administrasi kependudukan", "")
    _doc(district, "Jadwal rapat minggu ini", "")
    hits = search(staff_user, "kependudkan")
    assert _titles(hits) == ["Permohonan pelayanan administrasi kependudukan"]
    assert hits[0].fuzzy


def test_nothing_similar_returns_no_hits(district, staff_user):
    _doc(district, "Permohonan pelayanan administrasi kependudukan", "")
    assert search(staff_user, "zebra") == []


def test_a_user_of_another_office_never_sees_a_hit(district, other_district, staff_user, foreign_user):
    _doc(district, "Rencana anggaran kecamatan satu", "anggaran rahasia")
    _doc(other_district, "Rencana anggaran kecamatan dua", "anggaran lain")
    assert _titles(search(foreign_user, "anggaran")) == ["Rencana anggaran kecamatan dua"]
    assert _titles(search(staff_user, "anggaran")) == ["Rencana anggaran kecamatan satu"]
    assert _titles(search(foreign_user, "satu")) == []
    assert _titles(search(foreign_user, "anggarn")) == ["Rencana anggaran kecamatan dua"]
    assert _titles(search(staff_user, "anggarn")) == ["Rencana anggaran kecamatan satu"]


def test_a_city_auditor_sees_hits_from_every_office_below(city, district, other_district, make_member):
    city_auditor = make_member(city, Role.AUDITOR)
    _doc(district, "Inventaris satu", "")
    _doc(other_district, "Inventaris dua", "")
    assert sorted(_titles(search(city_auditor, "inventaris"))) == ["Inventaris dua", "Inventaris satu"]


def test_a_restricted_entry_is_found_only_by_its_allowed_users(district, staff_user, head, make_member):
    _doc(district, "Surat rahasia penyidikan", "isi rahasia", restricted=True, allowed_user_ids=[head.pk])
    _doc(district, "Surat biasa", "tentang rahasia umum")
    assert _titles(search(head, "rahasia")) == ["Surat rahasia penyidikan", "Surat biasa"]
    assert _titles(search(staff_user, "rahasia")) == ["Surat biasa"]
    assert _titles(search(staff_user, "penyidikn")) == []


def test_anonymous_users_find_nothing(district):
    from django.contrib.auth.models import AnonymousUser

    _doc(district, "Pengumuman", "")
    assert search(AnonymousUser(), "pengumuman") == []
    assert search(None, "pengumuman") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "OR",
        "NEAR(",
        'NEAR("a" "b", 2)',
        "surat OR",
        '"surat',
        "title:surat",
        "-surat",
        "^surat",
        "a AND",
        "(",
        ")",
        "'; DROP TABLE core_searchentry; --",
        "%_\\",
        "surat*",
        "!!!",
        "   ",
        "\x00",
        "👍",
        "kata" * 200,
    ],
)
def test_hostile_queries_do_not_error(district, staff_user, query):
    _doc(district, "Surat keterangan", "OR NEAR AND title")
    hits = search(staff_user, query)
    assert isinstance(hits, list)


def test_quoted_words_in_a_query_still_match(district, staff_user):
    _doc(district, "Surat keterangan usaha", "")
    assert _titles(search(staff_user, '"surat" *keterangan* NEAR(')) == ["Surat keterangan usaha"]


def test_reindexing_replaces_the_text_and_remove_drops_the_entry(district, staff_user):
    unit = _doc(district, "Kartu kendali", "disposisi lama")
    assert _titles(search(staff_user, "disposisi")) == ["Kartu kendali"]
    index(obj=unit, organisation=district, title="Kartu kendali", body="arsip baru")
    assert search(staff_user, "disposisi") == []
    assert _titles(search(staff_user, "arsip")) == ["Kartu kendali"]
    assert remove(unit) == 1
    assert search(staff_user, "arsip") == []
    assert search(staff_user, "kendali") == []


def test_search_can_be_limited_to_some_models(district, staff_user, settings, tmp_path):
    from lontar.core.files.models import StoredFile

    settings.MEDIA_ROOT = tmp_path
    _doc(district, "Pemeliharaan gedung", "")
    stored = file_services.store_upload(
        organisation=district,
        actor=staff_user,
        uploaded_file=samples.upload("pemeliharaan.png", samples.image_bytes("PNG")),
    )
    file_services.index_file(stored_file=stored)
    assert len(search(staff_user, "pemeliharaan")) == 2
    assert [h.object_id for h in search(staff_user, "pemeliharaan", models=[StoredFile])] == [str(stored.pk)]
    assert _titles(search(staff_user, "pemeliharaan", models=[Unit])) == ["Pemeliharaan gedung"]


def test_markup_in_titles_and_bodies_is_escaped(district, staff_user):
    _doc(district, "<script>alert(1)</script> laporan", "<img src=x onerror=alert(1)> laporan")
    hit = search(staff_user, "laporan")[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<img" not in hit.snippet


def test_a_word_inside_an_uploaded_pdf_finds_the_file(
    client, district, staff_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        stored = file_services.store_upload(
            organisation=district,
            actor=staff_user,
            uploaded_file=samples.upload("scan-001.pdf", samples.pdf_bytes("Sertifikat tanah wakaf masjid")),
        )
    client.force_login(staff_user)
    response = client.get(reverse("core:search"), {"q": "wakaf"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "scan-001.pdf" in page
    assert reverse("core:file_download", args=[stored.pk]) in page
    assert "<mark>wakaf</mark>" in page.lower()
    assert 'data-nav="search"' in page


def test_search_page_needs_sign_in(client):
    response = client.get(reverse("core:search"), {"q": "surat"})
    assert response.status_code == 302


def test_search_page_says_when_nothing_is_found(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("core:search"), {"q": "tidakada"})
    assert "Tidak ada hasil" in response.content.decode()
