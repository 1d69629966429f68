import pytest
from django.db import connection
from django.urls import reverse

from lontar.core.files import services as file_services
from lontar.core.models import Role, Unit
from lontar.core.permissions import VIEW_AUDIT, VIEW_ORGANISATION
from lontar.core.search.models import SearchEntry
from lontar.core.search.registry import register_searchable, unregister_searchable
from lontar.core.search.selectors import search
from lontar.core.search.services import index, remove
from lontar.core.tests import files_samples as samples
from lontar.core.tests.factories import UnitFactory

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search (indonesian configuration, pg_trgm)",
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")


@pytest.fixture(autouse=True)
def searchable_units():
    """Units stand in for any module's objects; they are found by whoever may view the office."""
    register_searchable(Unit, view_action=VIEW_ORGANISATION)
    yield
    unregister_searchable(Unit)


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


# --- permission: the model's view action, not only the office ----------------------------------
def test_entries_are_found_only_by_roles_holding_the_models_view_action(district, staff_user, head, auditor):
    register_searchable(Unit, view_action=VIEW_AUDIT)  # held by head, secretary, admin, auditor
    _doc(district, "Rencana mutasi pegawai", "usulan mutasi")

    assert _titles(search(head, "mutasi")) == ["Rencana mutasi pegawai"]
    assert _titles(search(auditor, "mutasi")) == ["Rencana mutasi pegawai"]
    assert search(staff_user, "mutasi") == []
    assert search(staff_user, "mutas") == []  # nor through the prefix or trigram fallbacks
    assert search(staff_user, "mutsi") == []


def test_a_model_that_is_not_searchable_cannot_be_indexed(district):
    from django.core.exceptions import ImproperlyConfigured

    unregister_searchable(Unit)
    with pytest.raises(ImproperlyConfigured, match="not searchable"):
        index(obj=UnitFactory(organisation=district), organisation=district, title="Surat")
    assert not SearchEntry.objects.exists()


def test_entries_of_a_model_no_longer_searchable_are_not_returned(district, staff_user):
    _doc(district, "Laporan kebersihan", "")
    assert _titles(search(staff_user, "kebersihan")) == ["Laporan kebersihan"]

    unregister_searchable(Unit)
    assert search(staff_user, "kebersihan") == []
    assert search(staff_user, "kebersihn") == []


# --- PostgreSQL: what the Indonesian stemmer really does --------------------------------------
@on_postgres
@pytest.mark.parametrize(
    ("query", "found", "missed"),
    [
        # surat, persuratan, disurati -> "surat"
        ("surat", ["Tata persuratan", "Warga disurati"], ["Rapat koordinasi"]),
        ("persuratan", ["Tata persuratan", "Warga disurati"], ["Rapat koordinasi"]),
        # pembangunan, membangun, bangunan -> "bangun"
        ("pembangunan", ["Warga membangun jalan", "Izin bangunan"], ["Rapat koordinasi"]),
        # pengaduan, diadukan, mengadu -> "adu"
        ("pengaduan", ["Masalah diadukan warga", "Warga mengadu"], ["Rapat koordinasi"]),
        # persyaratan, syarat -> "syarat"
        ("syarat", ["Daftar persyaratan"], ["Rapat koordinasi"]),
    ],
)
def test_indonesian_stemmer_matches_affixed_forms(district, staff_user, query, found, missed):
    for title in [
        *("Tata persuratan", "Warga disurati", "Warga membangun jalan", "Izin bangunan"),
        *("Masalah diadukan warga", "Warga mengadu", "Daftar persyaratan", "Rapat koordinasi"),
    ]:
        _doc(district, title, "")

    hits = search(staff_user, query)
    assert sorted(_titles(hits)) == sorted(found)
    assert not any(hit.fuzzy for hit in hits)
    assert not set(missed) & set(_titles(hits))


@on_postgres
def test_stemmed_words_are_matched_in_the_body_too(district, staff_user):
    _doc(district, "Notulen", "Pelayanan administrasi dilayani di loket satu.")
    hits = search(staff_user, "melayani")
    assert _titles(hits) == ["Notulen"]
    assert "<mark>" in hits[0].snippet


@on_postgres
def test_where_the_stemmer_disagrees_the_trigram_fallback_still_finds_the_title(district, staff_user):
    # The Snowball stemmer reduces "penduduk" to "duduk" but "kependudukan" to "nduduk", so the
    # full-text match misses; the trigram search on titles catches it and says it is approximate.
    from django.db import connection as conn

    with conn.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('indonesian', 'penduduk kependudukan')::text")
        assert cursor.fetchone()[0] == "'duduk':1 'nduduk':2"
    _doc(district, "Administrasi kependudukan", "")
    hits = search(staff_user, "penduduk")
    assert _titles(hits) == ["Administrasi kependudukan"]
    assert hits[0].fuzzy


@on_postgres
def test_search_column_uses_the_indonesian_configuration_with_gin_indexes(district):
    from django.db import connection as conn

    unit = _doc(district, "Persuratan dinas", "Warga dilayani")
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM core_searchentry WHERE object_id = %s", [str(unit.pk)]
        )
        assert cursor.fetchone()[0] == "'dinas':2A 'layan':4B 'surat':1A 'warga':3B"
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'core_searchentry' "
            "AND indexname IN ('core_search_vector_gin', 'core_search_title_trgm') ORDER BY indexname"
        )
        indexes = cursor.fetchall()
    assert [name for name, _ in indexes] == ["core_search_title_trgm", "core_search_vector_gin"]
    assert "USING gin (title gin_trgm_ops)" in indexes[0][1]
    assert "USING gin (search_vector)" in indexes[1][1]


