package fr.spplus.sample;

import fr.spplus.sample.Experience.StructureSlot;
import fr.spplus.sample.Experience.TypologySlot;
import fr.spplus.sample.Referential.Department;
import fr.spplus.sample.Referential.Family;
import fr.spplus.sample.Referential.Region;
import fr.spplus.sample.Referential.Structure;
import fr.spplus.sample.Referential.Typology;
import fr.spplus.sample.Referential.Weighted;
import fr.spplus.source.ClosedLists;
import fr.spplus.source.ExportZone;
import fr.spplus.source.SourceColumns;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Builds the experiences published between the start of the history and the last snapshot, with
 * their whole timelines, from one seeded {@link Random}.
 *
 * <p>Publications grow over time (the platform gains users), so every later snapshot holds more
 * experiences. Floating-point work goes through {@link StrictMath} so that the same seed gives the
 * same experiences on every JVM.
 */
final class Population {

  /** How far before the first snapshot the history starts. */
  static final int HISTORY_DAYS = 365;

  private static final long MINUTE = 60;
  private static final long HOUR = 3_600;
  private static final long DAY = 86_400;

  private final Random r;
  private final Instant historyStart;
  private final Instant lastCutoff;
  /** Answers written after this instant may carry an AI similarity rate (the feature came later). */
  private final Instant aiStart;

  private Population(long seed, Instant historyStart, Instant lastCutoff) {
    this.r = new Random(seed);
    this.historyStart = historyStart;
    this.lastCutoff = lastCutoff;
    this.aiStart = historyStart.plusSeconds((long) (Duration.between(historyStart, lastCutoff).getSeconds() * 0.55));
  }

  /** Experiences published before the cutoff of {@code lastSnapshot}, in publication (and id) order. */
  static List<Experience> build(long seed, int count, LocalDate firstSnapshot, LocalDate lastSnapshot) {
    Instant start = cutoff(firstSnapshot.minusDays(HISTORY_DAYS));
    Instant end = cutoff(lastSnapshot);
    return new Population(seed, start, end).build(count);
  }

  /** A snapshot dated D holds what was published before D at midnight, Paris time (exports run at night). */
  static Instant cutoff(LocalDate snapshotDate) {
    return snapshotDate.atStartOfDay(ExportZone.ZONE).toInstant();
  }

