"""The IKM arithmetic (PermenPANRB 14/2017, decision 0016), with every expected value worked by hand.

Notation: with weight w, IKM = 25 x w x Σ NRR. With the exact weight 1/9 that is 25/9 x Σ NRR; with
0,111 it is 2,775 x Σ NRR; with 0,11 it is 2,75 x Σ NRR. When all nine elements are answered by the
same n respondents, Σ NRR = (sum of all 9n scores) / n.
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from lontar.surveys import ikm
from lontar.surveys.ikm import ELEMENT_CODES, compute, compute_from_totals, grade_for


def uniform(n: int, grand_total: int) -> list[dict[str, int]]:
    """n respondents answering all nine elements, the 9n scores (each 1-4) adding up to grand_total."""
    answers = 9 * n
    base, extra = divmod(grand_total, answers)
    assert 1 <= base <= 4 and (extra == 0 or base < 4)
    scores = [base + 1] * extra + [base] * (answers - extra)
    assert sum(scores) == grand_total
    return [dict(zip(ELEMENT_CODES, scores[9 * r : 9 * r + 9], strict=True)) for r in range(n)]


def split(n: int, sum_first_eight: int, m: int, sum_u9: int) -> list[dict[str, int | None]]:
    """n respondents answer U1-U8 (scores adding up to sum_first_eight); only the first m answer U9
    (adding up to sum_u9); the others leave U9 blank."""
    base, extra = divmod(sum_first_eight, 8 * n)
    eight = [base + 1] * extra + [base] * (8 * n - extra)
    base9, extra9 = divmod(sum_u9, m)
    nine = [base9 + 1] * extra9 + [base9] * (m - extra9)
    assert all(1 <= s <= 4 for s in eight + nine)
    responses = []
    for r in range(n):
        response = dict(zip(ELEMENT_CODES[:8], eight[8 * r : 8 * r + 8], strict=True))
        response["U9"] = nine[r] if r < m else None
        responses.append(response)
    return responses


# --- extremes and the three weight conventions ---------------------------------------------------


def test_all_fours_under_each_weight_convention():
    responses = [dict.fromkeys(ELEMENT_CODES, 4)] * 3
    # Σ NRR = 9 x 4 = 36. Exact: 25/9 x 36 = 100. 0,111: 2,775 x 36 = 99,9. 0,11: 2,75 x 36 = 99.
    exact = compute(responses)
    assert exact.ikm == 100 and exact.ikm_display == Decimal("100.00")
    assert exact.index == 4 and exact.weight_label == "1/9"
    assert exact.grade.code == "A" and exact.grade.label == "Sangat Baik"
    w111 = compute(responses, weight_convention="0.111")
    assert (
        w111.ikm == Fraction("99.9") and w111.ikm_display == Decimal("99.90") and w111.weight_label == "0,111"
    )
    w11 = compute(responses, weight_convention="0.11")
    assert w11.ikm == 99 and w11.ikm_display == Decimal("99.00") and w11.weight_label == "0,11"
    # The conventions differ by up to one point on the same answers.
    assert exact.ikm - w11.ikm == 1


def test_all_ones_exact_is_25():
    # Σ NRR = 9 x 1 = 9; 25/9 x 9 = 25,00, the bottom of the scale, grade D.
    result = compute([dict.fromkeys(ELEMENT_CODES, 1)] * 4)
    assert result.ikm == 25 and result.ikm_display == Decimal("25.00")
    assert result.grade.code == "D" and result.grade.label == "Tidak Baik"
    # With 0,11 the same answers give 2,75 x 9 = 24,75 — below the scale, still D.
    low = compute([dict.fromkeys(ELEMENT_CODES, 1)] * 4, weight_convention="0.11")
    assert low.ikm == Fraction("24.75") and low.grade.code == "D"


# --- a realistic survey of ten respondents ------------------------------------------------------

TEN = [
    # U1 U2 U3 U4 U5 U6 U7 U8 U9
    (3, 3, 3, 4, 3, 3, 4, 3, 3),
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 2, 4, 3, 3, 3, 3, 2),
    (3, 4, 3, 4, 4, 3, 4, 3, 3),
    (4, 4, 3, 4, 3, 3, 4, 2, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (3, 3, 2, 4, 3, 4, 4, 3, 3),
    (4, 3, 3, 4, 4, 3, 4, 3, 4),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (3, 3, 3, 4, 3, 3, 4, 3, 3),
]
TEN_RESPONSES = [dict(zip(ELEMENT_CODES, row, strict=True)) for row in TEN]


def test_ten_respondents_per_element():
    result = compute(TEN_RESPONSES)
    assert result.respondents == 10
    # Column sums: U1 33, U2 32, U3 28, U4 40, U5 32, U6 32, U7 37, U8 29, U9 30 (total 293);
    # NRR = sum / 10.
    expected = {"U1": 33, "U2": 32, "U3": 28, "U4": 40, "U5": 32, "U6": 32, "U7": 37, "U8": 29, "U9": 30}
    for code, total in expected.items():
        element = result.element(code)
        assert (element.total, element.count) == (total, 10)
        assert element.nrr == Fraction(total, 10)
        assert element.weighted_nrr == Fraction(total, 90)
    assert result.element("U3").nrr_display == Decimal("2.80")
    # U1: 3,3 / 9 = 0,36666… shown 0,367 (half-up); U3: 2,8 / 9 = 0,3111… shown 0,311.
    assert result.element("U1").weighted_nrr_display == Decimal("0.367")
    assert result.element("U3").weighted_nrr_display == Decimal("0.311")
    # Σ NRR = 29,3; index = 29,3 / 9 = 3,25555…; IKM = 25 x 29,3 / 9 = 732,5 / 9 = 81,3888…
    assert result.index == Fraction(293, 90)
    assert result.ikm == Fraction(7325, 90)
    # Printed truncated: 81,38 (half-up would print 81,39). 81,38 ≥ 76,61 → B Baik.
    assert result.ikm_display == Decimal("81.38")
    assert str(result.grade) == "B (Baik)"


def test_ten_respondents_under_the_other_conventions():
    # 0,111: 2,775 x 29,3 = 81,3075 → 81,30. 0,11: 2,75 x 29,3 = 80,575 → 80,57. All B.
    w111 = compute(TEN_RESPONSES, weight_convention="0.111")
    assert w111.ikm == Fraction("81.3075") and w111.ikm_display == Decimal("81.30")
    assert w111.element("U1").weighted_nrr == Fraction("0.3663")
    w11 = compute(TEN_RESPONSES, weight_convention="0.11")
    assert w11.ikm == Fraction("80.575") and w11.ikm_display == Decimal("80.57")
    assert {w111.grade.code, w11.grade.code} == {"B"}


def test_same_answers_can_change_grade_with_the_convention():
    # 2500 respondents, all answers adding up to 79 479: Σ NRR = 79 479 / 2500 = 31,7916.
    responses = uniform(2500, 79_479)
    # Exact: 25/9 x 31,7916 = 88,31 → A.  0,11: 2,75 x 31,7916 = 87,4269 → B.
    assert compute(responses).ikm == Fraction("88.31")
    assert compute(responses).grade.code == "A"
    w11 = compute(responses, weight_convention="0.11")
    assert w11.ikm == Fraction("87.4269") and w11.ikm_display == Decimal("87.42") and w11.grade.code == "B"


# --- the grade boundaries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "grade", "printed"),
    [
        ("100", "A", "100.00"),
        ("88.31", "A", "88.31"),
        ("88.309999", "B", "88.30"),
        ("88.305", "B", "88.30"),
        ("88.30", "B", "88.30"),
        ("76.61", "B", "76.61"),
        ("76.609", "C", "76.60"),
        ("76.605", "C", "76.60"),
        ("76.60", "C", "76.60"),
        ("65.00", "C", "65.00"),
        ("64.995", "D", "64.99"),
        ("64.99", "D", "64.99"),
        ("25", "D", "25.00"),
    ],
)
def test_grade_on_the_unrounded_value_and_the_printed_value_agrees(value, grade, printed):
    exact = Fraction(value)
    assert grade_for(exact).code == grade
    assert ikm.floor_cents(exact) == Decimal(printed)
    # The printed value read back against the bands gives the same grade.
    assert grade_for(Decimal(printed)).code == grade


def test_grade_labels_and_bands():
    assert [(g.code, g.label, g.band) for g in map(grade_for, ["90", "80", "70", "50"])] == [
        ("A", "Sangat Baik", "88,31 - 100,00"),
        ("B", "Baik", "76,61 - 88,30"),
        ("C", "Kurang Baik", "65,00 - 76,60"),
        ("D", "Tidak Baik", "25,00 - 64,99"),
    ]
    assert grade_for(None) is None


# End-to-end: score sets that land exactly on (or between) the boundaries, with the exact weight.
# IKM = 25/9 x T/n where T is the sum of all 9n scores, so T = IKM x 9n / 25 must be whole.
@pytest.mark.parametrize(
    ("n", "grand_total", "value", "grade"),
    [
        (2500, 79_479, "88.31", "A"),  # 79 479 x 25 / 22 500 = 88,31
        (250, 7_947, "88.30", "B"),  # 7 947 x 25 / 2 250 = 88,30
        (5000, 158_949, "88.305", "B"),  # 158 949 x 25 / 45 000 = 88,305 → printed 88,30
        (2500, 68_949, "76.61", "B"),  # 68 949 x 25 / 22 500 = 76,61
        (5000, 137_889, "76.605", "C"),  # 137 889 x 25 / 45 000 = 76,605 → printed 76,60
        (125, 3_447, "76.60", "C"),  # 3 447 x 25 / 1 125 = 76,60
        (5, 117, "65.00", "C"),  # 117 x 25 / 45 = 65
        (5000, 116_991, "64.995", "D"),  # 116 991 x 25 / 45 000 = 64,995 → printed 64,99
        (2500, 58_491, "64.99", "D"),  # 58 491 x 25 / 22 500 = 64,99
    ],
)
def test_boundaries_reached_by_real_answers_exact_weight(n, grand_total, value, grade):
    result = compute(uniform(n, grand_total))
    assert result.respondents == n
    assert result.ikm == Fraction(value)
    assert result.grade.code == grade
    assert grade_for(result.ikm_display).code == grade


# With 0,11 the boundaries are reached by small surveys in which some respondents left U9 blank:
# IKM = 2,75 x (S/n + s/m) with S the sum of U1-U8 over n respondents and s the sum of U9 over the m
# who answered it.
@pytest.mark.parametrize(
    ("n", "s8", "m", "s9", "value", "grade"),
    [
        (25, 771, 11, 14, "88.31", "A"),  # 2,75 x (771/25 + 14/11) = 2,75 x 8831/275 = 88,31
        (11, 340, 5, 6, "88.30", "B"),  # 2,75 x (340/11 + 6/5) = 2,75 x 1766/55 = 88,30
        (25, 763, 22, 35, "88.305", "B"),  # 2,75 x (763/25 + 35/22) = 2,75 x 17661/550 = 88,305
        (25, 651, 11, 20, "76.61", "B"),  # 2,75 x (651/25 + 20/11) = 2,75 x 7661/275 = 76,61
        (25, 668, 22, 25, "76.605", "C"),  # 2,75 x (668/25 + 25/22) = 2,75 x 15321/550 = 76,605
        (11, 291, 5, 7, "76.60", "C"),  # 2,75 x (291/11 + 7/5) = 2,75 x 1532/55 = 76,60
        (11, 249, 1, 1, "65.00", "C"),  # 2,75 x (249/11 + 1/1) = 2,75 x 260/11 = 65
        (25, 542, 22, 43, "64.995", "D"),  # 2,75 x (542/25 + 43/22) = 2,75 x 12999/550 = 64,995
        (25, 559, 11, 14, "64.99", "D"),  # 2,75 x (559/25 + 14/11) = 2,75 x 6499/275 = 64,99
    ],
)
def test_boundaries_reached_by_real_answers_weight_011(n, s8, m, s9, value, grade):
    result = compute(split(n, s8, m, s9), weight_convention="0.11")
    assert result.respondents == n
    u9 = result.element("U9")
    assert (u9.total, u9.count, u9.nrr) == (s9, m, Fraction(s9, m))  # the divisor is the filled answers
    assert result.ikm == Fraction(value)
    assert result.grade.code == grade


# --- blanks, missing elements, nobody --------------------------------------------------------------


def test_blank_answer_is_left_out_of_the_divisor():
    responses = [dict.fromkeys(ELEMENT_CODES, 4), {**dict.fromkeys(ELEMENT_CODES, 2), "U3": None}]
    result = compute(responses)
    # U3: only the first respondent answered: NRR = 4 / 1 = 4, not (4 + 0) / 2 = 2.
    assert (result.element("U3").total, result.element("U3").count) == (4, 1)
    assert result.element("U3").nrr == 4
    # Others: (4 + 2) / 2 = 3. Σ NRR = 8 x 3 + 4 = 28; IKM = 25/9 x 28 = 700/9 = 77,77… → 77,77 B.
    assert result.ikm == Fraction(700, 9) and result.ikm_display == Decimal("77.77")
    assert result.grade.code == "B"


def test_element_nobody_answered_gives_no_ikm():
    responses = [{**dict.fromkeys(ELEMENT_CODES, 3), "U4": None}, {c: 4 for c in ELEMENT_CODES if c != "U4"}]
    result = compute(responses)
    assert result.respondents == 2
    assert result.missing_elements == ("U4",)
    assert result.element("U4").nrr is None and result.element("U4").count == 0
    assert result.element("U4").nrr_display is None
    assert result.element("U1").nrr == Fraction(7, 2)
    assert result.index is None and result.ikm is None and result.grade is None
    assert result.ikm_display is None


def test_zero_respondents_gives_no_ikm_and_no_grade():
    result = compute([])
    assert result.respondents == 0
    assert result.ikm is None and result.grade is None and result.ikm_display is None
    assert all(element.nrr is None for element in result.elements)
    assert result.missing_elements == ELEMENT_CODES
    assert ikm.format_id(result.ikm_display) == "-"


def test_from_totals_matches_per_respondent_and_keeps_questionnaire_order():
    order = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8")  # U8 and U9 swapped
    per_respondent = compute(TEN_RESPONSES, elements=order)
    totals = {e.code: (e.total, e.count) for e in per_respondent.elements}
    from_totals = compute_from_totals(totals, respondents=10, elements=order)
    assert from_totals == per_respondent
    assert [e.code for e in from_totals.elements] == list(order)


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        ([{"U1": 5}], "nilai U1 harus bilangan bulat 1-4"),
        ([{"U1": 0}], "nilai U1 harus bilangan bulat 1-4"),
        ([{"U1": 2.5}], "nilai U1 harus bilangan bulat 1-4"),
        ([{"U1": True}], "nilai U1 harus bilangan bulat 1-4"),
        ([{"U10": 3}], "unsur tidak dikenal"),
    ],
)
def test_bad_answers_are_refused_with_a_clear_message(responses, message):
    with pytest.raises(ValueError, match=message):
        compute(responses)


def test_inconsistent_totals_and_unknown_convention_are_refused():
    with pytest.raises(ValueError, match="melebihi jumlah responden"):
        compute_from_totals({"U1": (12, 3)}, respondents=2)
    with pytest.raises(ValueError, match="tidak mungkin"):
        compute_from_totals({"U1": (13, 3)}, respondents=3)
    with pytest.raises(ValueError, match="Konvensi bobot"):
        compute([], weight_convention="0.1")
    with pytest.raises(ValueError, match="sembilan unsur"):
        compute([], elements=ELEMENT_CODES[:8])


def test_indonesian_number_format():
    assert ikm.format_id(Decimal("81.38")) == "81,38"
    assert ikm.format_id(Decimal("1234.5")) == "1.234,5"
    assert ikm.round_half_up(Fraction(5, 1000), Decimal("0.01")) == Decimal("0.01")
    assert ikm.round_half_up(Fraction(4999, 1000000), Decimal("0.01")) == Decimal("0.00")
