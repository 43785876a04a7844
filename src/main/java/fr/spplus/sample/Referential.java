package fr.spplus.sample;

import fr.spplus.source.ClosedLists;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generator's reference data: regions and departments (real INSEE codes), families of public
 * services, typologies and structures with stable identifiers.
 *
 * <p>Some structures and typologies carry an alias, a second spelling used on a minority of slots,
 * so that the "most frequent name" rule of the gold tables has something to decide. Everything here
 * is in fixed order (lists, linked maps): iteration order is part of the generator's determinism.
 */
final class Referential {

  record Region(String code, String name, double weight, List<Department> departments) {}

  record Department(String code, String name, double weight, List<String> postalCodes) {}

  /** A family of public services: which typologies and structures go together, and how users reach them. */
  enum Family {
    CAF, CPAM, FRANCE_TRAVAIL, PREFECTURE, ANTS, SIP, MAIRIE, CONSULAT, RETRAITE, URSSAF, MSA
  }

  record Typology(String id, String name, String alias, Family family) {}

  /**
   * A structure. {@code departmentCode} is null for national or regional bodies, {@code regionCode}
   * null for national ones and those abroad; {@code country} is set only abroad.
   */
  record Structure(String id, String name, String alias, Family family, String departmentCode, String regionCode,
                   String country, double weight) {}

  record Weighted<T>(T value, double weight) {}

  static final String FRANCE = "France";

  static final List<Region> REGIONS = List.of(
      region("11", "Île-de-France", 12.3,
          dept("75", "Paris", 2.1, "75015", "75019", "75011", "75020"),
          dept("92", "Hauts-de-Seine", 1.6, "92000", "92100"),
          dept("93", "Seine-Saint-Denis", 1.7, "93200", "93000"),
          dept("94", "Val-de-Marne", 1.4, "94000", "94200"),
          dept("77", "Seine-et-Marne", 1.4, "77000", "77100"),
          dept("78", "Yvelines", 1.4, "78000", "78200"),
          dept("91", "Essonne", 1.3, "91000", "91300"),
          dept("95", "Val-d'Oise", 1.2, "95000", "95100")),
      region("24", "Centre-Val de Loire", 2.6,
          dept("45", "Loiret", 1.0, "45000", "45100"),
          dept("37", "Indre-et-Loire", 1.0, "37000", "37100")),
      region("27", "Bourgogne-Franche-Comté", 2.8,
          dept("21", "Côte-d'Or", 1.0, "21000", "21200"),
          dept("25", "Doubs", 1.0, "25000", "25200")),
      region("28", "Normandie", 3.3,
          dept("76", "Seine-Maritime", 1.3, "76000", "76600"),
          dept("14", "Calvados", 1.0, "14000", "14100")),
      region("32", "Hauts-de-France", 6.0,
          dept("59", "Nord", 2.6, "59000", "59100", "59300"),
          dept("62", "Pas-de-Calais", 1.5, "62000", "62300"),
          dept("80", "Somme", 0.6, "80000", "80100")),
      region("44", "Grand Est", 5.6,
          dept("67", "Bas-Rhin", 1.1, "67000", "67100"),
          dept("57", "Moselle", 1.0, "57000", "57100"),
          dept("51", "Marne", 0.6, "51100", "51000")),
      region("52", "Pays de la Loire", 3.9,
          dept("44", "Loire-Atlantique", 1.4, "44000", "44600"),
          dept("49", "Maine-et-Loire", 0.8, "49000", "49100")),
      region("53", "Bretagne", 3.4,
          dept("35", "Ille-et-Vilaine", 1.1, "35000", "35200"),
          dept("29", "Finistère", 0.9, "29200", "29000")),
      region("75", "Nouvelle-Aquitaine", 6.1,
          dept("33", "Gironde", 1.6, "33000", "33100", "33700"),
          dept("87", "Haute-Vienne", 0.4, "87000", "87100"),
          dept("64", "Pyrénées-Atlantiques", 0.7, "64000", "64100")),
      region("76", "Occitanie", 6.0,
          dept("31", "Haute-Garonne", 1.4, "31000", "31200"),
          dept("34", "Hérault", 1.2, "34000", "34500")),
      region("84", "Auvergne-Rhône-Alpes", 8.1,
          dept("69", "Rhône", 1.9, "69003", "69100", "69007"),
          dept("38", "Isère", 1.3, "38000", "38100"),
          dept("63", "Puy-de-Dôme", 0.7, "63000", "63100")),
      region("93", "Provence-Alpes-Côte d'Azur", 5.1,
          dept("13", "Bouches-du-Rhône", 2.0, "13008", "13100", "13003"),
          dept("06", "Alpes-Maritimes", 1.1, "06000", "06400"),
          dept("83", "Var", 1.1, "83000", "83400")),
      region("94", "Corse", 0.35,
          dept("2A", "Corse-du-Sud", 0.5, "20000", "20090"),
          dept("2B", "Haute-Corse", 0.5, "20200", "20600")),
      region("01", "Guadeloupe", 0.38, dept("971", "Guadeloupe", 1.0, "97110", "97139")),
      region("02", "Martinique", 0.36, dept("972", "Martinique", 1.0, "97200", "97232")),
      region("03", "Guyane", 0.29, dept("973", "Guyane", 1.0, "97300", "97310")),
      region("04", "La Réunion", 0.87, dept("974", "La Réunion", 1.0, "97400", "97410")),
      region("06", "Mayotte", 0.30, dept("976", "Mayotte", 1.0, "97600", "97615")));

