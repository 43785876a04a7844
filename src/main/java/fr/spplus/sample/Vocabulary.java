package fr.spplus.sample;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.ClosedLists.ValueList;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The closed-list values the generator writes, taken from {@link ClosedLists} (never retyped
 * without a check), and the spelling variants real exports show for them.
 *
 * <p>Every variant written as valid is checked against {@link ClosedLists#key}: if the registry's
 * folding changes, the generator fails instead of silently writing values the job rejects.
 */
final class Vocabulary {

  static final String STATE_TODO = canonical(ClosedLists.STATE, "A traiter");
  static final String STATE_DONE = ClosedLists.STATE_DONE;
  /** How current exports spell the processed state. */
  static final String STATE_DONE_CURRENT = spelling(ClosedLists.STATE, "Traitée", STATE_DONE);

  static final String STATUS_WAITING = canonical(ClosedLists.STATUS, "Expérience en attente de réponse");
  static final String STATUS_ANSWERED = canonical(ClosedLists.STATUS, "Expérience avec réponse");
  static final String STATUS_ACTION_ENGAGED = canonical(ClosedLists.STATUS, "Expérience avec action engagée");
  static final String STATUS_ACTION_DONE = canonical(ClosedLists.STATUS, "Expérience avec action réalisée");

  static final String POSTED_SELF = canonical(ClosedLists.POSTED_AS, "La personne concernée");
  static final String POSTED_RELATIVE = canonical(ClosedLists.POSTED_AS, "Un proche de la personne concernée");
  static final String POSTED_MEDIATOR = canonical(ClosedLists.POSTED_AS, "Un agent de médiation");

  static final String NEGATIVE = ClosedLists.SENTIMENT_NEGATIVE;
  static final String POSITIVE = ClosedLists.SENTIMENT_POSITIVE;
  static final String NEUTRAL = ClosedLists.SENTIMENT_NEUTRAL;

  static final String RESPONSE_GIVEN = canonical(ClosedLists.RESPONSE_STATUS, "Réponse apportée");
  static final String RESPONSE_UNPUBLISHED = canonical(ClosedLists.RESPONSE_STATUS, "Réponse dépubliée");
  static final String RESPONSE_PENDING_VALIDATION =
      canonical(ClosedLists.RESPONSE_STATUS, "Réponse en attente de validation");
  static final String RESPONSE_WAITING = canonical(ClosedLists.RESPONSE_STATUS, "En attente de réponse");
  static final String RESPONSE_MODIFIED =
      canonical(ClosedLists.RESPONSE_STATUS, "Réponse modifiée avec notification");
  static final String RESPONSE_ADOPTED = canonical(ClosedLists.RESPONSE_STATUS, "Réponse adoptée");

  static final String RATING_USEFUL = ClosedLists.RATING_USEFUL;
  static final String RATING_NOT_USEFUL = canonical(ClosedLists.AUTHOR_RATING, "pas utile");
  static final List<String> RATING_NOT_USEFUL_SPELLINGS = List.of(RATING_NOT_USEFUL,
      spelling(ClosedLists.AUTHOR_RATING, "Pas utile", RATING_NOT_USEFUL),
      spelling(ClosedLists.AUTHOR_RATING, "inutile", RATING_NOT_USEFUL));
  static final List<String> RATING_USEFUL_SPELLINGS = List.of(RATING_USEFUL,
      spelling(ClosedLists.AUTHOR_RATING, "Utile", RATING_USEFUL));

  static final String TAG_POSITIVE = canonical(ClosedLists.TAG_VALENCE, "Positif");
  static final String TAG_NEGATIVE = canonical(ClosedLists.TAG_VALENCE, "Négatif");

  static final String YES = spelling(ClosedLists.BOOLEAN, "Oui", "true");
  static final String NO = spelling(ClosedLists.BOOLEAN, "Non", "false");
  static final List<String> YES_SPELLINGS =
      List.of(YES, spelling(ClosedLists.BOOLEAN, "x", "true"), spelling(ClosedLists.BOOLEAN, "1", "true"));
  /** The empty cell also means false (docs/contract.md section 1). */
  static final List<String> NO_SPELLINGS =
      List.of(NO, "", spelling(ClosedLists.BOOLEAN, "0", "false"), spelling(ClosedLists.BOOLEAN, "false", "false"));

  private Vocabulary() {}

  /** The value, checked to be canonical in the list. */
  static String canonical(ValueList list, String value) {
    return spelling(list, value, value);
  }

  /** A spelling, checked to normalise to the expected canonical value. */
  static String spelling(ValueList list, String spelling, String expectedCanonical) {
    String found = list.byKey().get(ClosedLists.key(spelling));
    if (!expectedCanonical.equals(found)) {
      throw new IllegalStateException("'" + spelling + "' does not normalise to '" + expectedCanonical
          + "' in closed list " + list.name() + " (got " + found + "): update the sample generator");
    }
    return spelling;
  }

  /**
   * A spelling of a closed-list value as exports write it now and then: canonical most of the time,
   * else lower case, upper case or without accents. Always normalises back to {@code canonical}.
   */
  static String variant(ValueList list, String canonical, double variantShare, Random r) {
    if (r.nextDouble() >= variantShare) {
      return canonical;
    }
    String v = switch (r.nextInt(3)) {
      case 0 -> canonical.toLowerCase(Locale.ROOT);
      case 1 -> canonical.toUpperCase(Locale.ROOT);
      default -> stripAccents(canonical);
    };
    return spelling(list, v, list.byKey().get(ClosedLists.key(canonical)));
  }

  static String stripAccents(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }
}
