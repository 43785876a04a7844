package fr.spplus.report;

import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.percent;

import fr.spplus.report.Charts.BandBar;
import fr.spplus.report.ReportData.AiAnswers;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AI-assisted answers (gold/ai_answer_quality, docs/contract.md section 7): per band of similarity
 * to the AI draft, the share of rated answers rated « utile » and the conversion of Négatif
 * experiences, with the number of rated answers beside each bar. The months are those from the
 * first one where an export carries a similarity, so that the bands are compared over the same
 * period ("none" would otherwise hold every answer of the older exports).
 *
 * <p>Small cells: a band with fewer than K distinct experiences over those months (a sum over
 * months of distinct experiences: each experience has one month) is withheld (rule 1); a rate
 * whose denominator is below K (rated answers, rated Négatif answers) is withheld (rule 3). The page
 * shows no total the bands add up to, so no rule-2 complement is needed.
 *
 * @param bands the four bands in order, each with its figures or withheld
 * @param since the first month with a similarity, or null when no export carries one
 */
record AiBandsSection(List<Band> bands, LocalDate since, int k) implements ReportSection {

  private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

  /** The bands, in the chart's order, with the similarity range each stands for. */
  static final List<List<String>> BANDS = List.of(
      List.of("identical", "100: the draft as proposed"),
      List.of("high", "50–99"),
      List.of("low", "0–49"),
      List.of("none", "no similarity"));

  /**
   * One band over the months shown.
   *
   * @param withheld fewer than K experiences (its figures are not shown)
   * @param usefulShown rated reaches K; {@code conversionShown}: negativeRated reaches K
   */
  record Band(String band, String range, long answers, long experiences, long rated, long useful,
              long negativeRated, long negativeConverted, boolean withheld, boolean usefulShown,
              boolean conversionShown) {

    Double usefulRate() {
      return usefulShown && rated > 0 ? useful / (double) rated : null;
    }

    Double conversionRate() {
      return conversionShown && negativeRated > 0 ? negativeConverted / (double) negativeRated : null;
    }
  }

  static AiBandsSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    LocalDate since = data.aiAnswers().stream().filter(a -> !"none".equals(a.band())).map(AiAnswers::month)
        .min(LocalDate::compareTo).orElse(null);
    List<Band> bands = new ArrayList<>();
    if (since != null) {
      for (List<String> b : BANDS) {
        long answers = 0;
        long experiences = 0;
        long rated = 0;
        long useful = 0;
        long negativeRated = 0;
        long negativeConverted = 0;
        for (AiAnswers a : data.aiAnswers()) {
          if (a.band().equals(b.get(0)) && !a.month().isBefore(since)) {
            answers += a.answers();
            experiences += a.experiences();
            rated += a.rated();
            useful += a.useful();
            negativeRated += a.negativeRated();
            negativeConverted += a.negativeConverted();
          }
        }
        if (answers == 0) {
          continue;
        }
        boolean withheld = policy.small(experiences, false);
        bands.add(new Band(b.get(0), b.get(1), answers, experiences, rated, useful, negativeRated,
            negativeConverted, withheld, !withheld && policy.enough(rated), !withheld && policy.enough(negativeRated)));
      }
    }
    return new AiBandsSection(List.copyOf(bands), since, policy.k());
  }

  @Override
  public Tally tally() {
    int figures = 0;
    for (Band b : bands) {
      if (b.withheld()) {
        figures++;
      } else {
        figures += (b.usefulShown() ? 0 : 1) + (b.conversionShown() ? 0 : 1);
      }
    }
    return Tally.forSize(figures);
  }

  @Override
  public String html() {
    String mark = "< " + k;
    List<BandBar> bars = bands.stream().map(b -> new BandBar(b.band(), b.range(), b.withheld(), b.usefulRate(),
        b.rated(), b.conversionRate(), b.negativeRated())).toList();
    List<List<String>> rows = bands.stream().map(b -> b.withheld()
        ? List.of(b.band(), b.range(), mark, mark, mark, mark, mark, mark)
        : List.of(b.band(), b.range(), count(b.answers()), count(b.experiences()),
            b.usefulShown() ? count(b.rated()) : mark, b.usefulShown() ? percent(b.usefulRate()) : mark,
            b.conversionShown() ? count(b.negativeRated()) : mark,
            b.conversionShown() ? percent(b.conversionRate()) : mark)).toList();
    String period = since == null ? "No export read so far carries an AI similarity."
        : "Answers to experiences published from " + since.format(MONTH_YEAR) + " on (the first month with a "
            + "similarity), so that the bands cover the same months.";
    return Cards.section("section-ai-answers", "Answers written from an AI draft",
        "How close each published answer is to the draft an AI assistant proposed (Taux de similarité réponse "
            + "IA), against what the authors thought of it: the share of rated answers rated « utile », and the "
            + "same for Négatif experiences (conversion). The number of rated answers is beside each bar. "
            + period + " A similarity is no proof that the AI wrote the answer. Bands with fewer than K = " + k
            + " experiences, and rates over fewer than K rated answers, are withheld.",
        Charts.aiBands("chart-ai-bands", bars),
        Cards.table("table-ai-answers", List.of("Band", "Similarity", "Answers", "Experiences", "Rated",
            "Useful rate", "Négatif rated", "Conversion"), rows),
        "Source: gold/ai_answer_quality (sums over the months shown; rates recomputed from the sums).");
  }
}
