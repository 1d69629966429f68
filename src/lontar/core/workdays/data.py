"""Cuti bersama set by the joint decree of three ministers (SKB 3 Menteri) for each year.

These are editable data: `manage.py load_cuti_bersama` seeds a year once (a year that already has any
cuti bersama recorded is left alone, so a day the city administrator removed stays removed), and the
city administrator corrects or extends them on the calendar screen when the government revises a
decree. For civil servants the days are confirmed by a Keputusan Presiden on cuti bersama ASN.

2025: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1017/2024, 2/2024, 2/2024, ten
days, amended by SKB No. 933/2025, 1/2025, 3/2025 of 7 August 2025, which added Monday 18 August 2025
(cuti bersama, not a national holiday) for the 80th Independence Day.
2026: SKB No. 1497/2025, 2/2025, 5/2025 of 19 September 2025, eight days. Idul Fitri 1447 H is the
national holiday of Saturday and Sunday, 21 and 22 March 2026 (Nyepi: Thursday 19 March); the cuti
bersama around them are Wednesday 18, Friday 20, Monday 23 and Tuesday 24 March.

Both years agree date for date with the `holidays` package's "government" category (a test checks it).
2027 is not seeded: that package (0.109) lists 2027 cuti bersama citing an SKB for 2027 published by
setneg.go.id, but the decree text has not been checked here; the city administrator enters 2027 on
the calendar screen from the decree itself.
"""

from datetime import date

CUTI_BERSAMA: dict[int, list[tuple[date, str]]] = {
    2025: [
        (date(2025, 1, 28), "Cuti bersama Tahun Baru Imlek 2576 Kongzili"),
        (date(2025, 3, 28), "Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1947"),
        (date(2025, 4, 2), "Cuti bersama Idul Fitri 1446 H"),
        (date(2025, 4, 3), "Cuti bersama Idul Fitri 1446 H"),
        (date(2025, 4, 4), "Cuti bersama Idul Fitri 1446 H"),
        (date(2025, 4, 7), "Cuti bersama Idul Fitri 1446 H"),
        (date(2025, 5, 13), "Cuti bersama Hari Raya Waisak 2569 BE"),
        (date(2025, 5, 30), "Cuti bersama Kenaikan Yesus Kristus"),
        (date(2025, 6, 9), "Cuti bersama Idul Adha 1446 H"),
        (date(2025, 8, 18), "Cuti bersama HUT ke-80 Kemerdekaan RI (SKB 933/2025, 1/2025, 3/2025)"),
        (date(2025, 12, 26), "Cuti bersama Kelahiran Yesus Kristus"),
    ],
    2026: [
        (date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek 2577 Kongzili"),
        (date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1948"),
        (date(2026, 3, 20), "Cuti bersama Idul Fitri 1447 H"),
        (date(2026, 3, 23), "Cuti bersama Idul Fitri 1447 H"),
        (date(2026, 3, 24), "Cuti bersama Idul Fitri 1447 H"),
        (date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
        (date(2026, 5, 28), "Cuti bersama Idul Adha 1447 H"),
        (date(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus"),
    ],
}
