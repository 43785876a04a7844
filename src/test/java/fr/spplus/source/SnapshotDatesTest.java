package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotDatesTest {

  @Test
  void firstDateInTheNameInAnyOfTheThreeShapes() {
    assertEquals(Optional.of(LocalDate.of(2024, 3, 1)), SnapshotDates.fromName("export-experiences-2024-03-01.csv"));
    assertEquals(Optional.of(LocalDate.of(2024, 3, 1)), SnapshotDates.fromName("export_2024_03_01.csv"));
    assertEquals(Optional.of(LocalDate.of(2024, 3, 1)), SnapshotDates.fromName("export20240301.csv.gz"));
    assertEquals(Optional.of(LocalDate.of(2023, 12, 31)),
        SnapshotDates.fromName("export-2023-12-31-copie-2024-01-15.csv"));
  }

  @Test
  void impossibleDatesAndMixedSeparatorsAreNotDates() {
    assertEquals(Optional.of(LocalDate.of(2024, 5, 2)), SnapshotDates.fromName("x-2024-02-31-y-2024-05-02.csv"));
    assertEquals(Optional.empty(), SnapshotDates.fromName("export-2024-03_01.csv"));
    assertEquals(Optional.empty(), SnapshotDates.fromName("export-latest.csv"));
  }

  @Test
  void lastModifiedDateIsTakenInUtc() {
    // 23:30 UTC on the 31st is already the 1st in Paris: the contract says UTC.
    assertEquals(LocalDate.of(2024, 1, 31), SnapshotDates.fromModified(Instant.parse("2024-01-31T23:30:00Z")));
  }
}
