"""The nine elements of the SKM (PermenPANRB 14/2017) with the standard question wording and answer
labels of the regulation's appendix. Stored by code (U1…U9), never by position: many offices ask U9
before U8, and the order of a questionnaire is a separate setting."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Element(models.TextChoices):
    U1 = "U1", _("U1 Persyaratan")
    U2 = "U2", _("U2 Sistem, Mekanisme, dan Prosedur")
    U3 = "U3", _("U3 Waktu Penyelesaian")
    U4 = "U4", _("U4 Biaya/Tarif")
    U5 = "U5", _("U5 Produk Spesifikasi Jenis Pelayanan")
    U6 = "U6", _("U6 Kompetensi Pelaksana")
    U7 = "U7", _("U7 Perilaku Pelaksana")
    U8 = "U8", _("U8 Penanganan Pengaduan, Saran dan Masukan")
    U9 = "U9", _("U9 Sarana dan Prasarana")


ELEMENT_CODES = tuple(Element.values)
SCORES = (1, 2, 3, 4)


@dataclass(frozen=True)
class StandardQuestion:
    element: str
    wording: str
    labels: tuple[str, str, str, str]  # for scores 1, 2, 3, 4


# The questionnaire of the appendix of PermenPANRB 14/2017, in its order.
STANDARD_QUESTIONS = (
    StandardQuestion(
        "U1",
        _("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    StandardQuestion(
        "U2",
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    StandardQuestion(
        "U3",
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    StandardQuestion(
        "U4",
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    StandardQuestion(
        "U5",
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
            "standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    StandardQuestion(
        "U6",
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    StandardQuestion(
        "U7",
        _(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan "
            "keramahan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    StandardQuestion(
        "U8",
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    StandardQuestion(
        "U9",
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)
STANDARD_BY_ELEMENT = {question.element: question for question in STANDARD_QUESTIONS}
