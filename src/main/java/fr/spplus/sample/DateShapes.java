package fr.spplus.sample;

import fr.spplus.source.ExportZone;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/**
 * The date shapes of docs/contract.md section 1 and how often a file uses each. Naive shapes are
 * written in Paris wall-clock time, so they read back as the same instant (the generator keeps its
 * instants out of the autumn overlap, see {@link Population#unambiguous}).
 */
final class DateShapes {

  enum Shape {
    FR_MINUTES("dd/MM/yyyy HH:mm", ChronoUnit.MINUTES),
    FR_EN_DASH("dd/MM/yyyy – HH:mm", ChronoUnit.MINUTES),
    FR_EN_DASH_TIGHT("dd/MM/yyyy–HH:mm", ChronoUnit.MINUTES),
    FR_HYPHEN("dd/MM/yyyy - HH:mm", ChronoUnit.MINUTES),
    FR_SECONDS("dd/MM/yyyy HH:mm:ss", ChronoUnit.SECONDS),
    FR_DATE("dd/MM/yyyy", ChronoUnit.DAYS),
    ISO_OFFSET("yyyy-MM-dd'T'HH:mm:ssxxx", ChronoUnit.SECONDS),
    ISO_UTC("yyyy-MM-dd'T'HH:mm:ss'Z'", ChronoUnit.SECONDS),
    ISO_LOCAL("yyyy-MM-dd'T'HH:mm:ss", ChronoUnit.SECONDS),
    ISO_LOCAL_SPACE("yyyy-MM-dd HH:mm:ss", ChronoUnit.SECONDS),
    ISO_FRACTION("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", ChronoUnit.MILLIS),
    ISO_DATE("yyyy-MM-dd", ChronoUnit.DAYS);

    private final DateTimeFormatter formatter;
    private final ChronoUnit precision;

    Shape(String pattern, ChronoUnit precision) {
      this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      this.precision = precision;
    }

    String format(Instant t) {
      ZonedDateTime z = this == ISO_UTC ? t.atZone(ZoneOffset.UTC) : t.atZone(ExportZone.ZONE);
      return formatter.format(z);
    }

    /**
     * The instant the text {@link #format} writes reads back as: cut to the shape's precision (a
     * date alone is midnight, Paris time). Paris offsets are whole hours, so cutting the instant to
     * minutes or seconds cuts the Paris wall-clock time alike.
     */
    Instant asRead(Instant t) {
      return precision == ChronoUnit.DAYS
          ? t.atZone(ExportZone.ZONE).toLocalDate().atStartOfDay(ExportZone.ZONE).toInstant()
          : t.truncatedTo(precision);
    }
  }

  /**
   * The mix of one file: the share of records written in ISO shapes (older exports are French
   * {@code dd/MM/yyyy HH:mm}, newer ones ISO with an offset) and the share of French shapes with a
   * dash between date and time.
   */
  record Mix(double isoShare, double dashShare) {

    /** The shape family of one record: true for ISO. */
    boolean iso(Random r) {
      return r.nextDouble() < isoShare;
    }

    /** The shape of one date of a record; {@code dateOnlyAllowed} for dates no metric depends on. */
    Shape shape(boolean iso, boolean dateOnlyAllowed, Random r) {
      double x = r.nextDouble();
      if (dateOnlyAllowed && x < 0.03) {
        return iso ? Shape.ISO_DATE : Shape.FR_DATE;
      }
      x = r.nextDouble();
      if (iso) {
        return x < 0.75 ? Shape.ISO_OFFSET : x < 0.85 ? Shape.ISO_UTC : x < 0.92 ? Shape.ISO_LOCAL
            : x < 0.97 ? Shape.ISO_LOCAL_SPACE : Shape.ISO_FRACTION;
      }
      if (x < dashShare) {
        double y = r.nextDouble();
        return y < 0.6 ? Shape.FR_EN_DASH : y < 0.8 ? Shape.FR_EN_DASH_TIGHT : Shape.FR_HYPHEN;
      }
      return r.nextDouble() < 0.93 ? Shape.FR_MINUTES : Shape.FR_SECONDS;
    }
  }

  private DateShapes() {}
}