  static final List<Typology> TYPOLOGIES = List.of(
      new Typology("101", "Demande de prestation", null, Family.CAF),
      new Typology("102", "Aide au logement", null, Family.CAF),
      new Typology("103", "Prime d'activité", null, Family.CAF),
      new Typology("201", "Remboursement de soins", null, Family.CPAM),
      new Typology("202", "Carte Vitale", null, Family.CPAM),
      new Typology("203", "Indemnités journalières", "Arrêt de travail et indemnités journalières", Family.CPAM),
      new Typology("301", "Inscription et actualisation", null, Family.FRANCE_TRAVAIL),
      new Typology("302", "Allocation chômage", null, Family.FRANCE_TRAVAIL),
      new Typology("401", "Titre de séjour", null, Family.PREFECTURE),
      new Typology("404", "Naturalisation", null, Family.PREFECTURE),
      new Typology("402", "Permis de conduire", null, Family.ANTS),
      new Typology("403", "Certificat d'immatriculation", "Carte grise", Family.ANTS),
      new Typology("501", "Déclaration de revenus", null, Family.SIP),
      new Typology("502", "Paiement des impôts", null, Family.SIP),
      new Typology("503", "Taxe foncière", null, Family.SIP),
      new Typology("601", "Carte d'identité et passeport", "Passeport / carte d'identité", Family.MAIRIE),
      new Typology("602", "Actes d'état civil", null, Family.MAIRIE),
      new Typology("701", "Transcription d'actes d'état civil", null, Family.CONSULAT),
      new Typology("702", "Passeport à l'étranger", null, Family.CONSULAT),
      new Typology("801", "Demande de retraite", null, Family.RETRAITE),
      new Typology("802", "Paiement de la pension", null, Family.RETRAITE),
      new Typology("851", "Cotisations des indépendants", null, Family.URSSAF),
      new Typology("861", "Prestations agricoles", null, Family.MSA));

  /** Typologies any family can carry as a second or third slot. */
  static final List<Typology> GENERIC_TYPOLOGIES = List.of(
      new Typology("901", "Rendez-vous", "Prise de rendez-vous", null),
      new Typology("902", "Accueil et orientation", null, null),
      new Typology("903", "Réclamation", null, null));

  static final List<Structure> STRUCTURES;
  private static final List<Structure> BUILDING = new ArrayList<>();

