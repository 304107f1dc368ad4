#!/usr/bin/env python3
"""Independent reference implementations of Fleiss' kappa and Krippendorff's
unitizing alpha, written from the published formulas (no agreement package),
for annotate's test suite.  Arithmetic is exact (fractions.Fraction); values
are converted to float only for output.

Usage (JSON on stdout; undefined values are null):
  python3 agreement_formulas.py fleiss MATRIX.csv
      MATRIX.csv: one item per line, one comma-separated value per coder, an
      empty field for a missing value.  Prints {"kappa": x, "items": n}.
  python3 agreement_formulas.py unitizing UNITS.json
      UNITS.json: {"length": L, "raters": m,
                   "units": [[[ [s, e], ... ] per rater ] per category]}
      Prints {"categories": [{"observed": Do, "expected": De, "alpha": a}, ...],
              "alpha": pooled}.
  python3 agreement_formulas.py --self-test
      Asserts the published worked examples below; exits 0 when all hold.

1. Fleiss' kappa -- Fleiss, J. L. (1971). Measuring nominal scale agreement
   among many raters. Psychological Bulletin 76(5), 378-382.  With N items,
   n ratings per item and n_ij = number of raters putting item i in
   category j (the paper's definitions, pp. 378-379):
       p_j   = (1 / (N n)) sum_i n_ij                     (share of category j)
       P_i   = (1 / (n (n - 1))) (sum_j n_ij^2 - n)       (agreement on item i)
       Pbar  = (1 / N) sum_i P_i
       Pbar_e = sum_j p_j^2
       kappa = (Pbar - Pbar_e) / (1 - Pbar_e)
   I could not open the paper itself here, so the equation numbers are not
   confirmed; the formulas are the standard ones and are checked against the
   paper's own example (p. 379, Table 1: 30 patients, 6 psychiatrists,
   5 diagnoses: Pbar = .556, Pbar_e = .220, kappa = .430, as reproduced in
   DKPro Statistics' Fleiss1971Test) and against the widely reproduced
   Wikipedia example (10 items, 14 raters: Pbar = .378, Pbar_e = .213,
   kappa = .210).  Here n is the number of coders and only the items that
   every coder coded are used ("items" in the output); kappa is null when no
   item is usable, when there are fewer than 2 coders, or when Pbar_e == 1.

2. Krippendorff's unitizing alpha (u-alpha) -- Krippendorff, K. (2004).
   Content Analysis: An Introduction to Its Methodology, 2nd ed., Sage, the
   reliability chapter's section on unitizing, pp. 251-256, worked example
   p. 254 (ch. 11 of the 2nd ed. as I recall it; the brief says ch. 12, which
   is where later editions put reliability -- numbering not confirmed).  It
   refines Krippendorff, K. (1995). On the
   reliability of unitizing continuous data. Sociological Methodology 25,
   47-76.  The book text was not available to me here; the formulas below
   are the book's as I know them, and each piece is pinned by the book's
   published figures (self-test): the example is sensitive to the
   normalisation, to N_c counting all observers' units and to the gap sum
   running over all observers' gaps (own gaps included).

   Per category c, each observer i's continuum [0, L) is cut into sections
   g with begin b_ig, length l_ig and w_ig = 1 for a unit of c, 0 for a gap.
   (A rater's units of one category are first merged when they overlap or
   touch, and empty ones dropped: the brief's convention.  Krippendorff's
   1995 examples B and D contain touching units that he keeps distinct, so
   those are not used here.)

   Distance between section g of observer i and section h of observer j:
       d2 = (b_ig - b_jh)^2 + (b_ig + l_ig - b_jh - l_jh)^2
                 if w_ig = w_jh = 1 and -l_ig < b_ig - b_jh < l_jh (they overlap)
          = l_ig^2  if w_ig = 1, w_jh = 0 and l_jh - l_ig >= b_ig - b_jh >= 0
                 (the unit lies inside the other's gap)
          = l_jh^2  symmetrically (w_ig = 0, w_jh = 1, unit jh inside gap ig)
          = 0       otherwise (gap-gap, disjoint, partial unit/gap overlap).

   Observed disagreement:
       cD_o = sum_i sum_{j != i} sum_g sum_h d2(ig, jh) / (m (m - 1) L^2)
   (ordered pairs of distinct observers; for m = 2 this is 2 S / (2 L^2)
   = S / L^2 with S the one-way sum: 1300 / 300^2 = .0144 in the example.)

   Expected disagreement, with N_c = the number of units of c over all
   observers and the inner sums over all gaps (w_jh = 0) of all observers j
   that are at least as long as the unit:
       cD_e = (2 / L) sum_i sum_g w_ig [ (N_c - 1)/3 (2 l_ig^3 - 3 l_ig^2 + l_ig)
                 + l_ig^2 sum_j sum_h (1 - w_jh) [l_jh >= l_ig] (l_jh - l_ig + 1) ]
              / ( m L (m L - 1) - sum_i sum_g w_ig l_ig (l_ig - 1) )

       c-alpha_u = 1 - cD_o / cD_e   (null when cD_e == 0, i.e. no unit of c)
       alpha_u   = 1 - sum_c cD_o / sum_c cD_e   (pooled over categories)

   m >= 2 observers.  The formulas above already carry m (the book states
   them for m observers, though its example has 2).  For m > 2, cD_o is
   exactly the mean over the m(m-1)/2 unordered pairs of observers of the
   two-observer cD_o: two-observer cD_o for (i, j) = (S_ij + S_ji) / (2 L^2);
   their mean is sum_{i<j} (S_ij + S_ji) / (m (m - 1) L^2) = the formula
   above (d2 is symmetric, so S_ij = S_ji).  cD_e is NOT a mean of pairwise
   values (N_c, the gap pool and mL(mL - 1) involve all observers).  Note
   Krippendorff, Mathet, Bouvry & Widloecher (2016, Quality & Quantity,
   "On the reliability of unitizing textual continua: further developments")
   modify this definition because it "turned out to behave not as expected
   when applied to more than two observers"; this script implements the
   2004 definition, not the 2016 one.
"""
import bisect
import json
import math
import random
import sys
from fractions import Fraction