  private List<Experience> build(int count) {
    long span = Duration.between(historyStart, lastCutoff).getSeconds();
    Instant[] published = new Instant[count];
    for (int i = 0; i < count; i++) {
      // Density rising from 1 to 3 over the history: x = F^-1(u) for F(x) = (x + x^2) / 2.
      double x = (StrictMath.sqrt(1 + 8 * r.nextDouble()) - 1) / 2;
      Instant day = historyStart.plusSeconds((long) (x * span));
      published[i] = officeHours(day);
    }
    Arrays.sort(published);
    List<Experience> out = new ArrayList<>(count);
    long id = 100_000 + r.nextInt(50_000);
    for (int i = 0; i < count; i++) {
      // Gaps stand for experiences refused by moderation or still unpublished.
      id += 1 + (r.nextDouble() < 0.3 ? 1 + r.nextInt(5) : 0);
      out.add(experience(id, published[i]));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Moved to a working-hours time on the same Paris day (moderators publish between 8:00 and 19:59),
   * to the minute. The platform keeps publication times to the minute, as it does response times
   * (its French exports show no seconds): an instant with seconds, written with them in one snapshot
   * and without them in the next, would read as a publication date that changes every day, which
   * a real export does only when its date format changes. The seconds and milliseconds are still
   * drawn, then dropped, so that every other draw stays as it was: only the times derived from the
   * publication (written, responded, closed) move with it, by less than a minute.
   */
  private Instant officeHours(Instant t) {
    LocalDate day = t.atZone(ExportZone.ZONE).toLocalDate();
    LocalDateTime local = day.atTime(8 + r.nextInt(12), r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000);
    return ZonedDateTime.of(local, ExportZone.ZONE).toInstant().truncatedTo(ChronoUnit.MINUTES);
  }

  private Experience experience(long id, Instant publishedAt) {
    Family family = Referential.pickWeighted(Referential.FAMILY_WEIGHTS, r);
    String sentiment = pickSentiment();
    Texts.Tone tone = Texts.tone(sentiment);

    long writeGap = 2 * HOUR + (long) StrictMath.min(6 * DAY, -StrictMath.log(1 - r.nextDouble()) * DAY);
    Instant writtenAt = unambiguous(publishedAt.minusSeconds(writeGap));

    Department dept = null;
    Region region = null;
    String country = Referential.FRANCE;
    boolean codeOnly = false;
    if (family == Family.CONSULAT) {
      country = Referential.pick(Referential.ABROAD_COUNTRIES, r);
    } else if (r.nextDouble() >= 0.03) {
      region = Referential.pickRegion(r);
      dept = Referential.pickDepartment(region, r);
      codeOnly = r.nextDouble() < 0.005;
    }

    List<TypologySlot> typologies = typologies(family, dept, country);
    boolean outOfScope = r.nextDouble() < 0.025;
    List<StructureSlot> structures = outOfScope
        ? Collections.unmodifiableList(Arrays.asList(new StructureSlot[SourceColumns.SLOTS]))
        : structures(family, typologies, dept, region, country, publishedAt, writtenAt, tone);
    String internalId = "SPP-" + HexFormat.of().toHexDigits(r.nextInt());
    String title = Texts.title(family, tone, r);
    String description = Texts.description(family, tone, r);
    String postedAs = pickPostedAs();
    List<String> generalTags = generalTags(tone);
    int similar = similarFinal();
    String pseudonym = Texts.pseudonym(r);
    String procedures = Texts.proceduresEntered(family, r);

    Instant firstResponse = Experience.firstResponse(structures, Instant.MAX);
    Instant closedAt = null;
    if (firstResponse == null && r.nextDouble() < (outOfScope ? 0.6 : 0.05)) {
      closedAt = unambiguous(publishedAt.plusSeconds(2 * DAY + r.nextInt(28) * DAY + r.nextInt(8) * HOUR));
    }
    Instant engaged = null;
    Instant done = null;
    if (firstResponse != null && r.nextDouble() < 0.15) {
      engaged = unambiguous(firstResponse.plusSeconds((3 + r.nextInt(38)) * DAY));
      if (r.nextBoolean()) {
        done = unambiguous(engaged.plusSeconds((10 + r.nextInt(51)) * DAY));
      }
    }
    boolean improvement = firstResponse != null && r.nextDouble() < 0.2;
    String outOfScopeSpelling = outOfScope ? pickSpelling(Vocabulary.YES_SPELLINGS, 0.9)
        : pickSpelling(Vocabulary.NO_SPELLINGS, 0.9);
    String noImprovement = pickSpelling(List.of(Vocabulary.NO, ""), 0.5);
    return new Experience(id, internalId, family, writtenAt, publishedAt, title, description, postedAs, sentiment,
        dept, region, codeOnly, country, typologies, outOfScope, outOfScopeSpelling, closedAt, structures,
        generalTags, similar, improvement, noImprovement, engaged, done, pseudonym, procedures);
  }

  private String pickSentiment() {
    double x = r.nextDouble();
    return x < 0.55 ? Vocabulary.NEGATIVE : x < 0.83 ? Vocabulary.POSITIVE : Vocabulary.NEUTRAL;
  }

  private String pickPostedAs() {
    double x = r.nextDouble();
    return x < 0.85 ? Vocabulary.POSTED_SELF : x < 0.97 ? Vocabulary.POSTED_RELATIVE : Vocabulary.POSTED_MEDIATOR;
  }

  /** The first spelling with probability {@code firstShare}, else one of the others. */
  private String pickSpelling(List<String> spellings, double firstShare) {
    if (r.nextDouble() < firstShare || spellings.size() == 1) {
      return spellings.get(0);
    }
    return spellings.get(1 + r.nextInt(spellings.size() - 1));
  }

  private List<TypologySlot> typologies(Family family, Department dept, String country) {
    TypologySlot[] slots = new TypologySlot[SourceColumns.SLOTS];
    double x = r.nextDouble();
    int count = x < 0.70 ? 1 : x < 0.92 ? 2 : 3;
    List<Typology> own = Referential.typologies(family);
    Typology first = Referential.pick(own, r);
    slots[0] = typologySlot(first, family, dept, country);
    for (int n = 1; n < count; n++) {
      Typology t;
      double y = r.nextDouble();
      if (y < 0.02) {
        t = first;
      } else if (y < 0.45 && own.size() > 1) {
        t = Referential.pick(own, r);
      } else {
        t = Referential.pick(Referential.GENERIC_TYPOLOGIES, r);
      }
      slots[n] = typologySlot(t, family, dept, country);
    }
    // Now and then the middle slot is left empty while the third is filled.
    if (count == 3 && r.nextDouble() < 0.1) {
      slots[1] = null;
    }
    return Collections.unmodifiableList(Arrays.asList(slots));
  }

  private TypologySlot typologySlot(Typology t, Family family, Department dept, String country) {
    String name = t.alias() != null && r.nextDouble() < 0.25 ? t.alias() : t.name();
    boolean abroad = !Referential.FRANCE.equals(country);
    String postal = abroad || dept == null ? "" : Referential.pick(dept.postalCodes(), r);
    String slotCountry = abroad ? country : (r.nextDouble() < 0.02 ? "" : Referential.FRANCE);
    return new TypologySlot(t, name, postal, slotCountry, channelsCell(family), businessTagsCell(family));
  }

  private String channelsCell(Family family) {
    List<Weighted<String>> pool = new ArrayList<>(Referential.CHANNELS.get(family));
    double x = r.nextDouble();
    int count = x < 0.70 ? 1 : x < 0.95 ? 2 : 3;
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      String c = Referential.pickWeighted(pool, r);
      pool.removeIf(w -> w.value().equals(c));
      cells.add(Vocabulary.variant(ClosedLists.CHANNEL, c, 0.12, r));
    }
    return String.join(listSeparator(), cells);
  }

  private String businessTagsCell(Family family) {
    List<String> pool = new ArrayList<>(Referential.BUSINESS_TAGS.get(family));
    double x = r.nextDouble();
    int count = x < 0.30 ? 0 : x < 0.70 ? 1 : x < 0.92 ? 2 : 3;
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      String t = Referential.pick(pool, r);
      pool.remove(t);
      tags.add(t);
    }
    if (!tags.isEmpty() && r.nextDouble() < 0.03) {
      tags.add(tags.get(0));
    }
    return String.join(listSeparator(), tags);
  }

