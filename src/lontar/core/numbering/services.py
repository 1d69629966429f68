"""Numbering writes: managing templates and taking numbers.

A number is taken under a row lock on its counter (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite
the IMMEDIATE transaction mode already serialises writers), never by reading MAX()+1, and recorded
in `IssuedNumber`, whose unique constraints are the last line of defence against a repeat: one sequence
per counter and year, and one number text per office and year.

Templates can change, so the same text could come from two sequences (two formats that differ only in
padding, a format changed to look like another one). Saving a template refuses formats that could print
a number another sequence prints or already printed this year, and `take_number` refuses (in Indonesian,
taking nothing) a number that was already issued, rather than issue it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.numbering.formatting import render_number, sequence_matcher, shape
from lontar.core.numbering.models import (
    CounterScope,
    IssuedNumber,
    NumberCounter,
    NumberingTemplate,
    counter_key_for,
)
from lontar.core.permissions import MANAGE_NUMBERING, require, visible_organisation_ids
from lontar.core.workdays.calendar import organisation_today

TEMPLATE_FIELDS = ("document_type", "name", "format", "scope", "shared_key", "is_active")


@dataclass(frozen=True)
class NumberPreview:
    number: str
    sequence: int
    year: int


def _already_issued(template, number: str, year: int) -> ValidationError:
    return ValidationError(
        _(
            "Nomor %(number)s sudah pernah diterbitkan di kantor ini pada tahun %(year)s, sehingga tidak "
            "diterbitkan lagi dan tidak ada nomor yang diambil. Minta administrator kantor membedakan "
            "format templat penomoran %(name)s."
        )
        % {"number": number, "year": year, "name": template.name},
        code="number_already_issued",
    )


def _active_template(organisation, document_type: str) -> NumberingTemplate:
    template = NumberingTemplate.objects.filter(
        organisation=organisation, document_type=document_type, is_active=True
    ).first()
    if template is None:
        raise ValidationError(
            _("Belum ada templat penomoran aktif untuk jenis naskah %(type)s di %(org)s.")
            % {"type": document_type, "org": organisation.name},
            code="no_template",
        )
    return template


def _render(template, organisation, *, sequence, on_date, classification_code, unit_code) -> str:
    return render_number(
        template.format,
        sequence=sequence,
        on_date=on_date,
        organisation_code=organisation.code,
        unit_code=organisation.code if unit_code is None else unit_code,
        classification_code=classification_code,
    )


def _next_sequence(organisation, scope_key: str, year: int) -> int:
    """Increment the counter under its row lock. Creating a missing counter is race-free: the insert
    ignores a concurrent twin, then everyone queues on the same row's lock."""
    NumberCounter.objects.bulk_create(
        [NumberCounter(organisation=organisation, scope_key=scope_key, year=year)], ignore_conflicts=True
    )
    counter = NumberCounter.objects.select_for_update().get(
        organisation=organisation, scope_key=scope_key, year=year
    )
    counter.last_value += 1
    counter.save(update_fields=["last_value", "updated_at"])
    return counter.last_value