# --------------------------------------------------------------------------
# Fleiss' kappa


def fleiss_kappa(rows):
    """rows: items x coders, None for missing.  Returns (kappa or None, items)."""
    coders = max((len(r) for r in rows), default=0)
    complete = [r for r in rows if len(r) == coders and all(v is not None for v in r)]
    N, n = len(complete), coders
    if N == 0 or n < 2:
        return None, N
    categories = sorted({v for r in complete for v in r}, key=repr)
    counts = [[sum(1 for v in r if v == c) for c in categories] for r in complete]  # n_ij
    P = [Fraction(sum(x * x for x in row) - n, n * (n - 1)) for row in counts]
    Pbar = sum(P, Fraction(0)) / N
    p = [Fraction(sum(row[j] for row in counts), N * n) for j in range(len(categories))]
    Pe = sum((x * x for x in p), Fraction(0))
    if Pe == 1:
        return None, N
    return (Pbar - Pe) / (1 - Pe), N


def fleiss_parts(rows):
    """(Pbar, Pbar_e) for the self-test."""
    n = len(rows[0])
    categories = sorted({v for r in rows for v in r}, key=repr)
    counts = [[sum(1 for v in r if v == c) for c in categories] for r in rows]
    Pbar = sum((Fraction(sum(x * x for x in row) - n, n * (n - 1)) for row in counts), Fraction(0)) / len(rows)
    Pe = sum((Fraction(sum(row[j] for row in counts), len(rows) * n) ** 2 for j in range(len(categories))), Fraction(0))
    return Pbar, Pe


def parse_value(field):
    field = field.strip()
    if field == "":
        return None
    try:
        x = float(field)
        return x if math.isfinite(x) else field
    except ValueError:
        return field