  static {
    caf("100101", "CAF de la Gironde", "Caisse d'allocations familiales de la Gironde", "33", 3);
    caf("100102", "CAF du Nord", null, "59", 3);
    caf("100103", "CAF de Paris", null, "75", 3);
    caf("100104", "CAF des Bouches-du-Rhône", null, "13", 2.5);
    caf("100105", "CAF du Rhône", null, "69", 2.5);
    caf("100106", "CAF de la Haute-Garonne", null, "31", 1.5);
    caf("100107", "CAF de Loire-Atlantique", null, "44", 1.5);
    caf("100108", "CAF d'Ille-et-Vilaine", null, "35", 1);
    caf("100109", "CAF du Bas-Rhin", null, "67", 1);
    caf("100110", "CAF de la Seine-Saint-Denis", null, "93", 2);
    caf("100111", "CAF de La Réunion", null, "974", 1);
    caf("100112", "CAF de la Moselle", null, "57", 1);
    cpam("200201", "CPAM du Rhône", "CPAM du Rhone", "69", 3);
    cpam("200202", "CPAM de Paris", null, "75", 3);
    cpam("200203", "CPAM des Bouches-du-Rhône", null, "13", 2);
    cpam("200204", "CPAM de la Gironde", null, "33", 2);
    cpam("200205", "CPAM de Lille-Douai", "CPAM du Nord - Lille-Douai", "59", 2);
    cpam("200206", "CPAM de la Seine-Saint-Denis", null, "93", 2);
    cpam("200207", "CPAM de la Haute-Garonne", null, "31", 1.5);
    cpam("200208", "CPAM de l'Hérault", null, "34", 1.5);
    cpam("200209", "CGSS de la Martinique", null, "972", 0.6);
    cpam("200210", "CPAM de la Seine-Maritime", null, "76", 1.2);
    cpam("200211", "CPAM des Hauts-de-Seine", null, "92", 1.5);
    cpam("200212", "CGSS de la Guadeloupe", null, "971", 0.6);
    ft("300301", "France Travail agence Lille Centre", "France Travail Lille Centre", "59", 3);
    ft("300302", "France Travail agence Marseille Joliette", null, "13", 2.5);
    ft("300303", "France Travail agence Paris 19e", null, "75", 2.5);
    ft("300304", "France Travail agence Bordeaux Bastide", null, "33", 2);
    ft("300305", "France Travail agence Lyon Part-Dieu", null, "69", 2);
    ft("300306", "France Travail agence Nantes Centre", null, "44", 1.5);
    ft("300307", "France Travail agence Strasbourg Hautepierre", null, "67", 1);
    ft("300308", "France Travail agence Montpellier Celleneuve", null, "34", 1);
    ft("300309", "France Travail agence Rennes Est", null, "35", 1);
    ft("300310", "France Travail agence Saint-Denis (La Réunion)", null, "974", 1);
    ft("300311", "France Travail agence Toulouse Compans", null, "31", 1.5);
    ft("300312", "France Travail agence Rouen Rive Gauche", null, "76", 1);
    ft("300313", "France Travail agence Amiens Nord", null, "80", 0.8);
    ft("300314", "France Travail agence Cayenne", null, "973", 0.6);
    pref("400401", "Préfecture de police", "Préfecture de police de Paris", "75", 4);
    pref("400402", "Préfecture de la Gironde", null, "33", 1.5);
    pref("400403", "Préfecture du Rhône", null, "69", 2);
    pref("400404", "Préfecture des Bouches-du-Rhône", null, "13", 2);
    pref("400405", "Préfecture du Nord", null, "59", 1.5);
    pref("400406", "Préfecture de la Seine-Saint-Denis", null, "93", 2.5);
    pref("400407", "Préfecture de la Haute-Garonne", null, "31", 1.2);
    pref("400408", "Préfecture de la Guadeloupe", null, "971", 0.5);
    pref("400409", "Préfecture de la Guyane", null, "973", 0.6);
    pref("400410", "Préfecture de Mayotte", null, "976", 0.8);
    pref("400411", "Préfecture de Corse-du-Sud", null, "2A", 0.4);
    pref("400412", "Préfecture du Loiret", null, "45", 0.8);
    pref("400413", "Préfecture de la Côte-d'Or", null, "21", 0.7);
    pref("400414", "Préfecture de la Marne", null, "51", 0.6);
    pref("400415", "Préfecture du Val-de-Marne", null, "94", 1.5);
    national(Family.ANTS, "900001", "Agence nationale des titres sécurisés (ANTS)", "ANTS", 1);
    sip("500501", "SIP Paris 15e", "Service des impôts des particuliers de Paris 15e", "75", 2);
    sip("500502", "SIP Bordeaux Nord", null, "33", 1.2);
    sip("500503", "SIP Lyon 3e", null, "69", 1.2);
    sip("500504", "SIP Marseille 8e", null, "13", 1.2);
    sip("500505", "SIP Lille Centre", null, "59", 1.2);
    sip("500506", "SIP Nantes Centre", null, "44", 1);
    sip("500507", "SIP Toulouse Nord", null, "31", 1);
    sip("500508", "SIP Tours", null, "37", 0.6);
    sip("500509", "SIP Dijon", null, "21", 0.6);
    sip("500510", "SIP Rouen", null, "76", 0.7);
    sip("500511", "SIP Caen", null, "14", 0.6);
    sip("500512", "SIP Brest", null, "29", 0.5);
    sip("500513", "SIP Ajaccio", null, "2A", 0.3);
    sip("500514", "SIP Limoges", null, "87", 0.4);
    sip("500515", "SIP Grenoble", null, "38", 0.8);
    sip("500516", "SIP Nice", null, "06", 0.8);
    sip("500517", "SIP Pau", null, "64", 0.4);
    sip("500518", "SIP Versailles", null, "78", 0.8);
    mairie("600601", "Mairie de Nantes", "44", 1);
    mairie("600602", "Mairie de Toulouse", "31", 1);
    mairie("600603", "Mairie du 15e arrondissement de Paris", "75", 1.5);
    mairie("600604", "Mairie de Clermont-Ferrand", "63", 0.6);
    mairie("600605", "Mairie de Besançon", "25", 0.5);
    mairie("600606", "Mairie de Metz", "57", 0.5);
    mairie("600607", "Mairie d'Angers", "49", 0.5);
    abroad("700701", "Consulat général de France à Londres", null, "Royaume-Uni", 3);
    abroad("700702", "Consulat général de France à Montréal", null, "Canada", 2);
    abroad("700703", "Consulat général de France à Casablanca", null, "Maroc", 2);
    abroad("700704", "Ambassade de France en Espagne - Section consulaire", null, "Espagne", 1);
    abroad("700705", "Consulat général de France à Genève", null, "Suisse", 1);
    regional(Family.RETRAITE, "800801", "Carsat Hauts-de-France", null, "32", 1);
    regional(Family.RETRAITE, "800802", "Assurance retraite Île-de-France", "Cnav Île-de-France", "11", 2);
    regional(Family.RETRAITE, "800803", "Carsat Rhône-Alpes", null, "84", 1.2);
    regional(Family.RETRAITE, "800804", "Carsat Aquitaine", null, "75", 1);
    regional(Family.RETRAITE, "800805", "Carsat Bretagne", null, "53", 0.7);
    regional(Family.RETRAITE, "800806", "Carsat Sud-Est", null, "93", 1);
    regional(Family.URSSAF, "850851", "Urssaf Île-de-France", null, "11", 2);
    regional(Family.URSSAF, "850852", "Urssaf Provence-Alpes-Côte d'Azur", null, "93", 1);
    regional(Family.URSSAF, "850853", "Urssaf Occitanie", null, "76", 1);
    regional(Family.URSSAF, "850854", "Urssaf Grand Est", null, "44", 0.8);
    regional(Family.URSSAF, "850855", "Urssaf Pays de la Loire", null, "52", 0.7);
    regional(Family.MSA, "860861", "MSA Bourgogne", null, "27", 1);
    regional(Family.MSA, "860862", "MSA d'Armorique", null, "53", 1);
    regional(Family.MSA, "860863", "MSA Midi-Pyrénées Sud", null, "76", 1);
    STRUCTURES = Collections.unmodifiableList(BUILDING);
  }