def take_number(
    *,
    organisation,
    document_type: str,
    actor,
    classification_code: str = "",
    unit_code: str | None = None,
    on_date: date | None = None,
    obj=None,
) -> IssuedNumber:
    """Take the next number for `document_type` in `organisation`, once and for good.

    Callers check their own action (signing a letter, registering incoming mail); this service only
    refuses actors outside the office. `actor=None` means the system itself. The year of the sequence
    is the year of `on_date` (default: today in the office's time zone).
    """
    if actor is not None and organisation.pk not in visible_organisation_ids(actor):
        raise PermissionDenied("core.take_number")
    on_date = on_date or organisation_today(organisation)
    with transaction.atomic():
        template = _active_template(organisation, document_type)
        # Render once before taking the sequence so bad input (missing classification) takes nothing.
        _render(
            template,
            organisation,
            sequence=1,
            on_date=on_date,
            classification_code=classification_code,
            unit_code=unit_code,
        )
        sequence = _next_sequence(organisation, template.counter_key, on_date.year)
        number = _render(
            template,
            organisation,
            sequence=sequence,
            on_date=on_date,
            classification_code=classification_code,
            unit_code=unit_code,
        )
        if IssuedNumber.objects.filter(organisation=organisation, year=on_date.year, number=number).exists():
            raise _already_issued(template, number, on_date.year)
        try:
            with transaction.atomic():
                issued = IssuedNumber.objects.create(
                    organisation=organisation,
                    template=template,
                    document_type=document_type,
                    scope_key=template.counter_key,
                    year=on_date.year,
                    sequence=sequence,
                    number=number,
                    issued_on=on_date,
                    issued_by=actor if actor is not None and actor.is_authenticated else None,
                    object_type=obj._meta.label_lower if obj is not None else "",
                    object_id=str(obj.pk) if obj is not None else "",
                )
        except IntegrityError as exc:
            # Another sequence printed the same text at the same moment and committed first.
            if IssuedNumber.objects.filter(
                organisation=organisation, year=on_date.year, number=number
            ).exists():
                raise _already_issued(template, number, on_date.year) from exc
            raise
        audit.record(
            actor=actor,
            action="numbering.take",
            obj=issued,
            after={
                "number": issued.number,
                "sequence": sequence,
                "year": issued.year,
                "document_type": document_type,
                "scope_key": issued.scope_key,
                "for": f"{issued.object_type}:{issued.object_id}" if obj is not None else "",
            },
        )
    return issued


def ensure_sequence_at_least(
    *, organisation, document_type: str, year: int, sequence: int, actor=None
) -> int:
    """Advance the counter `document_type` draws from in `year` so the next number taken is above
    `sequence`; never moves it back. For numbers that entered the office's books without the counter
    (a legacy register imported with its own agenda numbers). Runs under the counter's row lock, so a
    number taken at the same moment waits and then continues after `sequence`. Returns the counter's
    last value."""
    template = NumberingTemplate.objects.filter(
        organisation=organisation, document_type=document_type, is_active=True
    ).first()
    scope_key = (
        template.counter_key
        if template is not None
        else counter_key_for(scope=CounterScope.DOCUMENT_TYPE, document_type=document_type)
    )
    with transaction.atomic():
        NumberCounter.objects.bulk_create(
            [NumberCounter(organisation=organisation, scope_key=scope_key, year=year)], ignore_conflicts=True
        )
        counter = NumberCounter.objects.select_for_update().get(
            organisation=organisation, scope_key=scope_key, year=year
        )
        if counter.last_value < sequence:
            before = counter.last_value
            counter.last_value = sequence
            counter.save(update_fields=["last_value", "updated_at"])
            audit.record(
                actor=actor,
                action="numbering.counter_advance",
                obj=counter,
                before={"last_value": before},
                after={"last_value": sequence, "document_type": document_type, "year": year},
            )
    return counter.last_value


def preview_number(
    *,
    organisation,
    document_type: str,
    classification_code: str = "",
    unit_code: str | None = None,
    on_date: date | None = None,
    template: NumberingTemplate | None = None,
) -> NumberPreview:
    """What the next number would look like now, without taking it (another user may take it first)."""
    on_date = on_date or organisation_today(organisation)
    template = template or _active_template(organisation, document_type)
    sequence = next_sequence_unlocked(organisation, template.counter_key, on_date.year)
    number = _render(
        template,
        organisation,
        sequence=sequence,
        on_date=on_date,
        classification_code=classification_code,
        unit_code=unit_code,
    )
    return NumberPreview(number=number, sequence=sequence, year=on_date.year)


def next_sequence_unlocked(organisation, scope_key: str, year: int) -> int:
    """The sequence the next taker would get if nobody else comes first. For display only."""
    last = (
        NumberCounter.objects.filter(organisation=organisation, scope_key=scope_key, year=year)
        .values_list("last_value", flat=True)
        .first()
    )
    return (last or 0) + 1


