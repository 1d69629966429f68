"""Audit trail screens: scoping per role, detail, capped counts, audited CSV export, chain check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.core import audit
from lontar.core.auditlog import selectors
from lontar.core.models import AuditEvent, OrganisationKind, Role
from lontar.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_action_labels(monkeypatch):
    """Names for the made-up actions of these tests, taken away again afterwards."""
    for code, label in {
        "test.city": "Peristiwa uji kota",
        "test.district": "Peristiwa uji kecamatan",
        "test.village": "Peristiwa uji kelurahan",
        "test.other": "Peristiwa uji lain",
    }.items():
        monkeypatch.setitem(audit._ACTION_LABELS, code, ("Uji", label))


@pytest.fixture
def events(city, district, other_district):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, name="Kelurahan Satu")
    return {
        "city": audit.record(actor=None, action="test.city", organisation=city, object_repr="Peristiwa kota"),
        "district": audit.record(
            actor=None,
            action="test.district",
            organisation=district,
            object_repr="Peristiwa kecamatan satu",
            before={"nama": "Lama"},
            after={"nama": "Baru"},
        ),
        "village": audit.record(
            actor=None, action="test.village", organisation=village, object_repr="Peristiwa kelurahan"
        ),
        "other": audit.record(
            actor=None,
            action="test.other",
            organisation=other_district,
            object_repr="Peristiwa kecamatan dua",
        ),
    }


def _seen(client, user, **params):
    """The test events the list shows (signing the viewer in leaves a core.login event of its own)."""
    client.force_login(user)
    response = client.get(reverse("core:audit_list"), params)
    assert response.status_code == 200
    return {e.action for e in response.context["events"] if e.action.startswith("test.")}


def test_an_org_admin_sees_their_office_and_its_kelurahan_but_not_the_city_or_other_kecamatan(
    client, events, org_admin
):
    assert _seen(client, org_admin) == {"test.district", "test.village"}


def test_a_district_auditor_sees_the_district_and_its_kelurahan(client, events, auditor):
    assert _seen(client, auditor) == {"test.district", "test.village"}


def test_city_admin_and_city_auditor_see_every_office(client, city, events, make_member):
    expected = {"test.city", "test.district", "test.village", "test.other"}
    assert _seen(client, make_member(city, Role.CITY_ADMIN)) == expected
    assert _seen(client, make_member(city, Role.AUDITOR)) == expected


def test_plain_staff_may_not_open_the_audit_trail(client, events, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("core:audit_list")).status_code == 403
    assert client.get(reverse("core:audit_export")).status_code == 403


def test_an_event_of_another_office_is_not_found(client, events, org_admin):
    client.force_login(org_admin)
    assert client.get(reverse("core:audit_detail", args=[events["other"].pk])).status_code == 404
    page = client.get(reverse("core:audit_detail", args=[events["district"].pk])).content.decode()
    assert "Lama" in page and "Baru" in page


def test_filters_narrow_the_list_by_text_and_organisation(client, city, district, events, make_member):
    admin = make_member(city, Role.CITY_ADMIN)
    assert _seen(client, admin, teks="kecamatan dua") == {"test.other"}
    assert _seen(client, admin, kantor=district.pk) == {"test.district"}
    assert _seen(client, admin, tindakan="test.village") == {"test.village"}


def test_the_list_shows_readable_action_names_and_the_detail_keeps_the_code(client, district, org_admin):
    from lontar.core.numbering.services import create_template

    template = create_template(
        actor=org_admin,
        organisation=district,
        document_type="surat-dinas",
        name="Surat dinas",
        format="{urut}/{tahun}",
        scope="document_type",
    )
    client.force_login(org_admin)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert ">Templat penomoran dibuat</a>" in page
    assert "numbering.template_create<" not in page
    event = AuditEvent.objects.get(action="numbering.template_create")
    detail = client.get(reverse("core:audit_detail", args=[event.pk])).content.decode()
    assert "Templat penomoran dibuat" in detail
    assert '<code data-testid="action-code">numbering.template_create</code>' in detail
    assert template.name in detail


def test_the_action_filter_offers_readable_names_grouped_and_matches_exactly(client, district, org_admin):
    audit.record(actor=None, action="core.login_failed", organisation=district, object_repr="a")
    audit.record(actor=None, action="core.login", organisation=district, object_repr="b")
    client.force_login(org_admin)
    response = client.get(reverse("core:audit_list"), {"tindakan": "core.login_failed"})
    assert {e.object_repr for e in response.context["events"]} == {"a"}
    page = response.content.decode()
    assert '<optgroup label="Akun dan keamanan">' in page
    assert '<option value="core.login_failed" selected>Percobaan masuk gagal</option>' in page


def test_the_object_type_filter_offers_lontar_objects_by_name(client, district, events, org_admin):
    client.force_login(org_admin)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert '<option value="core.staff">Pegawai</option>' in page
    assert 'value="sessions.session"' not in page and 'value="auth.permission"' not in page


def test_a_mistyped_filter_is_reported_and_the_other_filters_still_apply(client, city, events, make_member):
    admin = make_member(city, Role.CITY_ADMIN)
    client.force_login(admin)
    response = client.get(reverse("core:audit_list"), {"teks": "kecamatan dua", "dari": "31-31-2025"})
    assert {e.action for e in response.context["events"]} == {"test.other"}
    assert response.context["form"].errors["dari"] == ["Masukkan tanggal yang valid."]


def test_events_of_no_office_are_shown_to_who_audits_every_office_only(
    client, city, events, org_admin, make_member
):
    nobody = audit.record(actor=None, action="core.login_failed", object_type="core.user", object_repr="x")
    client.force_login(make_member(city, Role.CITY_ADMIN))
    assert nobody.pk in [e.pk for e in client.get(reverse("core:audit_list")).context["events"]]
    client.force_login(org_admin)
    assert nobody.pk not in [e.pk for e in client.get(reverse("core:audit_list")).context["events"]]
    assert client.get(reverse("core:audit_detail", args=[nobody.pk])).status_code == 404


def test_beyond_the_cap_the_count_says_more_than(client, district, org_admin, monkeypatch):
    for n in range(5):
        audit.record(actor=None, action="test.many", organisation=district, object_repr=f"Peristiwa {n}")
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    client.force_login(org_admin)
    response = client.get(reverse("core:audit_list"))
    assert response.context["more"] is True and response.context["count"] == 3
    assert "Lebih dari" in response.content.decode()


def test_pages_follow_each_other_without_gaps_or_repeats(district, org_admin):
    for n in range(7):
        audit.record(actor=None, action="test.page", organisation=district, object_repr=f"Peristiwa {n}")
    qs = selectors.filtered_events(org_admin, selectors.AuditFilter())
    seen, cursor = [], None
    while True:
        page, cursor = selectors.page_after(qs, cursor, size=3)
        seen.extend(e.pk for e in page)
        if cursor is None:
            break
    assert seen == list(qs.values_list("pk", flat=True))
    assert len(seen) == 7


def test_exporting_to_csv_is_itself_audited(client, district, events, org_admin):
    client.force_login(org_admin)
    response = client.get(reverse("core:audit_export"), {"teks": "kecamatan"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "Peristiwa kecamatan satu" in body and "Peristiwa kecamatan dua" not in body
    header = body.splitlines()[0].split(",")
    assert header[3:5] == ["tindakan", "nama_tindakan"]
    assert "test.district,Peristiwa uji kecamatan," in body
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor_id == org_admin.pk and export.organisation_id == district.pk
    assert export.after["rows"] == 1 and export.after["filter"]["teks"] == "kecamatan"


@pytest.mark.parametrize("who", ["org_admin", "auditor"])
def test_the_admin_and_the_auditor_verify_the_chain_and_see_it_intact(client, events, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("core:audit_verify"))
    assert response.status_code == 200
    results = response.context["results"]
    assert [name for name, _result in results] == ["Kecamatan Satu", "Kelurahan Satu"]
    assert all(result.ok for _name, result in results)
    assert "Utuh" in response.content.decode()


def test_staff_and_heads_cannot_run_the_chain_check(client, events, staff_user, head):
    for user in (staff_user, head):
        client.force_login(user)
        assert client.post(reverse("core:audit_verify")).status_code == 403


def test_account_event_details_read_as_words_not_keys(client, district, org_admin, staff_user):
    from lontar.core.accounts.services import record_lockout, unlock_account

    record_lockout(user=staff_user, failures=5)
    unlock_account(actor=org_admin, target=staff_user)
    client.force_login(org_admin)
    locked = AuditEvent.objects.get(action="core.account_locked")
    rows = client.get(reverse("core:audit_detail", args=[locked.pk])).context["rows"]
    assert [(str(label), before, after) for label, before, after, _changed in rows] == [
        ("Terkunci", "Tidak", "Ya"),
        ("Kata sandi salah berturut-turut", None, 5),
        ("Lama terkunci (menit)", None, 30),
    ]
    unlocked = AuditEvent.objects.get(action="core.account_unlocked")
    rows = client.get(reverse("core:audit_detail", args=[unlocked.pk])).context["rows"]
    assert ("Melalui", None, "administrator") in [(str(r[0]), r[1], r[2]) for r in rows]


def test_events_of_a_deleted_office_still_open_with_what_they_recorded(client, city, district, make_member):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, name="Kelurahan Lama")
    event = audit.record(actor=None, action="test.village", organisation=village, object_repr="Kenangan")
    village.delete()
    client.force_login(make_member(city, Role.CITY_ADMIN))
    listed = client.get(reverse("core:audit_list"), {"teks": "Kenangan"})
    assert [e.pk for e in listed.context["events"]] == [event.pk]
    detail = client.get(reverse("core:audit_detail", args=[event.pk]))
    assert detail.status_code == 200
    assert "Kenangan" in detail.content.decode()
