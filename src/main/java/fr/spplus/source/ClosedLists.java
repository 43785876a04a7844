package fr.spplus.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closed value lists of docs/contract.md section 1: canonical values and the spellings accepted for
 * each. A cell matches after trimming, case folding and accent folding ({@link #key}); inner
 * whitespace is significant.
 */
public final class ClosedLists {

  /** Accented letters folded by {@link #key}, and their plain letters, position by position. */
  public static final String ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ";
  public static final String PLAIN = "aaaaaaceeeeiiiinooooouuuuyy";

  /** A closed list: spelling key → canonical value. */
  public record ValueList(String name, Map<String, String> byKey) {
    public List<String> canonicalValues() {
      return byKey.values().stream().distinct().toList();
    }
  }

  public static final ValueList STATE = list("state",
      "A traiter", "A traiter",
      "Traitées", "Traitées",
      "Traitée", "Traitées",
      "Traités", "Traitées",
      "Traité", "Traitées");

  public static final ValueList STATUS = canonical("status",
      "Expérience en attente de réponse", "Expérience avec réponse",
      "Expérience avec action engagée", "Expérience avec action réalisée");

  public static final ValueList POSTED_AS = canonical("posted_as",
      "La personne concernée", "Un proche de la personne concernée", "Un agent de médiation");

  public static final ValueList SENTIMENT = canonical("sentiment", "Positif", "Neutre", "Négatif");

  public static final ValueList RESPONSE_STATUS = canonical("response_status",
      "Réponse apportée", "Réponse dépubliée", "Réponse en attente de validation", "En attente de réponse",
      "Réponse modifiée avec notification", "Réponse adoptée");

  /** The response statuses that make a structure slot answered (docs/contract.md section 3). */
  public static final List<String> ANSWERED_RESPONSE_STATUSES =
      List.of("Réponse apportée", "Réponse modifiée avec notification", "Réponse adoptée");

  public static final ValueList AUTHOR_RATING = list("author_rating",
      "utile", "utile",
      "pas utile", "pas utile",
      "inutile", "pas utile");

  public static final String RATING_USEFUL = "utile";

  public static final ValueList TAG_VALENCE = canonical("tag_valence", "Positif", "Négatif");

  public static final ValueList CHANNEL = canonical("channel",
      "Téléphone", "Compte ou espace personnel", "Démarche en ligne", "Accueil", "E-mail", "Patrouille",
      "Courrier", "Réseaux Sociaux", "Visio/Video", "Tchat (messagerie instantanée)");

  public static final ValueList BOOLEAN = list("boolean",
      "oui", "true", "true", "true", "1", "true", "x", "true",
      "non", "false", "false", "false", "0", "false");

  public static final String STATE_DONE = "Traitées";
  public static final String SENTIMENT_NEGATIVE = "Négatif";
  public static final String SENTIMENT_POSITIVE = "Positif";
  public static final String SENTIMENT_NEUTRAL = "Neutre";
  /** The region name gold uses when an experience has none. */
  public static final String REGION_MISSING = "Non renseignée";

  private ClosedLists() {}

  /** Trim (Unicode whitespace), lower case, fold the accents of {@link #ACCENTED}. */
  public static String key(String value) {
    String lower = value.strip().toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (char c : lower.toCharArray()) {
      int i = ACCENTED.indexOf(c);
      out.append(i >= 0 ? PLAIN.charAt(i) : c);
    }
    return out.toString();
  }

  private static ValueList canonical(String name, String... values) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String v : values) {
      byKey.put(key(v), v);
    }
    return new ValueList(name, java.util.Collections.unmodifiableMap(byKey));
  }

  private static ValueList list(String name, String... spellingThenCanonical) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (int i = 0; i < spellingThenCanonical.length; i += 2) {
      byKey.put(key(spellingThenCanonical[i]), spellingThenCanonical[i + 1]);
    }
    return new ValueList(name, java.util.Collections.unmodifiableMap(byKey));
  }
}
