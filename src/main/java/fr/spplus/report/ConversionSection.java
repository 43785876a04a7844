package fr.spplus.report;

import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.percent;

import fr.spplus.report.Charts.RateBar;
import fr.spplus.report.ReportData.TypologyKpi;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Conversion after answers by typology (gold/kpi_by_typology): the typologies with at least K
 * experiences and K rated Négatif experiences (rule 3), at most {@link #TOP} of those with the
 * most ratings, best rate first.
 *
 * @param tooFewRated typologies of at least K experiences left out for fewer than K ratings
 * @param small typologies withheld for their size
 */
record ConversionSection(List<TypologyKpi> top, int tooFewRated, int small, int k) implements ReportSection {

  static final int TOP = 20;

  static ConversionSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    List<TypologyKpi> shown = new ArrayList<>();
    int tooFewRated = 0;
    int small = 0;
    for (TypologyKpi t : data.typologies()) {
      if (policy.small(t.experiences(), t.smallCell())) {
        small++;
      } else if (!policy.enough(t.negativeRated()) || t.conversionRate() == null) {
        tooFewRated++;
      } else {
        shown.add(t);
      }
    }
    List<TypologyKpi> top = shown.stream()
        .sorted(Comparator.comparingLong(TypologyKpi::negativeRated).reversed()
            .thenComparing(t -> Objects.toString(t.name(), "")))
        .limit(TOP)
        .sorted(Comparator.comparingDouble(TypologyKpi::conversionRate).reversed()
            .thenComparing(Comparator.comparingLong(TypologyKpi::negativeRated).reversed()))
        .toList();
    return new ConversionSection(top, tooFewRated, small, policy.k());
  }

  @Override
  public Tally tally() {
    return Tally.forSize(small);
  }

  @Override
  public String html() {
    List<RateBar> bars = top.stream().map(t -> new RateBar(name(t), t.id(), t.conversionRate(),
        t.negativeConverted(), t.negativeRated())).toList();
    List<List<String>> rows = top.stream().map(t -> List.of(t.id(), name(t), count(t.experiences()),
        count(t.negativeExperiences()), count(t.negativeRated()), count(t.negativeConverted()),
        percent(t.conversionRate()))).toList();
    return Cards.section("section-conversion", "Conversion after answers by typology",
        "Of the Négatif experiences whose author rated an answer, the share rated « utile »: how often an unhappy "
            + "user found the answer useful. Typologies with at least K = " + k + " rated Négatif "
            + "experiences (at most the " + TOP + " with the most), best first; " + count(tooFewRated)
            + " typologies with fewer are left out, and " + count(small) + " with fewer than K "
            + "experiences.",
        Charts.typologyConversion("chart-typology-conversion", bars),
        Cards.table("table-conversion", List.of("Typology id", "Typology", "Experiences", "Négatif", "Négatif rated",
            "Rated « utile »", "Conversion"), rows),
        "Source: gold/kpi_by_typology.");
  }

  private static String name(TypologyKpi t) {
    return t.name() == null || t.name().isBlank() ? "(no name) " + t.id() : t.name();
  }
}