@on_postgres
def test_missing_indonesian_configuration_is_created_from_the_snowball_stemmer(db):
    from django.db import connection as conn

    from lontar.core.search.sql import ensure_text_search_config

    with conn.cursor() as cursor:
        assert ensure_text_search_config(cursor) is False  # PostgreSQL ships it
        assert ensure_text_search_config(cursor, config="lontar_uji_id") is True
        cursor.execute("SELECT to_tsvector('lontar_uji_id', 'Persuratan dilayani 2026 info@kec.go.id')::text")
        assert cursor.fetchone()[0] == "'2026':3 'info@kec.go.id':4 'layan':2 'surat':1"
        assert ensure_text_search_config(cursor, config="lontar_uji_id") is False


@on_postgres
def test_a_server_without_the_stemmer_stops_the_migration_with_a_clear_message(db):
    from django.db import connection as conn

    from lontar.core.search.sql import MissingStemmerError, ensure_text_search_config

    with conn.cursor() as cursor, pytest.raises(MissingStemmerError, match="PostgreSQL 15 or newer"):
        ensure_text_search_config(cursor, config="lontar_uji_klingon", language="klingon")
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'lontar_uji_klingon'")
        assert cursor.fetchone()[0] == 0


# --- SQLite: FTS5 ---------------------------------------------------------------------------------
@on_sqlite
def test_sqlite_keeps_fts5_tables_in_step_with_the_entries(district):
    from django.db import connection as conn

    unit = _doc(district, "Retribusi pasar", "Penagihan retribusi bulan Maret")
    entry = SearchEntry.objects.get(object_id=str(unit.pk))
    with conn.cursor() as cursor:
        cursor.execute("SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH 'penagihan'")
        assert cursor.fetchall() == [(entry.pk,)]
        cursor.execute("SELECT rowid FROM core_search_trigram WHERE core_search_trigram MATCH 'ribus'")
        assert cursor.fetchall() == [(entry.pk,)]
    remove(unit)
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_search_fts")
        assert cursor.fetchone()[0] == 0


@on_sqlite
def test_sqlite_folds_diacritics_and_matches_word_prefixes_but_does_not_stem(district, staff_user):
    _doc(district, "Notulen", "Rapat di kafé Sukamaju tentang persuratan dinas.")
    assert _titles(search(staff_user, "kafe")) == ["Notulen"]
    assert _titles(search(staff_user, "persurat")) == ["Notulen"]
    # No Indonesian stemmer on SQLite: "surat" is not a prefix of "persuratan" and bodies have no
    # trigram fallback, so this finds nothing here while PostgreSQL finds it.
    assert search(staff_user, "surat") == []


def test_title_words_keep_letters_and_digits_of_three_to_sixty_characters():
    from lontar.core.search.services import title_words

    assert title_words("Undangan Rapat Posyandu RW-05 di Kel. Jatisari, 2026 (KTP-el)") == {
        "undangan",
        "rapat",
        "posyandu",
        "kel",
        "jatisari",
        "ktp",
    }
    assert title_words("a" * 61) == set()


@on_postgres
def test_a_misspelt_word_is_corrected_against_the_titles_vocabulary_and_highlighted(district, staff_user):
    from lontar.core.models import SearchWord

    _doc(district, "Pelaksanaan posyandu balita RW 05", "")
    _doc(district, "Jadwal rapat minggu ini", "")
    assert {"pelaksanaan", "posyandu", "balita"} <= set(SearchWord.objects.values_list("word", flat=True))
    assert not SearchWord.objects.filter(word="05").exists()
    hits = search(staff_user, "posyandhu")
    assert _titles(hits) == ["Pelaksanaan posyandu balita RW 05"]
    assert hits[0].fuzzy
    assert "<mark>posyandu</mark>" in hits[0].title_html
    # Two misspelt words must both be corrected, and each still has to match.
    assert _titles(search(staff_user, "posyandhu balitta")) == ["Pelaksanaan posyandu balita RW 05"]
    assert search(staff_user, "posyandhu mingguu") == []


@on_postgres
def test_a_corrected_word_from_another_office_or_a_restricted_letter_finds_nothing(
    district, other_district, staff_user, head
):
    _doc(other_district, "Penertiban reklame liar", "")
    _doc(district, "Pemeriksaan bendahara", "", restricted=True, allowed_user_ids=[head.pk])
    # Both words are in the kota-wide vocabulary; the corrected search is still filtered by permission.
    assert search(staff_user, "reklamme") == []
    assert search(staff_user, "bendaharra") == []
    assert _titles(search(head, "bendaharra")) == ["Pemeriksaan bendahara"]


def test_rich_text_is_indexed_with_its_paragraphs_apart_and_entities_decoded():
    from lontar.core.search.services import text_of_html

    markup = (
        "<p>Dengan hormat,</p><p>Kepada<br>Saudara <strong>Lurah</strong> &amp; staf</p>"
        "<ul><li>satu</li><li>dua</li></ul>"
    )
    assert text_of_html(markup) == "Dengan hormat,\nKepada\nSaudara Lurah & staf\nsatu\ndua"
    assert text_of_html("") == ""
