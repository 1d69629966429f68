"""Demo data of leave for Kecamatan Jatisari, made through the services so history, audit trail, letters
and balances are true: the leave-letter numbering template, the leave settings, opening balances taken
over from the paper cards, the government's cuti bersama when the calendar has none, and requests in
every state (the Kasi Pemerintahan on approved leave while his Plh. acts, a request waiting for the
Camat, one waiting for the Plh.'s consideration, a rejected and a cancelled one). Dates are relative to
today. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from lontar.core.demo.samples import OUTGOING
from lontar.core.models import Organisation, Staff
from lontar.core.numbering.models import CounterScope, NumberingTemplate
from lontar.core.numbering.services import create_template
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workdays.services import load_cuti_bersama
from lontar.staff.leave import services
from lontar.staff.leave.models import Consideration, LeaveRequest, LeaveSettings, LeaveType, OpeningBalance

OFFICE_CODE = "Kec.Jts"


def _users(*names):
    found = get_user_model().objects.in_bulk(list(names), field_name="username")
    return [found.get(name) for name in names]


def _working_span(calendar, start, days):
    """`days` working days from the first working day on or after `start`, kept inside one year."""
    first = start
    while not calendar.is_working_day(first):
        first += datetime.timedelta(days=1)
    last = calendar.add_working_days(first, days - 1) if days > 1 else first
    if last.year != first.year:
        return _working_span(calendar, datetime.date(first.year + 1, 1, 1), days)
    return first, last


def _setup(office, admin, created: Counter) -> None:
    today = organisation_today(office)
    seeded = load_cuti_bersama(actor=None, years=[today.year])
    if seeded:
        created["cuti bersama"] += seeded
    if not NumberingTemplate.objects.filter(
        organisation=office, document_type=services.DOCUMENT_TYPE
    ).exists():
        create_template(
            actor=admin,
            organisation=office,
            document_type=services.DOCUMENT_TYPE,
            name="Surat izin cuti",
            # Leave letters take their number from the office's one outgoing-letter sequence.
            format=OUTGOING,
            scope=CounterScope.SHARED,
            shared_key="surat_keluar",
        )
        created["templat penomoran surat cuti"] += 1
    if not LeaveSettings.objects.filter(organisation=office).exists():
        services.update_settings(actor=admin, organisation=office, ledger_start_year=today.year)
        created["pengaturan cuti"] += 1
    for staff in Staff.objects.filter(
        organisation=office, is_active=True, employment_type=Staff.EmploymentType.PNS
    ):
        if OpeningBalance.objects.filter(staff=staff).exists():
            continue
        rng = random.Random(f"saldo-cuti:{staff.full_name}")
        previous = rng.randint(2, 6)
        services.set_opening_balance(
            actor=admin,
            staff=staff,
            year=today.year,
            remaining_previous=previous,
            remaining_before_previous=rng.randint(0, previous),
            note=f"Kartu cuti kertas {today.year - 1}",
        )
        created["saldo awal cuti"] += 1


def _request(user, leave_type, start, end, reason, address):
    return services.submit_request(
        actor=user,
        leave_type=leave_type,
        start_date=start,
        end_date=end,
        reason=reason,
        address_during_leave=address,
        phone_during_leave=user.staff.phone,
    )


def _requests(office, created: Counter) -> None:
    if LeaveRequest.objects.filter(organisation=office).exists():
        return
    camat, kasubag_tu, kasubag_pk, kasi_pem, staf, staf_pem, staf_keu, fo, admin = _users(
        "camat.jatisari",
        "kasubag.tu.jatisari",
        "kasubag.pk.jatisari",
        "kasi.pem.jatisari",
        "staf.jatisari",
        "staf.pem.jatisari",
        "staf.keu.jatisari",
        "fo.jatisari",
        "admin.jatisari",
    )
    if None in (camat, kasubag_tu, kasi_pem, staf):
        return
    calendar = WorkCalendar(office)
    today = organisation_today(office)

    # The Kasi Pemerintahan is on annual leave now (his Plh. acts, see the core demo's acting rows).
    start = today - datetime.timedelta(days=2)
    end = min(today + datetime.timedelta(days=10), datetime.date(today.year, 12, 31))
    away = _request(
        kasi_pem,
        LeaveType.ANNUAL,
        start,
        end,
        "Menghadiri wisuda anak di Yogyakarta",
        "Jl. Kaliurang 12, Sleman",
    )
    services.decide(
        request=away, actor=camat, decision=services.Decision.APPROVE, note="Serahkan tugas kepada Plh."
    )
    created["cuti disetujui"] += 1

    # A staff member of Subbag TU: considered by the Kasubag TU, waiting for the Camat.
    first, last = _working_span(calendar, today + datetime.timedelta(days=14), 3)
    waiting = _request(
        staf, LeaveType.ANNUAL, first, last, "Acara pernikahan adik", "Kp. Sukamaju RT 02/05, Jatisari"
    )
    services.consider(
        request=waiting,
        actor=kasubag_tu,
        consideration=Consideration.AGREE,
        note="Pekerjaan agenda surat diserahkan kepada Pranata Komputer.",
    )
    created["cuti menunggu keputusan"] += 1

    # A PPPK staff member of Seksi Pemerintahan, sick for a day: waiting for the Plh. Kasi's consideration.
    if staf_pem is not None:
        day, _last = _working_span(calendar, today + datetime.timedelta(days=1), 1)
        _request(staf_pem, LeaveType.SICK, day, day, "Kontrol pascaoperasi gigi", "Perum Jatisari Indah B-7")
        created["cuti menunggu pertimbangan"] += 1

    # A request the Camat turned down on the superior's advice (end-of-year budget closing).
    if staf_keu is not None and kasubag_pk is not None:
        first, last = _working_span(calendar, today + datetime.timedelta(days=7), 2)
        refused = _request(
            staf_keu, LeaveType.ANNUAL, first, last, "Liburan keluarga", "Jl. Cempaka 3, Jatisari"
        )
        services.consider(
            request=refused,
            actor=kasubag_pk,
            consideration=Consideration.DISAGREE,
            note="Bertepatan dengan penyusunan laporan realisasi anggaran.",
        )
        services.decide(
            request=refused,
            actor=camat,
            decision=services.Decision.REJECT,
            note="Ajukan kembali setelah laporan realisasi selesai.",
        )
        created["cuti tidak disetujui"] += 1

    # A request withdrawn by the requester, and one still with the Kasubag TU.
    if fo is not None:
        first, last = _working_span(calendar, today + datetime.timedelta(days=21), 2)
        withdrawn = _request(
            fo, LeaveType.ANNUAL, first, last, "Mengantar orang tua berobat", "Jl. Mawar 8, Jatisari"
        )
        services.cancel(request=withdrawn, actor=fo, note="Jadwal berobat diundur.")
        created["cuti dibatalkan"] += 1
    if admin is not None:
        first, last = _working_span(calendar, today + datetime.timedelta(days=30), 1)
        _request(
            admin, LeaveType.ANNUAL, first, last, "Mengurus perpanjangan SIM", "Jl. Anggrek 21, Jatisari"
        )
        created["cuti menunggu pertimbangan"] += 1


def load_leave_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code=OFFICE_CODE).first()
    admin = get_user_model().objects.filter(username="admin.jatisari").first()
    if office is None or admin is None:
        return created
    with transaction.atomic():
        _setup(office, admin, created)
        try:
            with transaction.atomic():
                _requests(office, created)
        except ValidationError:
            # A calendar edited so that no working day fits leaves the demo without requests, not broken.
            created.clear()
    return created
