"""The demo city: idempotent loading, every role in every kecamatan, well-formed NIPs."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from lontar.core import civil_service
from lontar.core.demo import data
from lontar.core.demo.loader import load_demo
from lontar.core.models import (
    AuditEvent,
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Role,
    Staff,
    Unit,
)

pytestmark = pytest.mark.django_db

MODELS = (Organisation, Unit, Position, PositionAssignment, Staff, Membership, get_user_model(), AuditEvent)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_the_demo_twice_changes_nothing_the_second_time():
    first = load_demo()
    counts = _counts()
    second = load_demo()
    assert sum(first.values()) > 0
    assert not second
    assert _counts() == counts
    assert counts["Organisation"] == 1 + 3 + sum(len(d.villages) for d in data.DISTRICTS)


@pytest.fixture(scope="class")
def loaded_demo(django_db_setup, django_db_blocker):
    """One load of the demo city for the tests that only read it (a load costs seconds), in a
    transaction rolled back after them; each test still runs in its own savepoint."""
    # The same fast hasher as each test's (root conftest), so the demo password still verifies.
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic():
        with fast_hashing:
            load_demo()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("loaded_demo")
@pytest.mark.xdist_group("demo_load")  # one worker, one load
class TestTheLoadedDemo:
    """Read-only checks of one demo load (loading itself is tested above and by the command)."""

    def test_every_role_is_present_in_each_kecamatan_and_the_kota_has_city_roles(self):
        office_roles = {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK}
        office_roles |= {Role.ORG_ADMIN, Role.AUDITOR}
        districts = Organisation.objects.filter(kind=OrganisationKind.DISTRICT)
        assert districts.count() == 3
        for district in districts:
            roles = set(Membership.objects.filter(organisation=district).values_list("role", flat=True))
            assert office_roles <= roles, district.name
            villages = district.children.all()
            assert 4 <= villages.count() <= 5
            for village in villages:
                assert Membership.objects.filter(organisation=village, role=Role.HEAD).exists()
                assert Staff.objects.filter(organisation=village).count() >= 3
        city = Organisation.objects.get(kind=OrganisationKind.CITY)
        assert city.letterhead_government == "PEMERINTAH KOTA SUKAMAJU"
        city_roles = set(Membership.objects.filter(organisation=city).values_list("role", flat=True))
        assert {Role.CITY_ADMIN, Role.AUDITOR} <= city_roles

    def test_demo_accounts_sign_in_with_the_shared_password(self, client):
        response = client.post(
            reverse("core:login"), {"username": "camat.jatisari", "password": data.DEMO_PASSWORD}, follow=True
        )
        assert response.context["user"].username == "camat.jatisari"
        staff = Staff.objects.get(user__username="camat.jatisari")
        assert staff.rank.startswith("IV/")

    def test_nips_have_eighteen_digits_and_a_sex_digit_matching_the_person(self):
        checked = 0
        for code, person in data.all_people():
            staff = Staff.objects.get(organisation__code=code, full_name=person.full_name)
            if person.employment == "non_asn":
                assert staff.nip == ""
                continue
            nip = staff.nip
            assert len(nip) == 18 and nip.isdigit(), nip
            born = datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
            assert nip[14] == ("1" if person.sex == "L" else "2"), (person.full_name, nip)
            if person.employment == "pns":
                tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
                assert 1 <= tmt_month <= 12
                assert datetime.date(tmt_year, tmt_month, 1) >= born.replace(year=born.year + 18)
            else:
                assert nip[12:14] == "21"
            assert civil_service.nip_errors(nip, person.employment) == [], (person.full_name, nip)
            staff.full_clean()  # every demo record passes the checks an administrator's entry must pass
            checked += 1
        assert checked > 60
        assert Staff.objects.exclude(nip="").values("nip").distinct().count() == checked

    def test_the_demo_has_a_plt_for_a_vacancy_and_a_plh_for_an_absence_both_acting_today(self):
        plh = PositionAssignment.objects.get(kind=PositionAssignment.Kind.PLH)
        plt = PositionAssignment.objects.get(kind=PositionAssignment.Kind.PLT)
        assert plh.end_date and plt.end_date
        # The Kasi Ekbang of Mekarsari retired: nobody holds it definitively, the Kasi Kesos is Plt.
        assert plt.position.title == "Kepala Seksi Ekonomi dan Pembangunan"
        assert plt.organisation.code == "Kec.Mks"
        assert not plt.position.assignments.filter(kind=PositionAssignment.Kind.DEFINITIVE).exists()
        assert plt.position.holder_on() == plt
        # The Kasi Pemerintahan of Jatisari is on leave: the Kasi Trantib stands in as Plh.
        assert str(plh) == "Plh. Kepala Seksi Pemerintahan: Muhammad Rojali"
        assert plh.position.holder_on() == plh
        assert plh.position.holder_on(plh.end_date + datetime.timedelta(days=1)).staff.full_name == (
            "Parlindungan Siregar"
        )

    def test_demo_creation_is_audited_as_the_system(self):
        labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
        assert labels == {"sistem"}
        assert AuditEvent.objects.filter(action="staff.create").count() == Staff.objects.count()

    def test_demo_accounts_lists_every_role_and_the_password(self, capsys):
        call_command("demo_accounts")
        out = capsys.readouterr().out
        for username in ("admin.kota", "auditor.kota", "camat.jatisari", "fo.mekarsari", "auditor.sukaluyu"):
            assert username in out
        assert data.DEMO_PASSWORD in out


def test_load_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert Organisation.objects.count() == 0


def test_demo_command_sets_up_numbering_and_a_signed_letter_that_verifies(client, settings, tmp_path, capsys):
    from lontar.core.documents.models import IssuedDocument
    from lontar.core.models import CalendarDay, IssuedNumber, NumberingTemplate

    settings.LONTAR_CA_DIR = tmp_path / "ca"
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    assert "tidak ada yang diubah" in capsys.readouterr().out

    # The platform's three formats in each of the three kecamatan (modules add their own).
    core_types = ["surat_dinas", "surat_keterangan", "agenda_surat_masuk"]
    district_templates = NumberingTemplate.objects.filter(organisation__kind=OrganisationKind.DISTRICT)
    assert district_templates.filter(document_type__in=core_types).count() == 9
    assert CalendarDay.objects.filter(kind="cuti_bersama").exists()
    # The platform's sample letter is the first surat keterangan (service results follow it).
    letter = IssuedDocument.objects.filter(document_type="surat_keterangan").order_by("pk").first()
    assert letter.signed and letter.organisation.code == "Kec.Jts"
    first_number = IssuedNumber.objects.filter(document_type="surat_keterangan").order_by("pk").first()
    assert letter.number == first_number.number
    assert letter.number.startswith("000.8.3.2/001/Kec.Jts/")
    page = client.get(reverse("core:document_verify", args=[letter.verification_token]))
    assert page.status_code == 200
    assert letter.number in page.content.decode() and letter.sha256 in page.content.decode()