  /** The separators multi-valued cells use across exports: mostly commas, sometimes pipes, rarely others. */
  private String listSeparator() {
    double x = r.nextDouble();
    if (x < 0.45) {
      return ", ";
    }
    if (x < 0.65) {
      return ",";
    }
    if (x < 0.85) {
      return "|";
    }
    if (x < 0.93) {
      return " | ";
    }
    return x < 0.98 ? ";" : "\n";
  }

  private List<StructureSlot> structures(Family family, List<TypologySlot> typologies, Department dept,
                                         Region region, String country, Instant publishedAt, Instant writtenAt,
                                         Texts.Tone tone) {
    StructureSlot[] slots = new StructureSlot[SourceColumns.SLOTS];
    double x = r.nextDouble();
    int count = x < 0.76 ? 1 : x < 0.95 ? 2 : 3;
    Structure first = Referential.structureFor(family, dept, region, country, r);
    slots[0] = structureSlot(first, publishedAt, writtenAt, tone);
    List<Structure> chosen = new ArrayList<>(List.of(first));
    for (int n = 1; n < count; n++) {
      Structure s = first;
      // Now and then the same structure fills two slots (the contract counts it once).
      if (r.nextDouble() >= 0.03) {
        TypologySlot t = typologies.get(n);
        Family f = t != null && t.typology().family() != null && t.typology().family() != family
            ? t.typology().family() : Referential.partner(family, r);
        for (int attempt = 0; attempt < 5 && chosen.contains(s); attempt++) {
          s = Referential.structureFor(f, dept, region, country, r);
        }
      }
      chosen.add(s);
      slots[n] = structureSlot(s, publishedAt, writtenAt, tone);
    }
    return Collections.unmodifiableList(Arrays.asList(slots));
  }

