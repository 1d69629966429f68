"""Restricted letters (Terbatas, Rahasia, Sangat Rahasia) stay in their chain: in lists, on the letter
page, in search, in the API, in the lembar disposisi and for their scans."""

import pytest
from django.test import Client
from django.urls import reverse

from lontar.core.files.models import StoredFile
from lontar.core.files.services import index_file
from lontar.core.models import Role
from lontar.core.permissions import authorize
from lontar.core.search.selectors import search
from lontar.core.tests.factories import member
from lontar.correspondence.access_incoming import VIEW_INCOMING
from lontar.correspondence.models import IncomingLetter
from lontar.correspondence.selectors import incoming as selectors
from lontar.correspondence.services import dispositions
from lontar.correspondence.tests.incoming_helpers import build_office, register, scan

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@pytest.fixture
def office(district):
    return build_office(district)


@pytest.fixture
def secret(office):
    return register(
        office,
        security="rahasia",
        subject="Laporan intelijen kerawanan Zanzibar",
        sender_number="R/001/2026",
        scans=[scan("rahasia.pdf", "Isi pindaian rahasia Zanzibar")],
    )


@pytest.fixture
def open_letter(office):
    return register(office, subject="Undangan Zanzibar terbuka", sender_number="B/002/2026")


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _who(office, auditor):
    return {
        "registrar": office.front_desk,
        "camat": office.camat,
        "sekcam": office.sekcam,
        "kasi": office.kasi,
        "staff": office.staff,
        "other staff": office.other_staff,
        "auditor": auditor,
        "admin": office.admin,
    }


def _sees(user, letter) -> dict:
    listed = letter.pk in {row.pk for row in selectors.register(user, selectors.RegisterFilter())[0]}
    by_sql = selectors.letters_visible_to(user).filter(pk=letter.pk).exists()
    by_rule = authorize(user, VIEW_INCOMING, letter)
    found = any(
        hit.model == "correspondence.incomingletter" and hit.object_id == str(letter.pk)
        for hit in search(user, "Zanzibar")
    )
    return {"list": listed, "sql": by_sql, "rule": by_rule, "search": found}


def test_a_restricted_letter_is_seen_by_its_chain_only_in_lists_rules_and_search(office, secret, district):
    auditor = member(district, Role.AUDITOR)
    (to_kasi,) = dispositions.dispose(
        actor=office.camat, letter=secret, recipients=[office.kasi], note="Pelajari"
    )
    dispositions.open_received(actor=office.kasi, letter=secret)
    to_kasi.refresh_from_db()
    dispositions.dispose(
        actor=office.kasi, letter=secret, recipients=[office.staff], note="Siapkan", parent=to_kasi
    )
    expected = {
        "registrar": True,
        "camat": True,
        "sekcam": True,
        "kasi": True,
        "staff": True,
        "other staff": False,
        "auditor": False,
        "admin": False,
    }
    for name, user in _who(office, auditor).items():
        seen = _sees(user, secret)
        assert seen == dict.fromkeys(seen, expected[name]), name


def test_an_open_letter_is_seen_by_everyone_of_the_office_who_reads_letters(office, open_letter, district):
    auditor = member(district, Role.AUDITOR)
    for name, user in _who(office, auditor).items():
        seen = _sees(user, open_letter)
        expected = name != "admin"  # the administrator configures; reading letters is not their role
        assert seen == dict.fromkeys(seen, expected), name


def test_nobody_of_another_office_sees_even_an_open_letter(office, open_letter, other_district):
    outsider = build_office(other_district).camat
    assert _sees(outsider, open_letter) == {"list": False, "sql": False, "rule": False, "search": False}


def test_a_withdrawn_recipient_leaves_the_chain_and_its_search_results(office, secret):
    (to_staff,) = dispositions.dispose(
        actor=office.camat, letter=secret, recipients=[office.other_staff], note="x"
    )
    assert _sees(office.other_staff, secret)["search"] is True
    dispositions.withdraw(actor=office.camat, disposition=to_staff)
    assert _sees(office.other_staff, secret) == {"list": False, "sql": False, "rule": False, "search": False}


def test_the_letter_page_api_and_lembar_pdf_refuse_outside_the_chain(office, secret):
    urls = [
        reverse("correspondence:incoming_detail", args=[secret.pk]),
        reverse("correspondence:incoming_sheet", args=[secret.pk]),
        reverse("api:incoming-letter-detail", args=[secret.pk]),
    ]
    outsider = _client(office.other_staff)
    for url in urls:
        response = outsider.get(url)
        assert response.status_code == 404, url
        assert "Zanzibar" not in response.content.decode(errors="replace")
    listing = outsider.get(reverse("api:incoming-letter-list")).json()
    assert secret.pk not in [row["id"] for row in listing["results"]]
    assert "Zanzibar" not in outsider.get(reverse("correspondence:incoming_list")).content.decode()
    insider = _client(office.camat)
    for url in urls:
        assert insider.get(url).status_code == 200, url
    pdf = insider.get(urls[1])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_restricted_letters_scan_is_downloaded_and_found_only_inside_the_chain(office, secret):
    stored = StoredFile.objects.attached_to(secret).get()
    index_file(stored_file=stored)
    url = reverse("core:file_download", args=[stored.pk])
    assert _client(office.other_staff).get(url).status_code in (403, 404)
    assert _client(office.camat).get(url).status_code == 200
    assert not any(hit.model == "core.storedfile" for hit in search(office.other_staff, "rahasia"))


def test_disposition_entries_of_a_restricted_letter_follow_the_chain(office, secret):
    dispositions.dispose(
        actor=office.camat, letter=secret, recipients=[office.kasi], note="Pelajari Zanzibar"
    )
    hits = lambda user: [h for h in search(user, "Pelajari") if h.model == "correspondence.disposition"]  # noqa: E731
    assert hits(office.kasi)
    assert not hits(office.other_staff)


def test_the_sql_filter_and_the_object_rule_agree_for_every_security_class(office):
    for number, security in enumerate(["biasa", "terbatas", "rahasia", "sangat_rahasia"]):
        register(office, security=security, sender_number=f"S/{number}")
    for user in (office.staff, office.camat, office.front_desk, office.other_staff):
        by_sql = set(selectors.letters_visible_to(user).values_list("pk", flat=True))
        by_rule = {
            letter.pk for letter in IncomingLetter.objects.all() if authorize(user, VIEW_INCOMING, letter)
        }
        assert by_sql == by_rule


def test_words_of_a_scan_find_the_letter_and_the_scan_once_its_text_is_extracted(office):
    from lontar.core.files.services import extract_text
    from lontar.correspondence.services.incoming import reindex_letter

    letter = register(office, scans=[scan("undangan.pdf", "Musyawarah Kalimantan Barat")])
    stored = StoredFile.objects.attached_to(letter).get()
    index_file(stored_file=extract_text(stored_file_id=stored.pk))
    reindex_letter(letter)
    models = {hit.model for hit in search(office.camat, "Kalimantan")}
    assert models == {"correspondence.incomingletter", "core.storedfile"}