def read_matrix(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line == "":
                continue
            rows.append([parse_value(v) for v in line.split(",")])
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        raise ValueError(f"rows have different numbers of fields: {sorted(widths)}")
    return rows


# --------------------------------------------------------------------------
# Krippendorff's unitizing alpha


def _int(x):
    if isinstance(x, bool) or not isinstance(x, (int, float)) or x != int(x):
        raise ValueError(f"positions must be integers, got {x!r}")
    return int(x)


def normalise(units, L):
    """Sort, drop empty units, merge overlapping or touching ones."""
    spans = []
    for u in units:
        if len(u) != 2:
            raise ValueError(f"a unit is [start, end], got {u!r}")
        s, e = _int(u[0]), _int(u[1])
        if e <= s:
            continue
        if s < 0 or e > L:
            raise ValueError(f"unit [{s}, {e}) lies outside the continuum [0, {L})")
        spans.append((s, e))
    spans.sort()
    merged = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def sections(units, L):
    """The rater's continuum as (begin, end, is_unit) sections covering [0, L)."""
    out, pos = [], 0
    for s, e in units:
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    if pos < L:
        out.append((pos, L, False))
    return out


def delta2(a, b):
    """Krippendorff's (2004) squared distance between two sections."""
    (ba, ea, ua), (bb, eb, ub) = a, b
    if ua and ub:
        if ba < eb and bb < ea:  # -l_a < b_a - b_b < l_b
            return (ba - bb) ** 2 + (ea - eb) ** 2
        return 0
    if ua and not ub:
        return (ea - ba) ** 2 if bb <= ba and ea <= eb else 0
    if ub and not ua:
        return (eb - bb) ** 2 if ba <= bb and eb <= ea else 0
    return 0


def pair_sum(secs_i, secs_j):
    """S_ij = sum over section pairs of d2; a sweep over the overlapping pairs
    (non-overlapping pairs have d2 = 0)."""
    total, x, y = 0, 0, 0
    while x < len(secs_i) and y < len(secs_j):
        total += delta2(secs_i[x], secs_j[y])
        if secs_i[x][1] <= secs_j[y][1]:
            x += 1
        else:
            y += 1
    return total


def pair_sum_brute(secs_i, secs_j):
    """The same sum over all section pairs (self-test cross-check of the sweep)."""
    return sum(delta2(a, b) for a in secs_i for b in secs_j)


def category_disagreements(rater_units, L, m):
    """(D_o, D_e) as Fractions for one category; rater_units are normalised."""
    secs = [sections(u, L) for u in rater_units]
    S = sum(pair_sum(secs[i], secs[j]) for i in range(m) for j in range(m) if i != j)
    D_o = Fraction(S, m * (m - 1) * L * L)

    lengths = [e - s for u in rater_units for s, e in u]
    N_c = len(lengths)
    gaps = sorted(e - b for sec in secs for b, e, unit in sec if not unit)
    suffix = [0] * (len(gaps) + 1)  # suffix[k] = sum(gaps[k:])
    for k in range(len(gaps) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gaps[k]
    numerator = Fraction(0)
    for l in lengths:
        k = bisect.bisect_left(gaps, l)  # gaps[k:] are those >= l
        gap_term = suffix[k] - (l - 1) * (len(gaps) - k)  # sum of (g - l + 1)
        numerator += Fraction(N_c - 1, 3) * (2 * l**3 - 3 * l**2 + l) + l * l * gap_term
    denominator = m * L * (m * L - 1) - sum(l * (l - 1) for l in lengths)
    D_e = Fraction(2, L) * numerator / denominator
    return D_o, D_e


def unitizing_alpha(L, m, units):
    """Exact results: ([(D_o, D_e, alpha or None)], pooled alpha or None)."""
    L, m = _int(L), _int(m)
    if L < 1:
        raise ValueError("length must be at least 1")
    if m < 2:
        raise ValueError("at least 2 raters are needed")
    results = []
    for c, per_rater in enumerate(units):
        if len(per_rater) != m:
            raise ValueError(f"category {c} has {len(per_rater)} rater lists, expected {m}")
        D_o, D_e = category_disagreements([normalise(u, L) for u in per_rater], L, m)
        results.append((D_o, D_e, 1 - D_o / D_e if D_e != 0 else None))
    sum_o = sum((r[0] for r in results), Fraction(0))
    sum_e = sum((r[1] for r in results), Fraction(0))
    return results, (1 - sum_o / sum_e if sum_e != 0 else None)


# --------------------------------------------------------------------------
# Output


def num(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def dump(obj):
    print(json.dumps(obj, allow_nan=False))


# --------------------------------------------------------------------------
# Self-test


def r4(x):
    return round(float(x), 4)


def krippendorff_2004_example():
    """Krippendorff (2004: 254): continuum 150..450 (L = 300), 2 observers,
    categories c and k; shifted here to start at 0.  Units as (begin, length)."""
    def u(begin, length):
        return [begin - 150, begin - 150 + length]
    c = [[u(225, 70), u(370, 30)], [u(220, 80), u(355, 20), u(400, 20)]]
    k = [[u(180, 60), u(300, 50)], [u(180, 60), u(300, 50)]]
    return 300, 2, [c, k]


def krippendorff_1995_example(stretch):
    """Krippendorff (1995: 57) pairs A (Bertha/Bill) and C (Gerret/Gill) on a
    continuum of 24, scaled by `stretch` (as in DKPro's Krippendorff1995Test).
    Units as (begin, length).  B and D are left out: they contain touching
    units of one observer, which this script merges."""
    def u(begin, length):
        return [int(begin * stretch), int(begin * stretch) + int(length * stretch)]
    A = [[u(2, 8), u(14, 6)], [u(4, 4), u(15, 2)]]
    C = [[u(2, 6), u(10, 2), u(14, 4), u(20, 2)], [u(0, 2), u(4, 4), u(10, 4), u(16, 2), u(20, 2)]]
    return int(24 * stretch), 2, [A, C]


def self_test():
    # --- Fleiss (1971: 379), Table 1: 30 patients x 6 psychiatrists.
    fleiss_1971 = [
        (4, 4, 4, 4, 4, 4), (2, 2, 2, 5, 5, 5), (2, 3, 3, 3, 3, 5), (5, 5, 5, 5, 5, 5), (2, 2, 2, 4, 4, 4),
        (1, 1, 3, 3, 3, 3), (3, 3, 3, 3, 5, 5), (1, 1, 3, 3, 3, 4), (1, 1, 4, 4, 4, 4), (5, 5, 5, 5, 5, 5),
        (1, 4, 4, 4, 4, 4), (1, 2, 4, 4, 4, 4), (2, 2, 2, 3, 3, 3), (1, 4, 4, 4, 4, 4), (2, 2, 4, 4, 4, 5),
        (3, 3, 3, 3, 3, 5), (1, 1, 1, 4, 5, 5), (1, 1, 1, 1, 1, 2), (2, 2, 4, 4, 4, 4), (1, 3, 3, 5, 5, 5),
        (5, 5, 5, 5, 5, 5), (2, 4, 4, 4, 4, 4), (2, 2, 4, 5, 5, 5), (1, 1, 4, 4, 4, 4), (1, 4, 4, 4, 4, 5),
        (2, 2, 2, 2, 2, 4), (1, 1, 1, 1, 5, 5), (2, 2, 4, 4, 4, 4), (1, 3, 3, 3, 3, 3), (5, 5, 5, 5, 5, 5),
    ]
    rows = [list(r) for r in fleiss_1971]
    Pbar, Pe = fleiss_parts(rows)
    kappa, items = fleiss_kappa(rows)
    assert (round(float(Pbar), 3), round(float(Pe), 3), round(float(kappa), 3), items) == (0.556, 0.220, 0.430, 30), (
        float(Pbar), float(Pe), float(kappa), items)

    # --- The Wikipedia worked example: counts n_ij of 14 raters, 5 categories.
    counts = [(0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0), (2, 2, 8, 1, 1),
              (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2), (6, 5, 2, 1, 0), (0, 2, 2, 3, 7)]
    rows = [[j for j, c in enumerate(row) for _ in range(c)] for row in counts]
    Pbar, Pe = fleiss_parts(rows)
    kappa, items = fleiss_kappa(rows)
    assert (round(float(Pbar), 3), round(float(Pe), 3), round(float(kappa), 3), items) == (0.378, 0.213, 0.210, 10)

    # Missing values: incomplete items are left out; a constant matrix is undefined.
    kappa2, items2 = fleiss_kappa(rows + [[None] + r[1:] for r in rows])
    assert (kappa2, items2) == (kappa, 10)
    assert fleiss_kappa([["a", "a"], ["a", "a"]]) == (None, 2)
    assert fleiss_kappa([["a", None]]) == (None, 0)
    # Perfect agreement on two categories is 1; two coders always opposite is -1.
    assert fleiss_kappa([["a", "a", "a"], ["b", "b", "b"]])[0] == 1
    assert fleiss_kappa([["a", "b"], ["b", "a"]])[0] == -1

    # --- Krippendorff (2004: 254), the book's worked example.
    L, m, units = krippendorff_2004_example()
    cats, pooled = unitizing_alpha(L, m, units)
    (co, ce, ca), (ko, ke, ka) = cats
    assert (r4(co), r4(ce), r4(ca)) == (0.0144, 0.0532, 0.7286), (float(co), float(ce), float(ca))
    assert (r4(ko), r4(ke), ka) == (0.0, 0.0490, 1), (float(ko), float(ke), ka)
    # Published pooled alpha: .8591 from rounded intermediates; exact: .85867.
    assert round(float(pooled), 3) == 0.859 and abs(float(pooled) - 0.8591) < 0.0005, float(pooled)
    # Hand computation of the same figures, exact:
    #   c: d2 = 50 (225+70 vs 220+80) + 850 (370+30 vs 355+20) + 400 (unit
    #      400+20 of j inside i's gap 400..450) = 1300 each way;
    #      D_o = 2 * 1300 / (2 * 1 * 300^2).
    #      N_c = 5, gaps of both = 75, 75, 50 | 70, 55, 25, 30;
    #      l=70: 4/3*671370 + 4900*(6+6+1)             =  958860
    #      l=30: 4/3*51330  +  900*(46+46+21+41+26+1)  =  231340
    #      l=80: 4/3*1004880 (no gap >= 80)            = 1339840
    #      l=20 (twice): 4/3*14820 + 400*247           =  118560 each
    #      D_e = (2/300) * 2767160 / (600*599 - 12780)
    #   k: N_c = 4, gaps 30, 60, 100 twice; l=60: 421260 + 3600*84,
    #      l=50: 242550 + 2500*124, each twice; D_e = (2/300)*2552420/(359400-11980)
    assert co == Fraction(2 * 1300, 2 * 1 * 300**2)
    assert ce == Fraction(2, 300) * 2767160 / (600 * 599 - 12780)
    assert ko == 0 and ke == Fraction(2, 300) * 2552420 / (600 * 599 - 11980)
    assert pooled == 1 - co / (ce + ke)

    # The distances DKPro's Krippendorff2004Test lists (offset, length):
    def sec(b, l, unit):
        return (b, b + l, unit)
    assert delta2(sec(225, 70, True), sec(220, 80, True)) == 50
    assert delta2(sec(370, 30, True), sec(355, 20, True)) == 850
    assert delta2(sec(400, 50, False), sec(400, 20, True)) == 400
    assert delta2(sec(5, 6, True), sec(4, 2, True)) == 26
    assert delta2(sec(5, 6, True), sec(7, 2, True)) == 8
    assert delta2(sec(5, 6, True), sec(6, 4, True)) == 2
    assert delta2(sec(2, 3, False), sec(2, 2, True)) + delta2(sec(5, 6, True), sec(4, 7, False)) == 40
    assert delta2(sec(0, 5, True), sec(3, 5, False)) == 0  # a unit only partly in a gap

    # --- Krippendorff (1995: 57), pairs A and C, observed disagreement.
    # By hand: A has unit-unit d2 = 8 + 10 = 18 each way, C has 4 + 4 + 4 + 0
    # plus Gill's 0..2 inside Gerret's gap 0..2 (4) = 16 each way, over 24^2.
    L, m, units = krippendorff_1995_example(1)
    (ao, _, _), (cco, _, _) = unitizing_alpha(L, m, units)[0]
    assert ao == Fraction(2 * 18, 2 * 24**2) and round(float(ao), 5) == 0.03125
    assert cco == Fraction(2 * 16, 2 * 24**2) and round(float(cco), 5) == 0.02778
    # The 1995 paper's D_e is for a continuous continuum; the 2004 formula on
    # a finely stretched copy approaches it (DKPro checks this within .005 for
    # D_e and .02 for alpha): A D_e .06990, alpha .553; C D_e .08642, alpha .679.
    L, m, units = krippendorff_1995_example(50000)
    (ao, ae, aa), (cco, cce, cca) = unitizing_alpha(L, m, units)[0]
    assert abs(float(ae) - 0.06990) < 0.005 and abs(float(aa) - 0.553) < 0.02, (float(ae), float(aa))
    assert abs(float(cce) - 0.08642) < 0.005 and abs(float(cca) - 0.679) < 0.02, (float(cce), float(cca))
    assert ao == Fraction(1, 32) and cco == Fraction(1, 36)  # D_o is scale-free under stretching
    # DKPro's exact (not the paper's) figure for C at half scale, L = 12:
    # D_e = .05494 -- an independent implementation of the same 2004 formula.
    L, m, units = krippendorff_1995_example(0.5)
    assert round(float(unitizing_alpha(L, m, units)[0][1][1]), 5) == 0.05494

    # --- More than two raters (not covered by the literature's examples).
    # (a) Complete agreement of 3 and 4 raters gives alpha = 1.
    same = [[3, 9], [20, 21], [30, 45]]
    for raters in (3, 4):
        cats, pooled = unitizing_alpha(50, raters, [[same] * raters])
        assert cats[0][0] == 0 and cats[0][1] > 0 and cats[0][2] == 1 and pooled == 1
    # (b) A 3-rater example by hand: L = 10, units [2,5), [2,5), [3,6).
    #     S_01 = 0; S_02 = S_12 = (2-3)^2 + (5-6)^2 = 2 (no unit inside a gap),
    #     D_o = 2 * (0 + 2 + 2) / (3 * 2 * 10^2) = 1/75
    #     (= mean of pairwise D_o 0, 4/200, 4/200).
    #     N_c = 3, all l = 3: (2/3)(54 - 27 + 3) = 20 each; gaps 2, 5 | 2, 5 |
    #     3, 4, of which 5, 5, 3, 4 are >= 3: 9 * (3 + 3 + 1 + 2) = 81;
    #     D_e = (2/10) * 3 * 101 / (30 * 29 - 3 * 6) = 101/1420;
    #     alpha = 1 - (1/75) / (101/1420) = 1231/1515.
    cats, pooled = unitizing_alpha(10, 3, [[[[2, 5]], [[2, 5]], [[3, 6]]]])
    assert cats[0] == (Fraction(1, 75), Fraction(101, 1420), Fraction(1231, 1515)) and pooled == Fraction(1231, 1515)
    # (c) D_o for m raters equals the mean of the pairwise 2-rater D_o
    #     (exactly, by the derivation in the module docstring); alpha does not
    #     depend on the order of raters; the sweep equals the brute-force sum
    #     over all section pairs; merging overlapping/touching units of one
    #     rater changes nothing against giving them merged.
    rng = random.Random(20040254)
    for trial in range(200):
        L = rng.randint(1, 60)
        m = rng.randint(2, 5)
        data = []
        for _ in range(rng.randint(1, 3)):
            per = []
            for _ in range(m):
                spans = []
                for _ in range(rng.randint(0, 5)):
                    s = rng.randint(0, L)
                    spans.append([s, rng.randint(s, L)])
                per.append(spans)
            data.append(per)
        cats, pooled = unitizing_alpha(L, m, data)
        for c, per in enumerate(data):
            norm = [normalise(u, L) for u in per]
            secs = [sections(u, L) for u in norm]
            for i in range(m):
                assert sum(b[1] - b[0] for b in secs[i]) == L
                for j in range(m):
                    assert pair_sum(secs[i], secs[j]) == pair_sum_brute(secs[i], secs[j]) == pair_sum(secs[j], secs[i])
            pairs = [(i, j) for i in range(m) for j in range(i + 1, m)]
            pairwise = [category_disagreements([norm[i], norm[j]], L, 2)[0] for i, j in pairs]
            assert cats[c][0] == sum(pairwise, Fraction(0)) / len(pairs)
            order = list(range(m))
            rng.shuffle(order)
            assert category_disagreements([norm[i] for i in order], L, m) == cats[c][:2]
            assert unitizing_alpha(L, m, [norm])[0][0] == cats[c]
            if cats[c][1] == 0:
                # D_e is 0 only when nobody marked anything, or when L = 1 and
                # everybody marked it (2l^3 - 3l^2 + l = 0 for l = 1, no gaps);
                # D_o is then 0 too, and alpha undefined.
                assert cats[c][0] == 0 and cats[c][2] is None
                assert all(not u for u in norm) or (L == 1 and all(u == [(0, 1)] for u in norm))
    # (d) Overlapping and touching units of one rater merge; empty ones go.
    a = unitizing_alpha(40, 3, [[[[0, 3], [3, 5], [10, 10], [12, 20], [15, 18]], [[0, 5], [12, 20]], [[1, 5]]]])
    b = unitizing_alpha(40, 3, [[[[0, 5], [12, 20]], [[0, 5], [12, 20]], [[1, 5]]]])
    assert a == b
    # (e) Nothing marked: undefined; disjoint units: below 0.
    assert unitizing_alpha(10, 2, [[[], []]]) == ([(0, 0, None)], None)
    assert unitizing_alpha(100, 3, [[[[0, 10]], [[50, 60]], [[80, 90]]]])[1] < 0
    print("self-test passed", file=sys.stderr)


# --------------------------------------------------------------------------


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(argv) == 3 and argv[1] == "fleiss":
        kappa, items = fleiss_kappa(read_matrix(argv[2]))
        dump({"kappa": num(kappa), "items": items})
        return 0
    if len(argv) == 3 and argv[1] == "unitizing":
        with open(argv[2], encoding="utf-8") as f:
            spec = json.load(f)
        cats, pooled = unitizing_alpha(spec["length"], spec["raters"], spec["units"])
        dump({
            "categories": [{"observed": num(o), "expected": num(e), "alpha": num(a)} for o, e, a in cats],
            "alpha": num(pooled),
        })
        return 0
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