def _issued_this_year(template: NumberingTemplate) -> bool:
    year = organisation_today(template.organisation).year
    return IssuedNumber.objects.filter(template=template, year__gte=year).exists()


def _check_numbers_stay_unique(template: NumberingTemplate) -> None:
    """Refuse a format that could print a number printed by another sequence: another active template
    with the same shape but its own sequence, or a number another sequence already issued this year
    (or later) that this template's sequence has not yet passed."""
    if not template.is_active:
        return
    clash = next(
        (
            other
            for other in NumberingTemplate.objects.filter(
                organisation=template.organisation, is_active=True
            ).exclude(pk=template.pk)
            if other.counter_key != template.counter_key and shape(other.format) == shape(template.format)
        ),
        None,
    )
    if clash is not None:
        raise ValidationError(
            {
                "format": [
                    _(
                        "Format ini dapat menghasilkan nomor yang sama dengan templat %(name)s, yang memakai "
                        "nomor urut terpisah. Bedakan formatnya (misalnya tambahkan kode jenis naskah) "
                        "atau pakai satu urutan bersama."
                    )
                    % {"name": clash.name}
                ]
            }
        )
    this_year = organisation_today(template.organisation).year
    issued_elsewhere = (
        IssuedNumber.objects.filter(organisation=template.organisation, year__gte=this_year)
        .exclude(scope_key=template.counter_key)
        .values_list("year", "number")
        .order_by("year", "sequence")
    )
    matchers: dict[int, object] = {}
    passed: dict[int, int] = {}
    for year, number in issued_elsewhere.iterator():
        if year not in matchers:
            matchers[year] = sequence_matcher(template.format, year=year)
            passed[year] = next_sequence_unlocked(template.organisation, template.counter_key, year) - 1
        sequence = matchers[year](number)
        if sequence is not None and sequence > passed[year]:
            raise ValidationError(
                {
                    "format": [
                        _(
                            "Format ini dapat menghasilkan nomor yang sudah pernah diterbitkan pada tahun "
                            "%(year)s: %(number)s. Bedakan formatnya, misalnya dengan menambahkan kode "
                            "jenis naskah."
                        )
                        % {"year": year, "number": number}
                    ]
                }
            )


def create_template(
    *,
    actor,
    organisation,
    document_type: str,
    name: str,
    format: str,
    scope: str,
    shared_key: str = "",
    is_active: bool = True,
) -> NumberingTemplate:
    require(actor, MANAGE_NUMBERING, organisation=organisation)
    template = NumberingTemplate(
        organisation=organisation,
        document_type=document_type,
        name=name,
        format=format,
        scope=scope,
        shared_key=shared_key,
        is_active=is_active,
    )
    template.full_clean()
    with transaction.atomic():
        _check_numbers_stay_unique(template)
        template.save()
        audit.record(
            actor=actor,
            action="numbering.template_create",
            obj=template,
            after=audit.snapshot(template, TEMPLATE_FIELDS),
        )
    return template


def update_template(*, actor, template: NumberingTemplate, **changes) -> NumberingTemplate:
    require(actor, MANAGE_NUMBERING, template)
    unknown = set(changes) - set(TEMPLATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = NumberingTemplate.objects.select_for_update().get(pk=template.pk)
        before = audit.snapshot(locked, TEMPLATE_FIELDS)
        old_counter_key = locked.counter_key
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.full_clean()
        if locked.counter_key != old_counter_key and _issued_this_year(locked):
            raise ValidationError(
                {
                    "scope": [
                        _(
                            "Jenis naskah dan cakupan nomor urut tidak dapat diubah setelah nomor diambil "
                            "tahun ini, karena urutan baru akan mengulang nomor yang sudah terbit. "
                            "Ubahlah pada awal tahun berikutnya, sebelum nomor pertama diambil."
                        )
                    ]
                }
            )
        _check_numbers_stay_unique(locked)
        locked.save()
        before, after = audit.changes(before, audit.snapshot(locked, TEMPLATE_FIELDS))
        if after:
            audit.record(
                actor=actor, action="numbering.template_update", obj=locked, before=before, after=after
            )
    return locked
