"""The catalogue's writes: services, versions of their standard (copy, edit, publish), requirements and
form fields, the Maklumat; validation in Bahasa Indonesia, permissions, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import AuditEvent, NumberingTemplate, Role
from lontar.core.tests.factories import member
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import FieldKind, FormField, Requirement, Service, ServiceStandard
from lontar.public_services.selectors import catalogue as selectors
from lontar.public_services.services import catalogue as services
from lontar.public_services.tests.factories import make_service, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(district):
    return make_service(
        district,
        uploads=("KTP pemohon", "Kartu Keluarga"),
        fields=(("keperluan", "Keperluan", FieldKind.TEXT), ("nik_ayah", "NIK ayah", FieldKind.NIK)),
    )


def _fill(actor, draft):
    services.update_standard(
        actor=actor, standard=draft, procedure="1. Ajukan.", product="Surat", legal_basis="Perwal"
    )
    services.add_requirement(actor=actor, standard=draft, name="KTP", note="", needs_upload=True)


def test_a_new_service_starts_with_an_unpublished_draft_that_the_portal_does_not_show(org_admin, district):
    service = services.create_service(actor=org_admin, organisation=district, code="sktm", name="SKTM")
    draft = service.standards.get()
    assert (draft.version, draft.published) == (1, False)
    assert not selectors.public_services().filter(pk=service.pk).exists()
    event = AuditEvent.objects.get(action="public_services.service.create")
    assert event.after["name"] == "SKTM" and event.after["versi_konsep"] == 1


def test_a_new_version_copies_the_standard_in_force_with_its_requirements_and_form(org_admin, service):
    v1 = service.standards.get()
    draft = services.new_version(actor=org_admin, service=service)
    assert (draft.version, draft.published) == (2, False)
    assert draft.procedure == v1.procedure and draft.legal_basis == v1.legal_basis
    assert list(draft.requirements.values_list("name", "needs_upload")) == [
        ("KTP pemohon", True),
        ("Kartu Keluarga", True),
    ]
    assert list(draft.form_fields.values_list("key", "kind")) == [("keperluan", "text"), ("nik_ayah", "nik")]
    # The copies are new rows: editing the draft leaves version 1 alone.
    services.update_requirement(
        actor=org_admin, requirement=draft.requirements.first(), name="KTP-el", note="", needs_upload=False
    )
    assert list(v1.requirements.values_list("name", flat=True)) == ["KTP pemohon", "Kartu Keluarga"]


def test_only_one_draft_at_a_time(org_admin, service):
    services.new_version(actor=org_admin, service=service)
    with pytest.raises(ValidationError, match="sudah punya versi konsep"):
        services.new_version(actor=org_admin, service=service)
    assert service.standards.count() == 2


def test_publishing_ends_the_previous_version_the_day_before_and_applications_keep_theirs(
    org_admin, service, district
):
    application, _secret = submitted_application(
        service, data={"keperluan": "Beasiswa", "nik_ayah": "3273010101700001"}
    )
    v1 = service.standards.get()
    draft = services.new_version(actor=org_admin, service=service)
    services.update_standard(actor=org_admin, standard=draft, processing_days=7)
    services.add_requirement(actor=org_admin, standard=draft, name="Pas foto", note="", needs_upload=True)
    start = organisation_today(district) + dt.timedelta(days=10)

    services.publish_standard(actor=org_admin, standard=draft, effective_from=start, decree_number="KEP/1")

    v1.refresh_from_db()
    draft.refresh_from_db()
    assert v1.effective_until == start - dt.timedelta(days=1)
    assert (draft.published, draft.effective_from, draft.effective_until) == (True, start, None)
    # Until the start date the portal still shows version 1; from then on version 2.
    assert selectors.standard_in_force(service).version == 1
    assert selectors.standard_in_force(service, start).version == 2
    application.refresh_from_db()
    assert application.standard_id == v1.pk
    assert application.standard.requirements.count() == 2 and application.standard.processing_days == 3
    event = AuditEvent.objects.get(action="public_services.standard.publish")
    assert event.after["effective_from"] == start.isoformat()
    assert event.before["versi_sebelumnya"] == [{"versi": 1, "berlaku_sampai_sebelumnya": None}]


def test_a_published_version_cannot_be_changed(org_admin, service):
    v1 = service.standards.get()
    requirement = v1.requirements.first()
    attempts = [
        lambda: services.update_standard(actor=org_admin, standard=v1, procedure="Diubah"),
        lambda: services.add_requirement(actor=org_admin, standard=v1, name="Baru"),
        lambda: services.update_requirement(actor=org_admin, requirement=requirement, name="Diubah"),
        lambda: services.delete_requirement(actor=org_admin, requirement=requirement),
        lambda: services.add_form_field(actor=org_admin, standard=v1, key="baru", label="Baru", kind="text"),
        lambda: services.publish_standard(actor=org_admin, standard=v1, effective_from=dt.date(2030, 1, 1)),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="sudah ditetapkan dan tidak dapat diubah"):
            attempt()
    v1.refresh_from_db()
    assert v1.procedure.startswith("1. Pemohon") and v1.requirements.count() == 2


def test_publishing_refuses_a_past_date_an_incomplete_draft_and_a_date_before_the_last_version(
    org_admin, district
):
    service = services.create_service(actor=org_admin, organisation=district, code="baru", name="Baru")
    draft = service.standards.get()
    today = organisation_today(district)
    with pytest.raises(ValidationError) as error:
        services.publish_standard(
            actor=org_admin, standard=draft, effective_from=today - dt.timedelta(days=1)
        )
    messages = error.value.message_dict
    assert messages["effective_from"] == ["Tanggal mulai berlaku tidak boleh sebelum hari ini."]
    assert (
        "Komponen berikut belum diisi: Sistem, mekanisme, dan prosedur, Dasar hukum." in messages["__all__"]
    )
    assert "Isi paling sedikit satu persyaratan." in messages["__all__"]
    draft.refresh_from_db()
    assert not draft.published

    _fill(org_admin, draft)
    later = today + dt.timedelta(days=30)
    services.publish_standard(actor=org_admin, standard=draft, effective_from=later)
    second = services.new_version(actor=org_admin, service=service)
    with pytest.raises(ValidationError, match="harus setelah"):
        services.publish_standard(actor=org_admin, standard=second, effective_from=later)
    assert not ServiceStandard.objects.get(pk=second.pk).published


def test_form_fields_are_checked_and_choices_kept_one_per_line(org_admin, service):
    draft = services.new_version(actor=org_admin, service=service)
    with pytest.raises(ValidationError) as error:
        services.add_form_field(actor=org_admin, standard=draft, key="Nama Usaha", label="", kind="text")
    assert set(error.value.message_dict) == {"key", "label"}
    with pytest.raises(ValidationError, match="sudah dipakai isian lain"):
        services.add_form_field(actor=org_admin, standard=draft, key="keperluan", label="Lagi", kind="text")
    with pytest.raises(ValidationError, match="paling sedikit dua pilihan"):
        services.add_form_field(
            actor=org_admin, standard=draft, key="jenis", label="Jenis", kind="choice", choices=["Satu"]
        )
    field = services.add_form_field(
        actor=org_admin,
        standard=draft,
        key="jenis",
        label="Jenis usaha",
        kind=FieldKind.CHOICE,
        choices=[" Dagang ", "", "Jasa"],
    )
    assert field.choices == ["Dagang", "Jasa"]
    services.move_form_field(actor=org_admin, form_field=field, up=True)
    assert list(draft.form_fields.order_by("order").values_list("key", flat=True)) == [
        "keperluan",
        "jenis",
        "nik_ayah",
    ]
    services.delete_form_field(
        actor=org_admin, form_field=FormField.objects.get(standard=draft, key="keperluan")
    )
    assert list(draft.form_fields.order_by("order").values_list("key", "order")) == [
        ("jenis", 1),
        ("nik_ayah", 2),
    ]


def test_requirements_are_reordered_and_deleted_on_the_draft(org_admin, service):
    draft = services.new_version(actor=org_admin, service=service)
    kk = draft.requirements.get(name="Kartu Keluarga")
    services.move_requirement(actor=org_admin, requirement=kk, up=True)
    assert list(draft.requirements.order_by("order").values_list("name", flat=True)) == [
        "Kartu Keluarga",
        "KTP pemohon",
    ]
    event = AuditEvent.objects.get(action="public_services.requirement.move")
    assert event.before == {"urutan_persyaratan": ["KTP pemohon", "Kartu Keluarga"]}
    services.delete_requirement(actor=org_admin, requirement=kk)
    assert list(draft.requirements.values_list("name", "order")) == [("KTP pemohon", 1)]
    with pytest.raises(ValidationError, match="Nama persyaratan wajib diisi"):
        services.add_requirement(actor=org_admin, standard=draft, name="  ")


def test_service_settings_are_checked_and_audited_with_before_and_after(org_admin, service, district):
    with pytest.raises(ValidationError) as error:
        services.update_service(
            actor=org_admin,
            service=service,
            name="",
            result_document_type="surat_ajaib",
            result_body="<p>{{ pemohon.nama }} {% load x %}</p>",
        )
    assert set(error.value.message_dict) == {"name", "result_document_type", "result_title", "result_body"}
    assert "belum punya templat penomoran" in error.value.message_dict["result_document_type"][0]
    NumberingTemplate.objects.create(
        organisation=district, document_type="surat_keterangan", name="SK", format="{urut}/{tahun}"
    )
    services.update_service(
        actor=org_admin,
        service=service,
        name="SKTM baru",
        result_document_type="surat_keterangan",
        result_title="Surat Keterangan Tidak Mampu",
        result_body='<p onclick="x()">{{ pemohon.nama }} {{ data.keperluan }}</p><script>x()</script>',
    )
    service.refresh_from_db()
    assert service.result_body == "<p>{{ pemohon.nama }} {{ data.keperluan }}</p>"
    event = AuditEvent.objects.get(action="public_services.service.update")
    assert event.before["name"] == "Surat Keterangan Tidak Mampu" and event.after["name"] == "SKTM baru"


def test_the_code_is_unique_per_office_but_may_repeat_in_another(org_admin, district, other_district):
    services.create_service(actor=org_admin, organisation=district, code="sktm", name="SKTM")
    with pytest.raises(ValidationError, match="sudah dipakai di kantor ini"):
        services.create_service(actor=org_admin, organisation=district, code="sktm", name="Lagi")
    other_admin = member(other_district, Role.ORG_ADMIN)
    services.create_service(actor=other_admin, organisation=other_district, code="sktm", name="SKTM")
    assert Service.objects.filter(code="sktm").count() == 2


@pytest.mark.parametrize("role", [Role.STAFF, Role.FRONT_DESK, Role.HEAD, Role.AUDITOR])
def test_only_the_office_admin_and_sekcam_change_the_catalogue_and_a_refusal_changes_nothing(
    role, service, district
):
    user = member(district, role)
    draft_count = ServiceStandard.objects.count()
    v1 = service.standards.get()
    for attempt in (
        lambda: services.new_version(actor=user, service=service),
        lambda: services.update_service(actor=user, service=service, name="Diambil"),
        lambda: services.create_service(actor=user, organisation=district, code="x", name="X"),
        lambda: services.update_requirement(actor=user, requirement=v1.requirements.first(), name="X"),
        lambda: services.create_pledge(
            actor=user,
            organisation=district,
            text="X",
            signatory_name="X",
            signatory_position="X",
            effective_from=dt.date(2030, 1, 1),
        ),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert ServiceStandard.objects.count() == draft_count
    assert Service.objects.get(pk=service.pk).name == "Surat Keterangan Tidak Mampu"
    assert not AuditEvent.objects.filter(action__startswith="public_services.").exists()


def test_the_secretary_may_manage_and_an_admin_of_another_office_may_not(service, district, foreign_user):
    sekcam = member(district, Role.SECRETARY)
    assert services.new_version(actor=sekcam, service=service).version == 2
    with pytest.raises(PermissionDenied):
        services.update_service(actor=foreign_user, service=service, name="Diambil")
    assert Requirement.objects.filter(standard__service=service).count() == 4


def test_the_maklumat_in_force_is_the_latest_that_has_started(org_admin, district):
    today = organisation_today(district)
    old = services.create_pledge(
        actor=org_admin,
        organisation=district,
        text="Lama",
        signatory_name="Camat",
        signatory_position="Camat Satu",
        effective_from=today - dt.timedelta(days=100),
        allow_past=True,
    )
    services.create_pledge(
        actor=org_admin,
        organisation=district,
        text="Baru",
        signatory_name="Camat",
        signatory_position="Camat Satu",
        effective_from=today + dt.timedelta(days=5),
    )
    assert selectors.pledge_in_force(district) == old
    with pytest.raises(ValidationError) as error:
        services.create_pledge(
            actor=org_admin,
            organisation=district,
            text="",
            signatory_name="",
            signatory_position="Camat",
            effective_from=today - dt.timedelta(days=1),
        )
    assert error.value.message_dict == {
        "text": ["Isi maklumat wajib diisi."],
        "signatory_name": ["Nama penanda tangan wajib diisi."],
        "effective_from": ["Tanggal mulai berlaku tidak boleh sebelum hari ini."],
    }