  /** How often each family is the subject of an experience. */
  static final List<Weighted<Family>> FAMILY_WEIGHTS = List.of(
      new Weighted<>(Family.CAF, 22), new Weighted<>(Family.CPAM, 18), new Weighted<>(Family.FRANCE_TRAVAIL, 18),
      new Weighted<>(Family.PREFECTURE, 12), new Weighted<>(Family.SIP, 10), new Weighted<>(Family.ANTS, 3),
      new Weighted<>(Family.MAIRIE, 4), new Weighted<>(Family.RETRAITE, 5), new Weighted<>(Family.URSSAF, 3),
      new Weighted<>(Family.MSA, 1), new Weighted<>(Family.CONSULAT, 2));

  static final Map<Family, List<Weighted<String>>> CHANNELS = new LinkedHashMap<>();

  static {
    channels(Family.CAF, "Téléphone", 30, "Compte ou espace personnel", 30, "Accueil", 20, "Courrier", 8,
        "E-mail", 7, "Tchat (messagerie instantanée)", 5);
    channels(Family.CPAM, "Compte ou espace personnel", 30, "Téléphone", 30, "Accueil", 20, "Courrier", 15,
        "E-mail", 5);
    channels(Family.FRANCE_TRAVAIL, "Compte ou espace personnel", 25, "Téléphone", 25, "Accueil", 25, "E-mail", 10,
        "Visio/Video", 10, "Courrier", 5);
    channels(Family.PREFECTURE, "Démarche en ligne", 40, "Accueil", 35, "E-mail", 10, "Téléphone", 10,
        "Courrier", 5, "Patrouille", 2, "Réseaux Sociaux", 2);
    channels(Family.ANTS, "Démarche en ligne", 60, "Téléphone", 20, "E-mail", 10,
        "Tchat (messagerie instantanée)", 10, "Réseaux Sociaux", 3);
    channels(Family.SIP, "Compte ou espace personnel", 35, "Accueil", 25, "Téléphone", 25, "E-mail", 10,
        "Courrier", 5);
    channels(Family.MAIRIE, "Accueil", 50, "Démarche en ligne", 25, "Téléphone", 25, "Réseaux Sociaux", 3);
    channels(Family.CONSULAT, "Démarche en ligne", 30, "E-mail", 30, "Accueil", 25, "Téléphone", 15,
        "Visio/Video", 5);
    channels(Family.RETRAITE, "Compte ou espace personnel", 30, "Téléphone", 30, "Courrier", 25, "Accueil", 15,
        "Visio/Video", 4);
    channels(Family.URSSAF, "Compte ou espace personnel", 40, "Téléphone", 30, "E-mail", 15,
        "Tchat (messagerie instantanée)", 15);
    channels(Family.MSA, "Téléphone", 35, "Accueil", 30, "Courrier", 20, "Compte ou espace personnel", 15);
  }

