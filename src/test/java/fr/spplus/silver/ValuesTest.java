package fr.spplus.silver;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.source.ClosedLists;
import fr.spplus.testing.SharedSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each value rule of docs/contract.md sections 1 and 5, on hand-written cells with hand-computed results. */
class ValuesTest {

  /** Applies an expression to each input cell; returns input -> result. */
  static Map<String, Object> apply(UnaryOperator<Column> f, String... inputs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      rows.add(RowFactory.create(i, inputs[i]));
    }
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("v", DataTypes.StringType);
    List<Row> out = SharedSpark.spark().createDataFrame(rows, schema)
        .select(col("i"), f.apply(col("v")).as("r")).orderBy("i").collectAsList();
    Map<String, Object> result = new LinkedHashMap<>();
    for (Row r : out) {
      Object value = r.get(1);
      if (value instanceof scala.collection.Seq<?> seq) {
        value = scala.jdk.javaapi.CollectionConverters.asJava(seq);
      }
      result.put(inputs[r.getInt(0)], value);
    }
    return result;
  }

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void trimmingRemovesEveryUnicodeWhitespaceAtTheEndsAndNothingInside() {
    // Every code point Java's (?U)\\s matches (Unicode White_Space), found by scanning them all.
    StringBuilder ws = new StringBuilder();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (java.util.regex.Pattern.compile("(?U)\\s").matcher(new String(Character.toChars(cp))).matches()) {
        ws.appendCodePoint(cp);
      }
    }
    assertEquals(25, ws.codePointCount(0, ws.length()), "Unicode White_Space has 25 code points");
    String inner = "a" + ws + "b";
    Map<String, Object> r = apply(Values::utrim, ws + inner + ws, ws.toString(), "\u200Bx\u200B", "é");
    assertEquals(inner, r.get(ws + inner + ws));
    assertEquals("", r.get(ws.toString()));
    assertEquals("\u200Bx\u200B", r.get("\u200Bx\u200B"), "a zero-width space is not White_Space");
    assertEquals("é", r.get("é"));
  }

  @Test
  void everyAcceptedDateShapeParsesWithNaiveTimesInParis() {
    Map<String, Object> r = apply(Values::timestamp,
        "12/05/2023 10:22", "12/05/2023 – 10:22", "12/05/2023-10:22", "12/05/2023 -10:22", "12/05/2023 10:22:33",
        "12/05/2023", "2023-05-12T10:22:00+02:00", "2023-05-12T10:22:00Z", "2023-05-12T10:22:00-03:30",
        "2023-05-12T10:22:00", "2023-05-12 10:22:00", "2023-05-12", "2023-05-12T10:22:00.123",
        "2023-05-12T10:22:00.123456789Z", "15/01/2024 10:00", " \u00A012/05/2023 10:22\t");
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("12/05/2023 10:22"), "summer time is UTC+2");
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("12/05/2023 – 10:22"));
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("12/05/2023-10:22"));
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("12/05/2023 -10:22"));
    assertEquals(at("2023-05-12T08:22:33Z"), r.get("12/05/2023 10:22:33"));
    assertEquals(at("2023-05-11T22:00:00Z"), r.get("12/05/2023"), "a date alone is midnight in Paris");
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("2023-05-12T10:22:00+02:00"));
    assertEquals(at("2023-05-12T10:22:00Z"), r.get("2023-05-12T10:22:00Z"));
    assertEquals(at("2023-05-12T13:52:00Z"), r.get("2023-05-12T10:22:00-03:30"));
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("2023-05-12T10:22:00"));
    assertEquals(at("2023-05-12T08:22:00Z"), r.get("2023-05-12 10:22:00"));
    assertEquals(at("2023-05-11T22:00:00Z"), r.get("2023-05-12"));
    assertEquals(at("2023-05-12T08:22:00.123Z"), r.get("2023-05-12T10:22:00.123"));
    assertEquals(at("2023-05-12T10:22:00.123456Z"), r.get("2023-05-12T10:22:00.123456789Z"),
        "fractions beyond microseconds are truncated");
    assertEquals(at("2024-01-15T09:00:00Z"), r.get("15/01/2024 10:00"), "winter time is UTC+1");
    assertEquals(at("2023-05-12T08:22:00Z"), r.get(" \u00A012/05/2023 10:22\t"), "Unicode whitespace is trimmed");
  }

  @Test
  void daylightSavingGapAndOverlapResolveAsZonedDateTimeOfLocal() {
    Map<String, Object> r = apply(Values::timestamp, "31/03/2024 02:30", "27/10/2024 02:30");
    // 02:30 does not exist on 31 March 2024: ofLocal moves it forward by the gap, to 03:30 CEST.
    assertEquals(at("2024-03-31T01:30:00Z"), r.get("31/03/2024 02:30"));
    // 02:30 happens twice on 27 October 2024: ofLocal keeps the earlier offset, +02:00.
    assertEquals(at("2024-10-27T00:30:00Z"), r.get("27/10/2024 02:30"));
  }

  @Test
  void impossibleOrUnlistedShapesAreUnparseable() {
    String[] bad = {"31/02/2024", "12/05/2023 25:00", "12/05/2023 10:60", "12/05/2023 10:22:60", "1/5/2023",
        "12/5/2023", "2023-5-12", "12/05/23", "hier", "2023-05-12T10:22", "12/05/2023T10:22", "2023-02-29",
        "2023-05-12T10:22:00+0200", "12/05/2023  10:22", "", "   "};
    Map<String, Object> r = apply(Values::timestamp, bad);
    for (String b : bad) {
      assertEquals(null, r.get(b), "should not parse: '" + b + "'");
    }
    Map<String, Object> invalid = apply(Values::timestampInvalid, "hier", "", "  ", "12/05/2023");
    assertEquals(Map.of("hier", true, "", false, "  ", false, "12/05/2023", false), invalid);
  }

  @Test
  void closedListsIgnoreCaseAccentsAndSurroundingWhitespaceButNotInnerWhitespace() {
    Map<String, Object> state = apply(c -> Values.closed(c, ClosedLists.STATE),
        "  traitée ", "TRAITEES", "Traitées", "Traités", "A Traiter", "à traiter", "En cours", "a  traiter", "");
    assertEquals(Arrays.asList("Traitées", "Traitées", "Traitées", "Traitées", "A traiter", "A traiter", null, null,
        null), new ArrayList<>(state.values()));
    Map<String, Object> rating = apply(c -> Values.closed(c, ClosedLists.AUTHOR_RATING),
        "Utile", "pas utile", "Inutile", "pas  utile", "PAS UTILE");
    assertEquals(Arrays.asList("utile", "pas utile", "pas utile", null, "pas utile"), new ArrayList<>(rating.values()));
    Map<String, Object> sentiment = apply(c -> Values.closed(c, ClosedLists.SENTIMENT), "négatif", "NEGATIF", "Neutre ");
    assertEquals(List.of("Négatif", "Négatif", "Neutre"), new ArrayList<>(sentiment.values()));
    Map<String, Object> status = apply(c -> Values.closed(c, ClosedLists.RESPONSE_STATUS),
        "reponse apportee", "Réponse Modifiée avec notification", "en attente de réponse");
    assertEquals(List.of("Réponse apportée", "Réponse modifiée avec notification", "En attente de réponse"),
        new ArrayList<>(status.values()));
    Map<String, Object> invalid = apply(c -> Values.closedInvalid(c, ClosedLists.STATE), "En cours", "", " ");
    assertEquals(Map.of("En cours", true, "", false, " ", false), invalid);
  }

  @Test
  void booleansAcceptTheListedSpellingsAndEmptyIsFalse() {
    Map<String, Object> r = apply(Values::bool, "Oui", "NON", "true", "False", "1", "0", "x", "X", "", "vrai", null);
    assertEquals(Arrays.asList(true, false, true, false, true, false, true, true, false, null, null),
        new ArrayList<>(r.values()));
    assertEquals(Arrays.asList(false, false, true, false),
        new ArrayList<>(apply(Values::boolInvalid, "oui", "", "vrai", null).values()));
  }

  @Test
  void countsArePlainDigitsFittingAnIntAndEmptyIsZero() {
    Map<String, Object> r = apply(Values::count, "", "007", "12", " 3 ", "-1", "2.5", "1e3", "2147483647",
        "2147483648", "douze", null);
    assertEquals(Arrays.asList(0, 7, 12, 3, null, null, null, 2147483647, null, null, null),
        new ArrayList<>(r.values()));
    assertEquals(Arrays.asList(false, true, true, false, false),
        new ArrayList<>(apply(Values::countInvalid, "5", "-1", "2.5", "", null).values()));
  }

  @Test
  void aiSimilarityIsAnIntegerFromZeroToHundredAndAnythingElseIsAnIssue() {
    String[] cells = {"0", "49", "50", "99", "100", "007", " 85\u00A0", "", "  ", null,
        "85,5", "85.0", "120", "101", "-3", "+5", "n/a", "1e2", "99999999999"};
    Map<String, Object> r = apply(Values::percentage, cells);
    assertEquals(Arrays.asList(0, 49, 50, 99, 100, 7, 85, null, null, null,
        null, null, null, null, null, null, null, null, null), new ArrayList<>(r.values()));
    // Empty or absent is "no draft", not an issue; every other null hides a value that was written.
    assertEquals(Arrays.asList(false, false, false, false, false, false, false, false, false, false,
        true, true, true, true, true, true, true, true, true),
        new ArrayList<>(apply(Values::percentageInvalid, cells).values()));
  }

  @Test
  void multiValuedCellsSplitOnCommaPipeSemicolonAndLineBreaks() {
    Map<String, Object> r = apply(Values::multi, "a, b|c;a\n d \r\ne", " , ;", "Délais|délais");
    assertEquals(List.of("a", "b", "c", "d", "e"), r.get("a, b|c;a\n d \r\ne"));
    assertEquals(List.of(), r.get(" , ;"));
    assertEquals(List.of("Délais", "délais"), r.get("Délais|délais"), "business tags: duplicates removed exactly");
  }

  @Test
  void channelsAreNormalisedUnknownsDroppedAndDeduplicatedAfterNormalisation() {
    String cell = "telephone | E-MAIL, Fax, téléphone;Pigeon";
    assertEquals(List.of("Téléphone", "E-mail"), apply(Values::channels, cell).get(cell));
    assertEquals(List.of("Fax", "Pigeon"), apply(Values::unknownChannels, cell).get(cell));
    String all = "Téléphone,Compte ou espace personnel,Démarche en ligne,Accueil,E-mail,Patrouille,Courrier,"
        + "Réseaux Sociaux,Visio/Video,Tchat (messagerie instantanée)";
    List<String> ten = List.of("Téléphone", "Compte ou espace personnel", "Démarche en ligne", "Accueil", "E-mail",
        "Patrouille", "Courrier", "Réseaux Sociaux", "Visio/Video", "Tchat (messagerie instantanée)");
    assertEquals(ten, apply(Values::channels, all).get(all));
    String respelled = " TELEPHONE|compte ou espace personnel|demarche en ligne|accueil|e-mail|PATROUILLE|courrier|"
        + "réseaux sociaux|VISIO/VIDEO|tchat (messagerie instantanee) ";
    assertEquals(ten, apply(Values::channels, respelled).get(respelled), "case, accents and ends ignored");
  }
}
