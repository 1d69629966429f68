"""Cuti bersama set by the joint decree of three ministers (SKB 3 Menteri) for each year.

These are editable data: `manage.py load_cuti_bersama` seeds them once, and the city administrator
corrects or extends them on the calendar screen when the government revises a decree.

2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1497/2025, 2/2025, 5/2025
(19 September 2025), eight days.
2025: SKB No. 1017/2024, 2/2024, 2/2024 (October 2024), ten days, plus 18 August 2025 added in
August 2025 (Kemerdekaan). TO BE VERIFIED by the administrator against the decree text.
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
        (date(2025, 8, 18), "Cuti bersama Hari Kemerdekaan (ditetapkan Agustus 2025)"),
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
