"""Taking numbers: sequences per scope, yearly reset, audit, preview, template management."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import AuditEvent, IssuedNumber, NumberCounter, NumberingTemplate, Role
from lontar.core.numbering import services
from lontar.core.numbering.models import CounterScope

FMT = "{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}"


def template(org, document_type="surat_dinas", fmt=FMT, scope=CounterScope.DOCUMENT_TYPE, shared_key=""):
    return NumberingTemplate.objects.create(
        organisation=org,
        document_type=document_type,
        name=document_type.replace("_", " ").title(),
        format=fmt,
        scope=scope,
        shared_key=shared_key,
    )


def take(org, actor, document_type="surat_dinas", on_date=date(2026, 11, 3), **kwargs):
    kwargs.setdefault("classification_code", "000.8.3.3")
    return services.take_number(
        organisation=org, document_type=document_type, actor=actor, on_date=on_date, **kwargs
    )


@pytest.mark.django_db
def test_numbers_follow_each_other_and_are_recorded_with_an_audit_event(district, head):
    template(district)
    first = take(district, head)
    second = take(district, head, classification_code="800.1.11.1")
    assert (first.number, first.sequence, first.year) == ("000.8.3.3/001/Kec.Satu/XI/2026", 1, 2026)
    assert second.number == "800.1.11.1/002/Kec.Satu/XI/2026"
    assert (
        NumberCounter.objects.get(organisation=district, scope_key="type:surat_dinas", year=2026).last_value
        == 2
    )
    events = AuditEvent.objects.filter(action="numbering.take", organisation=district).order_by("sequence")
    assert [e.after["number"] for e in events] == [first.number, second.number]
    assert events[0].actor == head


@pytest.mark.django_db
def test_unit_code_given_at_issue_time_replaces_the_office_code(district, head):
    template(district)
    assert take(district, head, unit_code="Pem").number == "000.8.3.3/001/Pem/XI/2026"


@pytest.mark.django_db
def test_sequence_restarts_at_one_in_a_new_year(district, head):
    template(district, fmt="{urut:3}/{tahun}")
    assert take(district, head, on_date=date(2026, 12, 31)).number == "001/2026"
    assert take(district, head, on_date=date(2026, 12, 31)).number == "002/2026"
    assert take(district, head, on_date=date(2027, 1, 1)).number == "001/2027"
    # A late 2026 document still continues 2026's sequence.
    assert take(district, head, on_date=date(2026, 12, 30)).number == "003/2026"


@pytest.mark.django_db
def test_default_date_is_today_in_the_office_time_zone(district, head, settings):
    import datetime as dt
    from unittest import mock

    template(district, fmt="{urut}/{bulan}/{tahun}")
    district.timezone = "Asia/Jayapura"  # WIT, UTC+9
    district.save()
    # 31 Dec 2026 16:00 UTC is already 1 Jan 2027 01:00 in Jayapura.
    moment = dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        issued = services.take_number(organisation=district, document_type="surat_dinas", actor=head)
    assert issued.number == "1/01/2027"


@pytest.mark.django_db
def test_document_type_scope_keeps_separate_sequences(district, head):
    template(district, "surat_dinas", fmt="SD/{urut}")
    template(district, "surat_tugas", fmt="ST/{urut}")
    assert [take(district, head, t).number for t in ["surat_dinas", "surat_dinas", "surat_tugas"]] == [
        "SD/1",
        "SD/2",
        "ST/1",
    ]


@pytest.mark.django_db
def test_organisation_scope_shares_one_sequence_across_all_types(district, head):
    template(district, "surat_dinas", fmt="SD/{urut}", scope=CounterScope.ORGANISATION)
    template(district, "nota_dinas", fmt="ND/{urut}", scope=CounterScope.ORGANISATION)
    numbers = [take(district, head, t).number for t in ["surat_dinas", "nota_dinas", "surat_dinas"]]
    assert numbers == ["SD/1", "ND/2", "SD/3"]


@pytest.mark.django_db
def test_shared_scope_shares_a_sequence_only_between_templates_with_the_same_key(district, head):
    template(district, "surat_undangan", fmt="UND/{urut}", scope=CounterScope.SHARED, shared_key="keluar")
    template(district, "surat_edaran", fmt="SE/{urut}", scope=CounterScope.SHARED, shared_key="keluar")
    template(district, "surat_keputusan", fmt="SK/{urut}")
    numbers = [
        take(district, head, t).number
        for t in ["surat_undangan", "surat_edaran", "surat_keputusan", "surat_edaran"]
    ]
    assert numbers == ["UND/1", "SE/2", "SK/1", "SE/3"]


@pytest.mark.django_db
def test_each_office_has_its_own_counters(district, other_district, head, make_member):
    template(district, fmt="{org}/{urut}")
    template(other_district, fmt="{org}/{urut}")
    other_head = make_member(other_district, Role.HEAD)
    assert take(district, head).number == "Kec.Satu/1"
    assert take(other_district, other_head).number == "Kec.Dua/1"
    assert take(district, head).number == "Kec.Satu/2"


@pytest.mark.django_db
def test_missing_classification_takes_no_number(district, head):
    template(district)
    with pytest.raises(ValidationError):
        take(district, head, classification_code="")
    assert not IssuedNumber.objects.exists()
    assert take(district, head).sequence == 1


@pytest.mark.django_db
def test_no_active_template_is_explained_in_indonesian(district, head):
    t = template(district)
    t.is_active = False
    t.save()
    with pytest.raises(ValidationError) as exc:
        take(district, head)
    assert "Belum ada templat penomoran aktif" in exc.value.messages[0]


@pytest.mark.django_db
def test_a_user_of_another_office_cannot_take_its_numbers(district, foreign_user):
    template(district)
    with pytest.raises(PermissionDenied):
        take(district, foreign_user)
    assert not NumberCounter.objects.exists()


@pytest.mark.django_db
def test_the_issued_number_remembers_the_document_it_was_taken_for(district, head):
    template(district)
    issued = take(district, head, obj=district)
    assert (issued.object_type, issued.object_id) == ("core.organisation", str(district.pk))


@pytest.mark.django_db
def test_preview_shows_the_next_number_without_taking_it(district, head):
    template(district)
    take(district, head)
    preview = services.preview_number(
        organisation=district,
        document_type="surat_dinas",
        classification_code="000.1",
        on_date=date(2026, 11, 3),
    )
    assert (preview.number, preview.sequence) == ("000.1/002/Kec.Satu/XI/2026", 2)
    assert take(district, head).sequence == 2
    next_year = services.preview_number(
        organisation=district,
        document_type="surat_dinas",
        classification_code="000.1",
        on_date=date(2027, 1, 4),
    )
    assert next_year.number == "000.1/001/Kec.Satu/I/2027"


@pytest.mark.django_db
def test_org_admin_creates_and_edits_templates_with_audit(district, org_admin):
    t = services.create_template(
        actor=org_admin,
        organisation=district,
        document_type="surat_dinas",
        name="Surat Dinas",
        format=FMT,
        scope=CounterScope.DOCUMENT_TYPE,
    )
    services.update_template(actor=org_admin, template=t, format="{urut:4}/{tahun}")
    t.refresh_from_db()
    assert t.format == "{urut:4}/{tahun}"
    events = AuditEvent.objects.filter(object_type="core.numberingtemplate", object_id=str(t.pk))
    actions = list(events.order_by("sequence").values_list("action", flat=True))
    assert actions == ["numbering.template_create", "numbering.template_update"]
    update = AuditEvent.objects.get(action="numbering.template_update")
    assert update.before == {"format": FMT} and update.after == {"format": "{urut:4}/{tahun}"}


@pytest.mark.django_db
def test_bad_template_is_refused_and_nothing_is_saved(district, org_admin):
    with pytest.raises(ValidationError) as exc:
        services.create_template(
            actor=org_admin,
            organisation=district,
            document_type="surat_dinas",
            name="Surat Dinas",
            format="{klasifikasi}/{nomor}",
            scope=CounterScope.DOCUMENT_TYPE,
        )
    assert "Token {nomor} tidak dikenal" in " ".join(exc.value.message_dict["format"])
    assert not NumberingTemplate.objects.exists()


@pytest.mark.django_db
def test_shared_scope_needs_a_key_and_other_scopes_refuse_one(district, org_admin):
    with pytest.raises(ValidationError) as exc:
        services.create_template(
            actor=org_admin,
            organisation=district,
            document_type="a",
            name="A",
            format="{urut}",
            scope="shared",
        )
    assert "shared_key" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_template(
            actor=org_admin,
            organisation=district,
            document_type="a",
            name="A",
            format="{urut}",
            scope="document_type",
            shared_key="x",
        )
    assert "shared_key" in exc.value.message_dict


@pytest.mark.django_db
def test_second_template_for_the_same_type_is_refused_in_indonesian(district, org_admin):
    template(district)
    with pytest.raises(ValidationError) as exc:
        services.create_template(
            actor=org_admin,
            organisation=district,
            document_type="surat_dinas",
            name="X",
            format="{urut}",
            scope="document_type",
        )
    assert "sudah memiliki templat untuk jenis naskah" in " ".join(exc.value.messages)


@pytest.mark.django_db
def test_staff_and_other_offices_cannot_manage_templates(district, staff_user, foreign_user, org_admin):
    for user in (staff_user, foreign_user):
        with pytest.raises(PermissionDenied):
            services.create_template(
                actor=user,
                organisation=district,
                document_type="a",
                name="A",
                format="{urut}",
                scope="document_type",
            )
    t = template(district)
    with pytest.raises(PermissionDenied):
        services.update_template(actor=foreign_user, template=t, format="{urut}")
    t.refresh_from_db()
    assert t.format == FMT
    assert not AuditEvent.objects.filter(action__startswith="numbering.template").exists()


@pytest.mark.django_db
def test_scope_cannot_change_after_numbers_were_taken_this_year(district, org_admin, head):
    t = template(district, fmt="{urut}/{tahun}")
    services.take_number(organisation=district, document_type="surat_dinas", actor=head)
    with pytest.raises(ValidationError) as exc:
        services.update_template(actor=org_admin, template=t, scope=CounterScope.ORGANISATION)
    assert "tidak dapat diubah setelah nomor diambil" in " ".join(exc.value.messages)
    t.refresh_from_db()
    assert t.scope == CounterScope.DOCUMENT_TYPE
    services.update_template(actor=org_admin, template=t, name="Surat Dinas Umum")  # other edits are fine


@pytest.mark.django_db
def test_same_format_with_separate_sequences_is_refused_because_numbers_would_repeat(district, org_admin):
    template(district, "surat_dinas", fmt="{klasifikasi}/{urut:3}/{tahun}")
    with pytest.raises(ValidationError) as exc:
        services.create_template(
            actor=org_admin,
            organisation=district,
            document_type="nota_dinas",
            name="Nota Dinas",
            format="{klasifikasi}/{urut:3}/{tahun}",
            scope=CounterScope.DOCUMENT_TYPE,
        )
    assert "dapat menghasilkan nomor yang sama dengan templat Surat Dinas" in " ".join(exc.value.messages)
    services.create_template(
        actor=org_admin,
        organisation=district,
        document_type="nota_dinas",
        name="Nota Dinas",
        format="{klasifikasi}/ND/{urut:3}/{tahun}",
        scope=CounterScope.DOCUMENT_TYPE,
    )
    assert NumberingTemplate.objects.filter(organisation=district).count() == 2


# --- a number is never printed twice, whatever the templates become ---------------------------------


def _issued_count_and_counters(org):
    return (
        IssuedNumber.objects.filter(organisation=org).count(),
        sorted(NumberCounter.objects.filter(organisation=org).values_list("scope_key", "last_value")),
    )


@pytest.mark.django_db
def test_a_format_differing_only_in_padding_from_another_sequence_is_refused(district, org_admin):
    template(district, "surat_dinas", fmt="{klasifikasi}/{urut}/{org}/{tahun}")
    # {urut:3} writes 100 exactly as {urut} does, and {unit} defaults to the office code.
    for fmt in ("{klasifikasi}/{urut:3}/{org}/{tahun}", "{klasifikasi}/{urut}/{unit}/{tahun}"):
        with pytest.raises(ValidationError) as exc:
            services.create_template(
                actor=org_admin,
                organisation=district,
                document_type="nota_dinas",
                name="Nota Dinas",
                format=fmt,
                scope=CounterScope.DOCUMENT_TYPE,
            )
        assert exc.value.message_dict["format"] == [
            "Format ini dapat menghasilkan nomor yang sama dengan templat Surat Dinas, yang memakai nomor "
            "urut terpisah. Bedakan formatnya (misalnya tambahkan kode jenis naskah) atau pakai satu "
            "urutan bersama."
        ]
    assert NumberingTemplate.objects.filter(organisation=district).count() == 1


@pytest.mark.django_db
def test_a_template_cannot_be_changed_to_reprint_numbers_another_sequence_already_issued(
    district, org_admin, head
):
    old = template(district, "surat_dinas", fmt="SD/{urut:3}/{tahun}")
    issued = [
        services.take_number(organisation=district, document_type="surat_dinas", actor=head).number
        for _ in range(3)
    ]
    services.update_template(actor=org_admin, template=old, is_active=False)
    new = template(district, "surat_dinas_baru", fmt="SDB/{urut:3}/{tahun}")
    audit_before = AuditEvent.objects.filter(action="numbering.template_update").count()

    # The old template is inactive, so only the register of issued numbers can tell.
    with pytest.raises(ValidationError) as exc:
        services.update_template(actor=org_admin, template=new, format="SD/{urut:3}/{tahun}")

    assert exc.value.message_dict["format"] == [
        f"Format ini dapat menghasilkan nomor yang sudah pernah diterbitkan pada tahun {issued[0][-4:]}: "
        f"{issued[0]}. Bedakan formatnya, misalnya dengan menambahkan kode jenis naskah."
    ]
    new.refresh_from_db()
    assert new.format == "SDB/{urut:3}/{tahun}"
    assert AuditEvent.objects.filter(action="numbering.template_update").count() == audit_before
    with pytest.raises(ValidationError):
        services.create_template(
            actor=org_admin,
            organisation=district,
            document_type="surat_dinas_lain",
            name="Lain",
            format="SD/{urut:3}/{tahun}",
            scope=CounterScope.DOCUMENT_TYPE,
        )
    assert NumberingTemplate.objects.filter(organisation=district).count() == 2
    # Reactivating the old template continues its own sequence, so it is allowed.
    services.update_template(actor=org_admin, template=old, is_active=True)
    assert services.take_number(
        organisation=district, document_type="surat_dinas", actor=head
    ).number == issued[0].replace("001", "004")


@pytest.mark.django_db
def test_a_number_already_issued_is_refused_at_issue_time_and_nothing_is_taken(district, head):
    # Shapes differ ({klasifikasi} against literal text), so only issuing can reveal the clash.
    template(district, "surat_dinas", fmt="{klasifikasi}/{urut}")
    template(district, "surat_edaran", fmt="000.1/{urut}")
    assert take(district, head, "surat_edaran").number == "000.1/1"
    before = _issued_count_and_counters(district)
    audit_before = AuditEvent.objects.filter(action="numbering.take").count()

    with pytest.raises(ValidationError) as exc:
        take(district, head, "surat_dinas", classification_code="000.1")

    assert exc.value.messages == [
        "Nomor 000.1/1 sudah pernah diterbitkan di kantor ini pada tahun 2026, sehingga tidak diterbitkan "
        "lagi dan tidak ada nomor yang diambil. Minta administrator kantor membedakan format templat "
        "penomoran Surat Dinas."
    ]
    assert _issued_count_and_counters(district) == before
    assert AuditEvent.objects.filter(action="numbering.take").count() == audit_before
    # The refused sequence was not used up: the next letter still gets 1, so there is no gap.
    assert take(district, head, "surat_dinas", classification_code="000.2").number == "000.2/1"


@pytest.mark.django_db
def test_the_database_refuses_the_same_number_twice_in_a_year_but_not_in_the_next_year(district, head):
    from django.db import IntegrityError, transaction

    t = template(district, fmt="{urut}/OR")
    first = take(district, head, on_date=date(2026, 3, 2))
    assert take(district, head, on_date=date(2027, 3, 1)).number == first.number == "1/OR"
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            organisation=district,
            template=t,
            document_type="surat_dinas",
            scope_key="type:lain",
            year=2026,
            sequence=1,
            number="1/OR",
            issued_on=date(2026, 3, 2),
        )