  private StructureSlot structureSlot(Structure s, Instant publishedAt, Instant writtenAt, Texts.Tone tone) {
    String name = s.alias() != null && r.nextDouble() < 0.2 ? s.alias() : s.name();
    double answerShare = switch (s.family()) {
      case PREFECTURE, CONSULAT -> 0.62;
      case FRANCE_TRAVAIL, CAF -> 0.85;
      default -> 0.78;
    };
    if (r.nextDouble() >= answerShare) {
      return new StructureSlot(s, name, null, null, null, null, null, null, 0, 0, null, null);
    }
    Instant respondedAt;
    double kind = r.nextDouble();
    if (kind < 0.025) {
      // Answered before the experience went public (the structure saw it during moderation): a negative delay.
      long room = Duration.between(writtenAt, publishedAt).getSeconds() - HOUR - 10 * MINUTE;
      respondedAt = unambiguous(writtenAt.plusSeconds(10 * MINUTE + (long) (r.nextDouble() * room)));
    } else if (kind < 0.03) {
      respondedAt = publishedAt;
    } else {
      // Log-normal delay: median two days, a long tail of weeks, capped at five months.
      double hours = StrictMath.exp(StrictMath.log(48) + 1.3 * r.nextGaussian());
      long seconds = (long) StrictMath.max(10 * MINUTE, StrictMath.min(150 * DAY, hours * HOUR));
      respondedAt = unambiguous(publishedAt.plusSeconds(seconds + r.nextInt(60)));
    }
    Instant validationAt = r.nextDouble() < 0.25
        ? respondedAt.minusSeconds(6 * HOUR + r.nextInt(4 * 24) * HOUR) : null;

    String finalStatus = Vocabulary.RESPONSE_GIVEN;
    Instant finalAt = null;
    double v = r.nextDouble();
    if (v < 0.08) {
      finalStatus = Vocabulary.RESPONSE_ADOPTED;
      finalAt = respondedAt.plusSeconds((2 + r.nextInt(19)) * DAY);
    } else if (v < 0.13) {
      finalStatus = Vocabulary.RESPONSE_MODIFIED;
      finalAt = respondedAt.plusSeconds((1 + r.nextInt(30)) * DAY);
    } else if (v < 0.15) {
      finalStatus = Vocabulary.RESPONSE_UNPUBLISHED;
      finalAt = respondedAt.plusSeconds((5 + r.nextInt(56)) * DAY);
    }

    Instant ratedAt = null;
    String rating = null;
    if (r.nextDouble() < 0.5) {
      ratedAt = respondedAt.plusSeconds((1 + r.nextInt(20)) * DAY);
      double usefulShare = switch (tone) {
        case NEGATIVE -> 0.35;
        case NEUTRAL -> 0.5;
        case POSITIVE -> 0.75;
      };
      rating = r.nextDouble() < usefulShare
          ? pickSpelling(Vocabulary.RATING_USEFUL_SPELLINGS, 0.8)
          : pickSpelling(Vocabulary.RATING_NOT_USEFUL_SPELLINGS, 0.7);
    }
    int useful = (int) StrictMath.min(40, -StrictMath.log(1 - r.nextDouble()) * 4);
    int useless = (int) StrictMath.min(15, -StrictMath.log(1 - r.nextDouble()) * 1.5);
    String answer = Texts.answer(s.family(), name, r);
    Integer ai = !respondedAt.isBefore(aiStart) && r.nextDouble() < 0.7
        ? aiSimilarity(r.nextDouble(), r.nextDouble()) : null;
    return new StructureSlot(s, name, validationAt, respondedAt, finalStatus, finalAt, ratedAt, rating, useful,
        useless, answer, ai);
  }

  /**
   * How close an answer is to the AI draft it started from, from two uniform draws: a quarter of the
   * answers keep the draft as it is (100), the others are edited, mostly lightly (density rising
   * towards 99, a few rewritten almost entirely). Two draws whatever the outcome, so that the
   * experiences drawn after this one do not depend on it.
   */
  private static int aiSimilarity(double kept, double edited) {
    return kept < 0.25 ? 100 : (int) StrictMath.floor(100 * StrictMath.sqrt(edited));
  }

  private List<String> generalTags(Texts.Tone tone) {
    double negativeShare = switch (tone) {
      case NEGATIVE -> 0.85;
      case NEUTRAL -> 0.5;
      case POSITIVE -> 0.15;
    };
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < SourceColumns.GENERAL_TAGS.size(); i++) {
      if (r.nextDouble() < 0.35) {
        tags.add(r.nextDouble() < negativeShare ? Vocabulary.TAG_NEGATIVE : Vocabulary.TAG_POSITIVE);
      } else {
        tags.add("");
      }
    }
    return Collections.unmodifiableList(tags);
  }

  private int similarFinal() {
    if (r.nextDouble() < 0.6) {
      return 0;
    }
    return 1 + (int) StrictMath.min(60, -StrictMath.log(1 - r.nextDouble()) * 5);
  }

  /**
   * The instant, moved two hours earlier if its Paris wall-clock time is ambiguous (the autumn
   * overlap): a naive time written from it must read back as the same instant.
   */
  static Instant unambiguous(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, ExportZone.ZONE);
    if (ExportZone.ZONE.getRules().getValidOffsets(local).size() != 1) {
      return t.minusSeconds(2 * HOUR);
    }
    return t;
  }
}