  /** Business tags ("tags métier") per family; none contains a list separator. */
  static final Map<Family, List<String>> BUSINESS_TAGS = new LinkedHashMap<>();

  static {
    BUSINESS_TAGS.put(Family.CAF, List.of("Délai de traitement", "Trop-perçu", "Paiement suspendu",
        "Pièces justificatives", "Calcul des droits", "Attente téléphonique"));
    BUSINESS_TAGS.put(Family.CPAM, List.of("Remboursement", "Délai de traitement", "Carte Vitale",
        "Pièces justificatives", "Attente téléphonique", "Médecin traitant"));
    BUSINESS_TAGS.put(Family.FRANCE_TRAVAIL, List.of("Accompagnement", "Indemnisation", "Radiation",
        "Rendez-vous indisponible", "Conseiller référent", "Formation"));
    BUSINESS_TAGS.put(Family.PREFECTURE, List.of("Rendez-vous indisponible", "Délai de traitement",
        "Récépissé", "Dossier perdu", "Information contradictoire", "File d'attente"));
    BUSINESS_TAGS.put(Family.ANTS, List.of("Site internet", "Délai de traitement", "Dossier perdu",
        "Pièces justificatives"));
    BUSINESS_TAGS.put(Family.SIP, List.of("Prélèvement à la source", "Erreur de calcul", "Remboursement",
        "Qualité de l'accueil", "Messagerie sécurisée"));
    BUSINESS_TAGS.put(Family.MAIRIE, List.of("Rendez-vous indisponible", "Qualité de l'accueil",
        "Délai de traitement", "Horaires d'ouverture"));
    BUSINESS_TAGS.put(Family.CONSULAT, List.of("Rendez-vous indisponible", "Délai de traitement",
        "Information contradictoire", "Pièces justificatives"));
    BUSINESS_TAGS.put(Family.RETRAITE, List.of("Délai de traitement", "Calcul des droits", "Paiement suspendu",
        "Relevé de carrière"));
    BUSINESS_TAGS.put(Family.URSSAF, List.of("Erreur de calcul", "Régularisation", "Attente téléphonique",
        "Messagerie sécurisée"));
    BUSINESS_TAGS.put(Family.MSA, List.of("Délai de traitement", "Paiement suspendu", "Qualité de l'accueil"));
  }

