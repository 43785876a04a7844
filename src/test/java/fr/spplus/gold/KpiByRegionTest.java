package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.BRETAGNE;
import static fr.spplus.gold.SilverFixture.IDF;
import static fr.spplus.gold.SilverFixture.MISSING;
import static fr.spplus.gold.SilverFixture.date;
import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import org.junit.jupiter.api.Test;

class KpiByRegionTest {

  /** K of the small-cell rule: Bretagne has 5 experiences, February in Bretagne exactly K. */
  private static final int K = 4;

  @Test
  void oneRowPerRegion() {
    Frames.assertFrameEquals(expected(GoldTables.KPI_BY_REGION,
        // Bretagne: e6, e7, e8, e9, e14 = 5; Positif e7 = 1; Neutre 0; Négatif e6, e9, e14 = 3 (e8 null)
        //   answered: all 5 -> 1.0; delays 0, 0.5, 6 -> median 0.5, p90 0.5 + 0.8 * 5.5 = 4.9
        //   negative rated: e6, e9, e14 = 3; converted: e6 = 1 -> 1 / 3
        //   small_cell: 5 >= K -> false
        row(BRETAGNE, "53", 5L, 1L, 0L, 3L, 5L, 1.0, 0.5, 4.9, 3L, 1L, 1.0 / 3, false),
        // Île-de-France: e1, e2, e3, e4, e5, e13, e15 = 7; Positif e3, e15 = 2; Neutre e4 = 1;
        //   Négatif e1, e2, e5, e13 = 4; answered e1, e2, e3, e4, e13 = 5 -> 5 / 7
        //   delays sorted 1.50000001, 2, 4, 10, 20 -> median 4; p90 rank 4 * 0.9 = 3.6 -> 10 + 0.6 * 10 = 16
        //   negative rated: e1, e2, e13 = 3 (e5 not); converted: e1, e13 = 2 -> 2 / 3
        //   small_cell: 7 >= K -> false
        row(IDF, "11", 7L, 2L, 1L, 4L, 5L, 5.0 / 7, 4.0, 16.0, 3L, 2L, 2.0 / 3, false),
        // Non renseignée: e10 (code 84), e11 (code 93), e12 = 3; Positif e12, Neutre e11, Négatif e10
        //   answered: e11 -> 1 / 3; delay e11 3 -> 3, 3; e10 not rated -> 0 / 0: conversion null
        //   small_cell: 3 < K -> true (flagged, kept)
        row(MISSING, null, 3L, 1L, 1L, 1L, 1L, 1.0 / 3, 3.0, 3.0, 0L, 0L, null, true)),
        KpiByRegion.compute(SilverFixture.facts(), K), "region_name", "region_code");
  }

  @Test
  void oneRowPerRegionAndParisMonth() {
    Frames.assertFrameEquals(expected(GoldTables.KPI_BY_REGION_MONTH,
        // Bretagne, January: e7 only (22:30Z = 23:30 Paris); delay 0 -> median 0, p90 0
        //   small_cell: 1 < K -> true
        row(BRETAGNE, "53", date("2024-01-01"), 1L, 1L, 0L, 0L, 1L, 1.0, 0.0, 0.0, 0L, 0L, null, true),
        // Bretagne, February: e6 (23:30Z on Jan 31 = Feb 1 00:30 Paris), e8, e9, e14 = 4; Négatif e6, e9, e14
        //   answered 4 -> 1.0; delays 0.5, 6 -> median (0.5 + 6) / 2 = 3.25; p90 0.5 + 0.9 * 5.5 = 5.45
        //   rated 3, converted e6 -> 1 / 3
        //   small_cell: 4 = K -> false
        row(BRETAGNE, "53", date("2024-02-01"), 4L, 0L, 0L, 3L, 4L, 1.0, 3.25, 5.45, 3L, 1L, 1.0 / 3, false),
        // Île-de-France, March: e1, e2, e3, e4, e5, e13 = 6; Positif e3; Neutre e4; Négatif 4;
        //   answered 5 -> 5 / 6; delays as in kpi_by_region -> 4, 16; rated 3, converted 2 -> 2 / 3
        //   small_cell: 6 >= K -> false
        row(IDF, "11", date("2024-03-01"), 6L, 1L, 1L, 4L, 5L, 5.0 / 6, 4.0, 16.0, 3L, 2L, 2.0 / 3, false),
        // Île-de-France, July: e15 (2024-06-30 22:30Z = July 1 00:30 Paris); not answered -> 0 / 1 = 0.0
        //   small_cell: 1 < K -> true
        row(IDF, "11", date("2024-07-01"), 1L, 1L, 0L, 0L, 0L, 0.0, null, null, 0L, 0L, null, true),
        // Non renseignée, April: e10, e11; Neutre e11, Négatif e10; answered e11 -> 0.5; delay 3
        //   small_cell: 2 < K -> true
        row(MISSING, null, date("2024-04-01"), 2L, 0L, 1L, 1L, 1L, 0.5, 3.0, 3.0, 0L, 0L, null, true),
        // Non renseignée, May: e12; Positif; not answered
        //   small_cell: 1 < K -> true
        row(MISSING, null, date("2024-05-01"), 1L, 1L, 0L, 0L, 0L, 0.0, null, null, 0L, 0L, null, true)),
        KpiByRegion.computeMonthly(SilverFixture.facts(), K), "region_name", "region_code", "month");
  }
}
