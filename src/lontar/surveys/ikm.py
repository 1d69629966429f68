"""Indeks Kepuasan Masyarakat (IKM) from SKM answers, exactly as PermenPANRB 14/2017 computes it.

Pure arithmetic: no database, no floats. Every intermediate value is a `Fraction`; rounding happens
only when a value is shown, with the rules below (decision 0016).

The computation
---------------
- Nine elements U1…U9, each answered on a 1-4 scale. Elements are identified by code, never by
  position (many questionnaires swap U8 and U9); the order of a report follows the questionnaire.
- **NRR** of an element = sum of its scores / number of *filled* answers of that element. A
  respondent who left an element blank counts in the number of respondents but not in that element's
  divisor, so a blank never lowers the element's average as a 0 would.
- **Weighted NRR** = NRR x weight. The weight is a convention of the office: ``1/9`` (exact, the
  default; "exact" is accepted too), ``0.111`` or ``0.11``. Offices write the weight in all three
  ways; the result differs by up to about one point (all answers 4 gives 100.00, 99.90 and
  99.00). Reports print which one was used ("1/9", "0,111", "0,11").
- **Index** = sum of the weighted NRRs; **IKM** = index x 25 (25.00-100.00 with the exact weight).
- An element nobody answered has no NRR. The IKM is then **not computed** (`ikm is None`, the
  element is listed in `missing_elements`): an index over eight elements would be a different
  measure, silently lower by up to 11 points. With no respondents at all there is no NRR, no IKM and
  no grade — never a 0.

Grades and the printed value
----------------------------
The bands are A Sangat Baik 88,31-100,00; B Baik 76,61-88,30; C Kurang Baik 65,00-76,60;
D Tidak Baik 25,00-64,99. They leave gaps (76,60…76,61), so the grade is taken on the **unrounded**
IKM with closed lower bounds: A if IKM ≥ 88,31, B if ≥ 76,61, C if ≥ 65,00, else D. Thus 76,605 is C
and 76,61 is B.

The printed IKM must never contradict the grade, so it is **truncated** (floored) to two decimals:
76,605 prints 76,60 (C), where rounding half-up would print 76,61 next to a C. For any value v and a
two-decimal bound b, floor₂(v) ≥ b ⇔ v ≥ b, so the printed value and the grade always agree with the
table of bands.

NRRs are shown to two decimals and weighted NRRs to three, both rounded half-up (the usual school
rounding of Indonesian reports); they are display values only — the index is summed from the exact
fractions, so the printed weighted NRRs may not add up to the last digit of the printed index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

ELEMENT_CODES: tuple[str, ...] = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
ELEMENT_NAMES: dict[str, str] = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme, dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}
MIN_SCORE = 1
MAX_SCORE = 4
CONVERSION = 25

# The values of `models.WeightConvention` (stored on the questionnaire); "exact" is accepted as 1/9.
WEIGHT_EXACT = "1/9"
WEIGHT_0111 = "0.111"
WEIGHT_011 = "0.11"
DEFAULT_WEIGHT = WEIGHT_EXACT
WEIGHTS: dict[str, Fraction] = {
    WEIGHT_EXACT: Fraction(1, 9),
    WEIGHT_0111: Fraction(111, 1000),
    WEIGHT_011: Fraction(11, 100),
}
# How each convention is written in a report (Indonesian decimal comma).
WEIGHT_LABELS: dict[str, str] = {WEIGHT_EXACT: "1/9", WEIGHT_0111: "0,111", WEIGHT_011: "0,11"}

# (grade, label, closed lower bound, printed band), best first; the grade is taken on the unrounded IKM.
GRADES: tuple[tuple[str, str, Fraction, str], ...] = (
    ("A", "Sangat Baik", Fraction(8831, 100), "88,31 - 100,00"),
    ("B", "Baik", Fraction(7661, 100), "76,61 - 88,30"),
    ("C", "Kurang Baik", Fraction(65), "65,00 - 76,60"),
    ("D", "Tidak Baik", Fraction(25), "25,00 - 64,99"),
)

_CENT = Decimal("0.01")
_MILLI = Decimal("0.001")


@dataclass(frozen=True)
class Grade:
    code: str  # "A".."D"
    label: str  # "Sangat Baik".."Tidak Baik"
    band: str  # "88,31 - 100,00"

    def __str__(self) -> str:
        return f"{self.code} ({self.label})"


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    total: int  # Σ nilai: sum of the filled scores
    count: int  # number of filled answers (the NRR divisor)
    nrr: Fraction | None  # None when nobody answered
    weighted_nrr: Fraction | None

    @property
    def nrr_display(self) -> Decimal | None:
        return round_half_up(self.nrr, _CENT)

    @property
    def weighted_nrr_display(self) -> Decimal | None:
        return round_half_up(self.weighted_nrr, _MILLI)


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    weight_convention: str
    weight: Fraction
    elements: tuple[ElementResult, ...]
    index: Fraction | None  # Σ weighted NRR, None when an element has no answer or nobody answered
    ikm: Fraction | None  # index x 25
    grade: Grade | None
    missing_elements: tuple[str, ...]  # elements with no answer at all

    @property
    def weight_label(self) -> str:
        return WEIGHT_LABELS[self.weight_convention]

    @property
    def ikm_display(self) -> Decimal | None:
        """The printed IKM: truncated to two decimals, so it always agrees with the grade."""
        return floor_cents(self.ikm)

    @property
    def index_display(self) -> Decimal | None:
        return round_half_up(self.index, Decimal("0.0001"))

    def element(self, code: str) -> ElementResult:
        for element in self.elements:
            if element.code == code:
                return element
        raise KeyError(code)


def round_half_up(value: Fraction | None, quantum: Decimal) -> Decimal | None:
    """Exact half-up rounding of a fraction (never through a float)."""
    if value is None:
        return None
    scale = 1 / quantum  # Decimal: 100 for cents
    scaled = value * int(scale)
    units = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)  # floor(x + 1/2)
    return (Decimal(units) / scale).quantize(quantum)


def floor_cents(value: Fraction | None) -> Decimal | None:
    """Truncate to two decimals (the printed IKM): floor(v x 100) / 100, exactly."""
    if value is None:
        return None
    return (Decimal(value.numerator * 100 // value.denominator) / 100).quantize(_CENT, ROUND_FLOOR)


def grade_for(ikm: Fraction | Decimal | int | str | None) -> Grade | None:
    """The mutu pelayanan of a converted value, on the unrounded value with closed lower bounds."""
    if ikm is None:
        return None
    value = Fraction(ikm)
    for code, label, lower, band in GRADES:
        if value >= lower:
            return Grade(code, label, band)
    # Below 25,00 only with a rounded weight (all answers 1 with 0,11 gives 24,75): still D.
    code, label, _lower, band = GRADES[-1]
    return Grade(code, label, band)


def normalise_convention(convention: str) -> str:
    convention = WEIGHT_EXACT if convention == "exact" else convention
    if convention not in WEIGHTS:
        raise ValueError(f"Konvensi bobot tidak dikenal: {convention!r}.")
    return convention


def weight_for(convention: str) -> Fraction:
    try:
        return WEIGHTS[normalise_convention(convention)]
    except KeyError:
        raise ValueError(f"Konvensi bobot tidak dikenal: {convention!r}.") from None


def _check_elements(elements: Sequence[str]) -> tuple[str, ...]:
    elements = tuple(elements)
    if sorted(elements) != sorted(ELEMENT_CODES):
        raise ValueError("Kuesioner IKM harus memuat tepat sembilan unsur U1-U9, masing-masing sekali.")
    return elements


def compute_from_totals(
    totals: Mapping[str, tuple[int, int]],
    *,
    respondents: int,
    weight_convention: str = DEFAULT_WEIGHT,
    elements: Sequence[str] = ELEMENT_CODES,
) -> IkmResult:
    """The IKM from per-element (Σ scores, number of filled answers) — what a SQL GROUP BY returns.

    `elements` gives the report order (the questionnaire's); it must be the nine codes.
    """
    elements = _check_elements(elements)
    weight_convention = normalise_convention(weight_convention)
    weight = weight_for(weight_convention)
    if respondents < 0:
        raise ValueError("Jumlah responden tidak boleh negatif.")
    unknown = set(totals) - set(elements)
    if unknown:
        raise ValueError(f"Unsur tidak dikenal: {', '.join(sorted(unknown))}.")
    rows = []
    for code in elements:
        total, count = totals.get(code, (0, 0))
        total, count = int(total or 0), int(count or 0)
        if count < 0 or count > respondents:
            raise ValueError(f"Jumlah jawaban {code} ({count}) melebihi jumlah responden ({respondents}).")
        if count and not (MIN_SCORE * count <= total <= MAX_SCORE * count):
            raise ValueError(
                f"Jumlah nilai {code} ({total}) tidak mungkin untuk {count} jawaban bernilai 1-4."
            )
        if not count and total:
            raise ValueError(f"Unsur {code} tidak memiliki jawaban tetapi jumlah nilainya {total}.")
        nrr = Fraction(total, count) if count else None
        rows.append(
            ElementResult(
                code=code,
                name=ELEMENT_NAMES[code],
                total=total,
                count=count,
                nrr=nrr,
                weighted_nrr=nrr * weight if nrr is not None else None,
            )
        )
    missing = tuple(row.code for row in rows if row.nrr is None)
    if respondents and not missing:
        index = sum((row.weighted_nrr for row in rows), Fraction(0))
        ikm = index * CONVERSION
    else:
        index = ikm = None
    return IkmResult(
        respondents=respondents,
        weight_convention=weight_convention,
        weight=weight,
        elements=tuple(rows),
        index=index,
        ikm=ikm,
        grade=grade_for(ikm),
        missing_elements=missing,
    )


def compute(
    responses: Iterable[Mapping[str, int | None]],
    *,
    weight_convention: str = DEFAULT_WEIGHT,
    elements: Sequence[str] = ELEMENT_CODES,
) -> IkmResult:
    """The IKM from one mapping element code → score (1-4, or None/absent when left blank) per respondent."""
    elements = _check_elements(elements)
    sums = dict.fromkeys(elements, 0)
    counts = dict.fromkeys(elements, 0)
    respondents = 0
    for number, response in enumerate(responses, start=1):
        respondents += 1
        for code, score in response.items():
            if code not in sums:
                raise ValueError(f"Responden {number}: unsur tidak dikenal {code!r}.")
            if score is None:
                continue
            if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
                raise ValueError(
                    f"Responden {number}: nilai {code} harus bilangan bulat 1-4, bukan {score!r}."
                )
            sums[code] += score
            counts[code] += 1
    return compute_from_totals(
        {code: (sums[code], counts[code]) for code in elements},
        respondents=respondents,
        weight_convention=weight_convention,
        elements=elements,
    )


def format_id(value: Decimal | None, empty: str = "-") -> str:
    """A display decimal in Indonesian notation: 1.234,56 (thousands dot, decimal comma)."""
    if value is None:
        return empty
    text = f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