  /** Families an experience often involves together (a second structure slot), besides its own. */
  private static final Map<Family, List<Family>> PARTNERS = Map.ofEntries(
      Map.entry(Family.CAF, List.of(Family.CAF, Family.CPAM, Family.FRANCE_TRAVAIL, Family.SIP)),
      Map.entry(Family.CPAM, List.of(Family.CPAM, Family.CAF, Family.RETRAITE)),
      Map.entry(Family.FRANCE_TRAVAIL, List.of(Family.FRANCE_TRAVAIL, Family.CAF, Family.URSSAF)),
      Map.entry(Family.PREFECTURE, List.of(Family.PREFECTURE, Family.ANTS, Family.MAIRIE, Family.CAF)),
      Map.entry(Family.ANTS, List.of(Family.PREFECTURE, Family.MAIRIE)),
      Map.entry(Family.SIP, List.of(Family.SIP, Family.URSSAF, Family.CAF)),
      Map.entry(Family.MAIRIE, List.of(Family.ANTS, Family.PREFECTURE)),
      Map.entry(Family.CONSULAT, List.of(Family.CONSULAT, Family.ANTS)),
      Map.entry(Family.RETRAITE, List.of(Family.CPAM, Family.SIP, Family.MSA)),
      Map.entry(Family.URSSAF, List.of(Family.SIP, Family.FRANCE_TRAVAIL)),
      Map.entry(Family.MSA, List.of(Family.MSA, Family.RETRAITE, Family.CAF)));

  /** Countries of users writing to a consulate, with a postal code style (none: abroad codes are not French). */
  static final List<String> ABROAD_COUNTRIES = List.of("Royaume-Uni", "Canada", "Maroc", "Espagne", "Suisse");

  private Referential() {}

  static List<Typology> typologies(Family family) {
    List<Typology> out = new ArrayList<>();
    for (Typology t : TYPOLOGIES) {
      if (t.family() == family) {
        out.add(t);
      }
    }
    return out;
  }

  static List<Structure> structures(Family family) {
    List<Structure> out = new ArrayList<>();
    for (Structure s : STRUCTURES) {
      if (s.family() == family) {
        out.add(s);
      }
    }
    return out;
  }

  static Family partner(Family family, Random random) {
    return pick(PARTNERS.get(family), random);
  }

  static Region regionOf(Department d) {
    for (Region r : REGIONS) {
      if (r.departments().contains(d)) {
        return r;
      }
    }
    throw new IllegalStateException("department without region: " + d.code());
  }

