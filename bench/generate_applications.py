"""Generate a kota's worth of service applications (permohonan layanan) with their status history.

    DJANGO_SETTINGS_MODULE=lontar.settings \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lontar_bench \\
    python bench/generate_applications.py --applications 200000 --pairs var/bench/tracking-pairs.csv

Offices: every active kecamatan in the database (the demo's, after `manage.py load_demo`, or the letters
benchmark's); with none, a small bench kota of `--offices` kecamatan is created. Services: each office's
published services with a standard in force; an office without any gets the ten typical kecamatan
services below. Applications are spread over the thirteen months before `--today` (default: the real
today, so the transparency dashboard's current month has figures) in the statuses their age makes
likely, each with the StatusChange rows its path through ApplicationWorkflow writes, and with the
completion figures `_record_completion` stores (working days net of correction pauses, on time).
Working days here skip weekends only (holidays are ignored: the figures only need to be plausible).

Rows are written with COPY on PostgreSQL (executemany elsewhere), one transaction per office; an office
that already has applications is skipped, so a stopped run resumes. `--pairs` receives up to
`--pairs-count` known (number, secret) pairs of submitted applications for the tracking load test. The
secrets' hashes use this process's SECRET_KEY: the server under test must run with the same one.

Not generated: audit rows, uploads, messages, queue deviations, assignments.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

if __name__ == "__main__":  # run as a script: make `lontar` and `bench` importable and start Django
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lontar.settings")
    import django

    django.setup()

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from bench.generate_letters import FIRST, LAST, Writer, log
from lontar.core.models import Organisation
from lontar.core.models.organisations import OrganisationKind
from lontar.core.workflow.models import StatusChange
from lontar.public_services import numbers
from lontar.public_services.models import (
    Application,
    ApplicationStatus,
    Channel,
    FormField,
    Requirement,
    Service,
    ServiceStandard,
)

S = ApplicationStatus
MONTHS_BACK = 13
# (code, name, working days, share of the applications)
TYPICAL_SERVICES = (
    ("sktm", "Surat Keterangan Tidak Mampu", 1, 20),
    ("domisili", "Surat Keterangan Domisili", 1, 15),
    ("domisili-usaha", "Surat Keterangan Domisili Usaha", 2, 10),
    ("pengantar-nikah", "Rekomendasi Nikah", 1, 8),
    ("dispensasi-nikah", "Dispensasi Nikah (kurang dari 10 hari kerja)", 2, 4),
    ("tanggungan-keluarga", "Surat Keterangan Tanggungan Keluarga", 1, 10),
    ("ahli-waris", "Surat Keterangan Ahli Waris", 5, 6),
    ("legalisasi", "Legalisasi Dokumen", 1, 12),
    ("iumk", "Izin Usaha Mikro Kecil (IUMK)", 3, 10),
    ("rekomendasi-imb", "Rekomendasi Persetujuan Bangunan Gedung Kecil", 7, 5),
)
PURPOSES = ("Beasiswa sekolah anak", "Pengobatan di rumah sakit", "Melamar pekerjaan", "Keperluan bank",
            "Pendaftaran sekolah", "Bantuan sosial", "Pengurusan BPJS")  # fmt: skip
STREETS = ("Melati", "Mawar", "Kenanga", "Anggrek", "Flamboyan", "Cempaka", "Dahlia", "Merdeka", "Sudirman")


# --- working days (weekends only) ----------------------------------------------------------------
def add_weekdays(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def weekdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (as `working_days_between` counts)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def office_hours(rng: random.Random, day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59)), zone)


# --- offices and services -------------------------------------------------------------------------
def bench_offices(count: int) -> list[Organisation]:
    offices = list(Organisation.objects.filter(kind=OrganisationKind.DISTRICT, is_active=True).order_by("pk"))
    if offices:
        return offices
    kota, _ = Organisation.objects.get_or_create(
        code="BenchLyn", defaults={"kind": OrganisationKind.CITY, "name": "Kota Bench Layanan"}
    )
    for i in range(count):
        Organisation.objects.get_or_create(
            code=f"Kec.L{i:02d}",
            defaults={"kind": OrganisationKind.DISTRICT, "name": f"Kecamatan Layanan {i}", "parent": kota},
        )
    return list(Organisation.objects.filter(parent=kota).order_by("pk"))


def office_services(office: Organisation, today: dt.date) -> list[tuple[Service, ServiceStandard, int]]:
    """(service, standard in force, weight) of the office, creating the typical services if it has none."""
    in_force = ServiceStandard.objects.in_force_on(today).filter(organisation=office).order_by("version")
    standards = {s.service_id: s for s in in_force}  # the newest version wins
    services = Service.objects.filter(organisation=office, is_active=True, pk__in=list(standards))
    weights = {code: weight for code, _n, _d, weight in TYPICAL_SERVICES}
    found = [(s, standards[s.pk], weights.get(s.code, 5)) for s in services.order_by("order", "pk")]
    if found:
        return found
    effective = today.replace(year=today.year - 2, month=1, day=1)
    for order, (code, name, days, weight) in enumerate(TYPICAL_SERVICES):
        service = Service.objects.create(organisation=office, code=code, name=name, order=order)
        standard = ServiceStandard.objects.create(
            organisation=office, service=service, version=1, effective_from=effective, published=True,
            procedure="1. Pemohon mengajukan berkas.\n2. Petugas memeriksa.\n3. Camat menandatangani.",
            processing_days=days, fee_text="Tidak dipungut biaya", product=name,
            complaint_handling="Kotak pengaduan, portal pengaduan, dan SP4N-LAPOR!",
            legal_basis="Peraturan Wali Kota tentang pelimpahan sebagian kewenangan kepada camat",
        )  # fmt: skip
        Requirement.objects.create(standard=standard, order=0, name="KTP pemohon")
        Requirement.objects.create(standard=standard, order=1, name="Kartu Keluarga")
        FormField.objects.create(standard=standard, order=0, key="keperluan", label="Keperluan")
        found.append((service, standard, weight))
    return found


# --- one application's life -------------------------------------------------------------------------
def plan_path(rng: random.Random, age_days: int) -> list[str]:
    """The transitions an application of this age has taken (ApplicationWorkflow names)."""
    roll = rng.random()
    if roll < 0.04:
        return []  # a draft never submitted
    if roll < 0.07:
        return ["submit", "cancel"]
    path = ["submit"]
    if age_days < 1 and rng.random() < 0.6:
        return path
    path.append("start_verification")
    if rng.random() < 0.15:
        path += ["request_correction"]
        if age_days < 5 and rng.random() < 0.5:
            return path
        path += ["resubmit"]
    if rng.random() < 0.06:
        return [*path, "reject"]
    if age_days < 2 and rng.random() < 0.5:
        return path
    path.append("accept")
    if age_days < 4 and rng.random() < 0.4:
        return path
    if rng.random() < 0.7:
        path.append("request_signature")
        if age_days < 5 and rng.random() < 0.4:
            return path
        path.append("sign")
    else:
        path.append("complete")
    if age_days > 20 or rng.random() < 0.6:
        path.append("hand_over")
    return path


TARGETS = {
    "submit": (S.DRAFT, S.SUBMITTED), "start_verification": (S.SUBMITTED, S.VERIFYING),
    "request_correction": (S.VERIFYING, S.NEEDS_CORRECTION), "resubmit": (S.NEEDS_CORRECTION, S.VERIFYING),
    "accept": (S.VERIFYING, S.PROCESSING), "request_signature": (S.PROCESSING, S.AWAITING_SIGNATURE),
    "sign": (S.AWAITING_SIGNATURE, S.READY), "complete": (S.PROCESSING, S.READY),
    "hand_over": (S.READY, S.PICKED_UP), "cancel": (S.SUBMITTED, S.CANCELLED),
}  # fmt: skip


def live(rng, path, submitted: dt.datetime, standard_days: int, now: dt.datetime, zone):
    """Walk `path` from `submitted`: the time of each step, due date, pauses and completion figures."""
    steps, moment, paused, paused_since, due, completion = [], submitted, 0, None, None, None
    state = S.DRAFT
    for name in path:
        if name == "submit":
            moment = submitted
            due = add_weekdays(submitted.astimezone(zone).date(), standard_days)
        elif name == "resubmit":
            moment += dt.timedelta(days=rng.choice((1, 2, 3, 3, 5, 8)), hours=rng.randint(0, 5))
        elif name == "hand_over":
            moment += dt.timedelta(days=rng.choice((0, 1, 1, 2, 4, 9)), hours=rng.randint(1, 5))
        else:
            # Most steps take hours; some wait days (a busy week, a Camat away).
            moment += dt.timedelta(hours=rng.choice((1, 2, 3, 5, 20, 26, 48, 72, 120)))
        moment = min(moment, now - dt.timedelta(minutes=len(path) - len(steps)))
        if name == "request_correction":
            paused_since = moment.astimezone(zone).date()
        if name == "resubmit" and paused_since is not None:
            days = weekdays_between(paused_since, moment.astimezone(zone).date())
            paused += days
            due = add_weekdays(due, days)
            paused_since = None
        if name in ("sign", "complete"):
            done_on = moment.astimezone(zone).date()
            elapsed = weekdays_between(submitted.astimezone(zone).date(), done_on)
            completion = (moment, max(0, elapsed - paused), done_on <= due)
        to_state = TARGETS[name][1] if name in TARGETS else S.REJECTED
        steps.append((name, state, to_state, moment, due))
        state = to_state
    return steps, paused, paused_since, due, completion


APPLICATION_COLUMNS = [f.column for f in Application._meta.concrete_fields]
CHANGE_COLUMNS = ["id", "organisation_id", "content_type_id", "object_id", "transition", "from_state",
                  "to_state", "actor_id", "at", "note", "due_date"]  # fmt: skip


def generate_office(office, services, count, *, seed, today, writer, pairs, pairs_wanted, used_numbers):
    rng = random.Random(f"{seed}:{office.code}")
    zone = ZoneInfo(office.timezone)
    now = min(timezone.now(), dt.datetime.combine(today, dt.time(16, 30), zone))
    application_type = ContentType.objects.get_for_model(Application).pk
    app_id = writer.next_id(Application)
    change_id = writer.next_id(StatusChange)
    weights = [w for _s, _st, w in services]
    first_day = today - dt.timedelta(days=31 * MONTHS_BACK)
    span = (today - first_day).days
    apps, changes = [], []
    for _ in range(count):
        service, standard, _weight = rng.choices(services, weights)[0]
        day = first_day + dt.timedelta(days=int(span * rng.random() ** 0.85))  # more in recent months
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        created = office_hours(rng, day, zone)
        if created > now:
            created = now - dt.timedelta(minutes=rng.randint(5, 600))
        age = (today - created.astimezone(zone).date()).days
        path = plan_path(rng, age)
        steps, paused, paused_since, _due, completion = live(
            rng, path, created, standard.processing_days, now, zone
        )
        status = steps[-1][2] if steps else S.DRAFT
        number = numbers.new_registration_number(office, created.astimezone(zone).date())
        while number in used_numbers:
            number = numbers.new_registration_number(office, created.astimezone(zone).date())
        used_numbers.add(number)
        secret = "".join(rng.choice(numbers.ALPHABET) for _ in range(numbers.SECRET_LENGTH))
        if status != S.DRAFT and len(pairs) < pairs_wanted and rng.random() < 0.2:
            pairs.append((number, secret, status))
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        last = steps[-1][3] if steps else None
        row = {
            "id": app_id, "organisation_id": office.pk, "status": status,
            "status_changed_at": last, "due_date": steps[-1][4] if steps and status not in (
                S.PICKED_UP, S.REJECTED, S.CANCELLED) else None,
            "service_id": service.pk, "standard_id": standard.pk, "number": number,
            "secret_hash": numbers.secret_hash(number, secret),
            "channel": Channel.ONLINE if rng.random() < 0.7 else Channel.COUNTER,
            "applicant_name": name, "applicant_nik": f"3273{rng.randint(10**11, 10**12 - 1)}",
            "applicant_phone": f"08{rng.randint(10**9, 10**10 - 1)}", "applicant_email": "",
            "applicant_address": f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 120)}",
            "applicant_user_id": None, "contact_verified_at": created, "registered_by_id": None,
            "data": json.dumps({"keperluan": rng.choice(PURPOSES)}), "submit_key": None,
            "created_at": created, "submitted_at": created if steps else None, "assigned_to_id": None,
            "paused_since": paused_since, "paused_working_days": paused,
            "completed_at": completion[0] if completion else None,
            "completed_working_days": completion[1] if completion else None,
            "on_time": completion[2] if completion else None,
            "rejection_reason": "Persyaratan tidak sesuai ketentuan." if status == S.REJECTED else "",
            "result_document_id": None,
            "picked_up_at": last if status == S.PICKED_UP else None,
            "picked_up_by": name if status == S.PICKED_UP else "",
            "reminded_at": None, "escalated_at": None,
        }  # fmt: skip
        apps.append(tuple(row[c] for c in APPLICATION_COLUMNS))
        for transition, from_state, to_state, at, due_then in steps:
            note = {"request_correction": "Berkas perlu dilengkapi.", "reject": row["rejection_reason"]}
            final = to_state in (S.PICKED_UP, S.REJECTED, S.CANCELLED)
            changes.append((
                change_id, office.pk, application_type, app_id, transition, from_state, to_state, None, at,
                note.get(transition, ""), None if final else due_then,
            ))  # fmt: skip
            change_id += 1
        app_id += 1
    writer.write(Application._meta.db_table, APPLICATION_COLUMNS, apps)
    writer.write(StatusChange._meta.db_table, CHANGE_COLUMNS, changes)
    return {"applications": len(apps), "status_changes": len(changes)}


def generate(*, applications: int, offices: int = 3, seed: int = 2026, today: dt.date | None = None,
             pairs_path: Path | None = None, pairs_count: int = 5000) -> dict:  # fmt: skip
    """Fill every office without applications; returns the totals written."""
    writer = Writer()
    with transaction.atomic():
        chosen = bench_offices(offices)
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = [(office, office_services(office, today)) for office in chosen]
    shares = [applications // len(plan)] * len(plan)
    shares[0] += applications - sum(shares)
    if writer.pg:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
    totals = {"applications": 0, "status_changes": 0}
    pairs: list[tuple[str, str, str]] = []
    used = set(Application.objects.values_list("number", flat=True))
    started = time.monotonic()
    quota = -(-pairs_count // len(plan))  # known pairs spread over the offices
    for (office, services), share in zip(plan, shares, strict=True):
        if Application.objects.filter(organisation=office).exists():
            log(f"{office.code}: has applications, skipped")
            continue
        with transaction.atomic():
            counts = generate_office(
                office, services, share, seed=seed, today=today, writer=writer, pairs=pairs,
                pairs_wanted=len(pairs) + quota, used_numbers=used,
            )  # fmt: skip
        for key, value in counts.items():
            totals[key] += value
        rate = totals["applications"] / max(time.monotonic() - started, 0.001)
        log(f"{office.code}: {counts} — {rate:.0f} applications/s")
    writer.reset_sequences([Application, StatusChange])
    if writer.pg:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Application._meta.db_table}")
            cursor.execute(f"ANALYZE {StatusChange._meta.db_table}")
    if pairs_path is not None and pairs:
        random.Random(seed).shuffle(pairs)
        pairs_path.parent.mkdir(parents=True, exist_ok=True)
        with pairs_path.open("w", newline="") as handle:
            csv.writer(handle).writerows(pairs[:pairs_count])
        log(f"{min(len(pairs), pairs_count)} tracking pairs written to {pairs_path}")
    log(f"done: {totals}")
    return totals


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--offices", type=int, default=3, help="kecamatan to create when none exists")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--pairs", type=Path, default=Path("var/bench/tracking-pairs.csv"))
    parser.add_argument("--pairs-count", type=int, default=5000)
    args = parser.parse_args(argv)
    generate(applications=args.applications, offices=args.offices, seed=args.seed, today=args.today,
             pairs_path=args.pairs, pairs_count=args.pairs_count)  # fmt: skip


if __name__ == "__main__":
    main()
