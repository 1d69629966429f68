"""The bookings and supplies demo of Kecamatan Jatisari, through the services; loading twice adds nothing."""

from __future__ import annotations

import pytest

from lontar.assets.bookings.demo import load_bookings_demo
from lontar.assets.bookings.models import Booking, BookingStatus, Resource
from lontar.assets.supplies import selectors
from lontar.assets.supplies.demo import ITEMS, load_supplies_demo
from lontar.assets.supplies.models import Item, RequestStatus, SupplyRequest
from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent, Organisation
from lontar.core.navigation import pending_work_for
from lontar.core.workdays.calendar import organisation_today

pytestmark = pytest.mark.django_db


def test_demo_bookings_and_supplies():
    load_demo()
    assert load_bookings_demo()["bookings.Booking"] == 9
    assert load_supplies_demo()["supplies.Item"] == len(ITEMS)
    counts = (Booking.objects.count(), Item.objects.count(), AuditEvent.objects.count())
    assert not load_bookings_demo() and not load_supplies_demo()
    assert (Booking.objects.count(), Item.objects.count(), AuditEvent.objects.count()) == counts

    jatisari = Organisation.objects.get(code="Kec.Jts")
    assert Resource.objects.filter(organisation=jatisari, kind="ruang").count() == 2
    assert Resource.objects.filter(organisation=jatisari, kind="kendaraan").count() == 2
    assert set(Booking.objects.values_list("status", flat=True)) == {
        BookingStatus.PENDING,
        BookingStatus.APPROVED,
        BookingStatus.REJECTED,
        BookingStatus.CANCELLED,
    }
    assert set(SupplyRequest.objects.values_list("status", flat=True)) == {
        RequestStatus.PENDING,
        RequestStatus.APPROVED,
        RequestStatus.ISSUED,
        RequestStatus.REJECTED,
    }
    assert list(Item.objects.below_minimum().values_list("code", flat=True)) == ["TNR-85"]
    kasubag = Booking.objects.filter(decided_by__username="kasubag.tu.jatisari").first().decided_by
    labels = {work.label for work in pending_work_for(kasubag)}
    assert "Barang persediaan di bawah stok minimum" in labels
    assert "Peminjaman ruang/kendaraan menunggu persetujuan" in labels
    today = organisation_today(jatisari)
    report = selectors.monthly_report(jatisari, today.year, today.month)
    assert report.totals.closing_value == sum(
        Item.objects.filter(organisation=jatisari).values_list("stock_value", flat=True)
    )