  static Department department(String code) {
    for (Region r : REGIONS) {
      for (Department d : r.departments()) {
        if (d.code().equals(code)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException("unknown department " + code);
  }

  /**
   * A structure of the family near the user: in the department when one exists there, else in the
   * region, else anywhere (weighted). National bodies always qualify.
   */
  static Structure structureFor(Family family, Department userDept, Region userRegion, String userCountry,
                                Random random) {
    List<Structure> candidates = structures(family);
    List<Structure> local = new ArrayList<>();
    if (userCountry != null && !FRANCE.equals(userCountry)) {
      for (Structure s : candidates) {
        if (userCountry.equals(s.country())) {
          local.add(s);
        }
      }
    }
    if (local.isEmpty() && userDept != null) {
      for (Structure s : candidates) {
        if (userDept.code().equals(s.departmentCode())) {
          local.add(s);
        }
      }
    }
    if (local.isEmpty() && userRegion != null) {
      for (Structure s : candidates) {
        if (userRegion.code().equals(s.regionCode()) && s.departmentCode() == null) {
          local.add(s);
        }
      }
    }
    // One user in five deals with a structure away from home (moved, second home, national service).
    if (local.isEmpty() || random.nextDouble() < 0.2) {
      local = candidates;
    }
    List<Weighted<Structure>> weighted = new ArrayList<>();
    for (Structure s : local) {
      weighted.add(new Weighted<>(s, s.weight()));
    }
    return pickWeighted(weighted, random);
  }

  static <T> T pickWeighted(List<Weighted<T>> items, Random random) {
    double total = 0;
    for (Weighted<T> w : items) {
      total += w.weight();
    }
    double x = random.nextDouble() * total;
    for (Weighted<T> w : items) {
      x -= w.weight();
      if (x < 0) {
        return w.value();
      }
    }
    return items.get(items.size() - 1).value();
  }

  static <T> T pick(List<T> items, Random random) {
    return items.get(random.nextInt(items.size()));
  }

  static Region pickRegion(Random random) {
    List<Weighted<Region>> weighted = new ArrayList<>();
    for (Region r : REGIONS) {
      weighted.add(new Weighted<>(r, r.weight()));
    }
    return pickWeighted(weighted, random);
  }

  static Department pickDepartment(Region region, Random random) {
    List<Weighted<Department>> weighted = new ArrayList<>();
    for (Department d : region.departments()) {
      weighted.add(new Weighted<>(d, d.weight()));
    }
    return pickWeighted(weighted, random);
  }

  private static Region region(String code, String name, double weight, Department... departments) {
    return new Region(code, name, weight, List.of(departments));
  }

  private static Department dept(String code, String name, double weight, String... postalCodes) {
    return new Department(code, name, weight, List.of(postalCodes));
  }

  private static void local(Family family, String id, String name, String alias, String dept, double weight) {
    Department d = department(dept);
    BUILDING.add(new Structure(id, name, alias, family, dept, regionOf(d).code(), null, weight));
  }

  private static void caf(String id, String name, String alias, String dept, double weight) {
    local(Family.CAF, id, name, alias, dept, weight);
  }

  private static void cpam(String id, String name, String alias, String dept, double weight) {
    local(Family.CPAM, id, name, alias, dept, weight);
  }

  private static void ft(String id, String name, String alias, String dept, double weight) {
    local(Family.FRANCE_TRAVAIL, id, name, alias, dept, weight);
  }

  private static void pref(String id, String name, String alias, String dept, double weight) {
    local(Family.PREFECTURE, id, name, alias, dept, weight);
  }

  private static void sip(String id, String name, String alias, String dept, double weight) {
    local(Family.SIP, id, name, alias, dept, weight);
  }

  private static void mairie(String id, String name, String dept, double weight) {
    local(Family.MAIRIE, id, name, null, dept, weight);
  }

  private static void abroad(String id, String name, String alias, String country, double weight) {
    BUILDING.add(new Structure(id, name, alias, Family.CONSULAT, null, null, country, weight));
  }

  private static void regional(Family family, String id, String name, String alias, String region, double weight) {
    BUILDING.add(new Structure(id, name, alias, family, null, region, null, weight));
  }

  private static void national(Family family, String id, String name, String alias, double weight) {
    BUILDING.add(new Structure(id, name, alias, family, null, null, null, weight));
  }

  private static void channels(Family family, Object... labelThenWeight) {
    List<Weighted<String>> list = new ArrayList<>();
    for (int i = 0; i < labelThenWeight.length; i += 2) {
      list.add(new Weighted<>((String) labelThenWeight[i], ((Number) labelThenWeight[i + 1]).doubleValue()));
    }
    for (Weighted<String> w : list) {
      // The closed list is the authority on channel spellings: fail fast if this table drifts from it.
      if (!ClosedLists.CHANNEL.canonicalValues().contains(w.value())) {
        throw new IllegalStateException("not a canonical channel: " + w.value());
      }
    }
    CHANNELS.put(family, Collections.unmodifiableList(list));
  }
}
