package fr.spplus.source;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows the export's French column labels, their aliases across the years,
 * and the snake_case names the tables use (docs/contract.md section 1).
 *
 * <p>Everything else refers to columns through the constants and {@link Column} records here.
 * Slot columns exist three times ({@code N} = 1, 2, 3): {@link #typology(int)} and
 * {@link #structure(int)} give one slot's columns.
 */
public final class SourceColumns {

  /** A known source column: its official label (as the field description spells it) and snake_case name. */
  public record Column(String label, String name) {}

  public static final int SLOTS = 3;

  // Experience-level columns.
  public static final Column EXPERIENCE_ID = new Column("ID expérience", "experience_id");
  public static final Column STATE = new Column("Etat expérience", "state");
  public static final Column STATUS = new Column("Statut de l'expérience", "status");
  public static final Column WRITTEN_AT = new Column("Écrit le", "written_at");
  public static final Column PUBLISHED_AT = new Column("Date de publication", "published_at");
  public static final Column TITLE = new Column("Titre", "title");
  public static final Column DESCRIPTION = new Column("Description", "description");
  public static final Column POSTED_AS = new Column("Posté comme", "posted_as");
  public static final Column SENTIMENT = new Column("Ressenti usager", "sentiment");
  public static final Column DEPARTMENT_CODE = new Column("Code INSEE Département usager", "department_code");
  public static final Column DEPARTMENT_NAME = new Column("Intitulé département usager", "department_name");
  public static final Column REGION_NAME = new Column("Intitulé région usager", "region_name");
  public static final Column REGION_CODE = new Column("Code INSEE Région usager", "region_code");
  public static final Column COUNTRY = new Column("Pays", "country");
  public static final Column OUT_OF_SCOPE = new Column("Hors structure", "out_of_scope");
  public static final Column TAG_ACCESSIBILITY = new Column("Accessibilité", "tag_accessibility");
  public static final Column TAG_INFORMATION = new Column("Information/Explication", "tag_information");
  public static final Column TAG_RELATION = new Column("Relation", "tag_relation");
  public static final Column TAG_REACTIVITY = new Column("Réactivité", "tag_reactivity");
  public static final Column TAG_SIMPLICITY = new Column("Simplicité/Complexité", "tag_simplicity");
  public static final Column SIMILAR_EXPERIENCES = new Column("Expériences Similaires", "similar_experiences");
  public static final Column IMPROVEMENT = new Column("Amélioration de service à considérer", "improvement_to_consider");
  public static final Column FIRST_RESPONSE_AT = new Column("Date de première réponse", "first_response_at");
  // Known, present in recent exports only.
  public static final Column PROCEDURES_ENTERED = new Column("Démarches saisies par usager", "procedures_entered");
  /** An author name: kept in bronze only, never in silver or gold. */
  public static final Column AUTHOR_PSEUDONYM = new Column("Pseudonyme usager", "author_pseudonym");

  /** The five general tags, in the order the export lists them. */
  public static final List<Column> GENERAL_TAGS =
      List.of(TAG_ACCESSIBILITY, TAG_INFORMATION, TAG_RELATION, TAG_REACTIVITY, TAG_SIMPLICITY);

  /** The columns of one typology slot. */
  public record TypologySlot(int slot, Column id, Column name, Column postalCode, Column country,
                             Column channels, Column businessTags) {
    public List<Column> columns() {
      return List.of(id, name, postalCode, country, channels, businessTags);
    }
  }

  /** The columns of one structure slot. */
  public record StructureSlot(int slot, Column id, Column name, Column responseStatus, Column usefulVotes,
                              Column uselessVotes, Column authorRating, Column responseText, Column aiSimilarity) {
    /** The 59-field description's six columns of the slot. */
    public List<Column> officialColumns() {
      return List.of(id, name, responseStatus, usefulVotes, uselessVotes, authorRating);
    }

    public List<Column> columns() {
      return List.of(id, name, responseStatus, usefulVotes, uselessVotes, authorRating, responseText, aiSimilarity);
    }
  }

  /**
   * The typology slot's columns as silver/experience_typologies names them, one row per slot:
   * labels say "N", names have no slot suffix ({@code typology_id}).
   */
  public static final TypologySlot TYPOLOGY_SLOT = typologySlot(0);
  /** The structure slot's columns as silver/experience_structures names them (see {@link #TYPOLOGY_SLOT}). */
  public static final StructureSlot STRUCTURE_SLOT = structureSlot(0);

  public static TypologySlot typology(int n) {
    checkSlot(n);
    return typologySlot(n);
  }

  public static StructureSlot structure(int n) {
    checkSlot(n);
    return structureSlot(n);
  }

  /** Slot n's columns; slot 0 is the unpivoted form: "N" in labels, no suffix in names. */
  private static TypologySlot typologySlot(int n) {
    String l = n == 0 ? "N" : String.valueOf(n);
    String s = n == 0 ? "" : "_" + n;
    return new TypologySlot(n,
        new Column("ID typologie " + l, "typology_id" + s),
        new Column("Intitulé Typologie " + l, "typology_name" + s),
        new Column("Code Postal typologie " + l, "postal_code" + s),
        new Column("Pays Typologie " + l, "typology_country" + s),
        new Column("Canaux Typologie " + l, "channels" + s),
        new Column("Tags métier typologie " + l, "business_tags" + s));
  }

  private static StructureSlot structureSlot(int n) {
    String l = n == 0 ? "N" : String.valueOf(n);
    String s = n == 0 ? "" : "_" + n;
    return new StructureSlot(n,
        new Column("ID structure " + l, "structure_id" + s),
        new Column("Intitulé structure " + l, "structure_name" + s),
        new Column("Statut réponse structure " + l, "response_status" + s),
        new Column("Evaluation utile réponse structure " + l + " par visiteurs", "useful_votes" + s),
        new Column("Evaluation inutile réponse structure " + l + " par visiteurs", "useless_votes" + s),
        new Column("Evaluation réponse structure " + l + " par auteur", "author_rating" + s),
        new Column("Réponse structure " + l, "response_text" + s),
        new Column("Taux de similarité réponse IA structure " + l, "ai_similarity" + s));
  }

  private static void checkSlot(int n) {
    if (n < 1 || n > SLOTS) {
      throw new IllegalArgumentException("slot must be 1.." + SLOTS + ", got " + n);
    }
  }

  /** The 59 columns of the official field description, in the export's order. */
  public static final List<Column> OFFICIAL;
  /** Every known column: the official 59 plus those of recent exports, in the export's order. */
  public static final List<Column> KNOWN;
  private static final Map<String, Column> BY_KEY;

  static {
    List<Column> official = new ArrayList<>(List.of(EXPERIENCE_ID, STATE, STATUS, WRITTEN_AT, PUBLISHED_AT, TITLE,
        DESCRIPTION, POSTED_AS, SENTIMENT, DEPARTMENT_CODE, DEPARTMENT_NAME, REGION_NAME, REGION_CODE, COUNTRY));
    for (int n = 1; n <= SLOTS; n++) {
      official.addAll(typology(n).columns());
    }
    official.add(OUT_OF_SCOPE);
    for (int n = 1; n <= SLOTS; n++) {
      official.addAll(structure(n).officialColumns());
    }
    official.addAll(GENERAL_TAGS);
    official.addAll(List.of(SIMILAR_EXPERIENCES, IMPROVEMENT, FIRST_RESPONSE_AT));
    OFFICIAL = Collections.unmodifiableList(official);

    List<Column> known = new ArrayList<>(official);
    for (int n = 1; n <= SLOTS; n++) {
      known.add(structure(n).responseText());
      known.add(structure(n).aiSimilarity());
    }
    known.add(PROCEDURES_ENTERED);
    known.add(AUTHOR_PSEUDONYM);
    KNOWN = Collections.unmodifiableList(known);

    Map<String, Column> byKey = new LinkedHashMap<>();
    for (Column c : KNOWN) {
      byKey.put(labelKey(c.label()), c);
    }
    // Header names of older exports (docs/contract.md section 1). The accent and case variants
    // ("Date de premiere réponse", "Ecrit le", "Intitulé typologie N") already fold to the same key.
    byKey.put(labelKey("Etat de l'expérience"), STATE);
    for (Column tag : GENERAL_TAGS) {
      byKey.put(labelKey("Tags généraux " + tag.label()), tag);
    }
    BY_KEY = Collections.unmodifiableMap(byKey);
  }

  private SourceColumns() {}

  /**
   * The key a header label is matched on: trimmed, inner whitespace collapsed, case-, accent- and
   * apostrophe-insensitive, so that {@code "  Etat   de l’Expérience "} and {@code "État de l'expérience"} meet.
   */
  public static String labelKey(String label) {
    String decomposed = Normalizer.normalize(label, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "")
        .replaceAll("[\\u2018\\u2019\\u201B\\u0060\\u00B4\\u02BC\\u2032]", "'")
        .replaceAll("(?U)\\s+", " ")
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** The known column a header label names, if any (aliases included). */
  public static Optional<Column> byLabel(String label) {
    return Optional.ofNullable(BY_KEY.get(labelKey(label)));
  }

  /** The known column with this snake_case name. */
  public static Column byName(String name) {
    for (Column c : KNOWN) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no known column named " + name);
  }
}
