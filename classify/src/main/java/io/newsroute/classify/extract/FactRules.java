package io.newsroute.classify.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;

/**
 * The per-label fact rules. Each reads an {@link Article} (gazetteer hits, NER spans, the language's
 * term lists and quantities) and fills one facts record with an evidence span per value. Choices
 * are deliberately simple and explainable: the entity named in the title and most often in the body
 * wins; a cause is the most frequently asserted one (negated or hedged mentions do not count).
 */
final class FactRules {
    /** Causes in tie-break order (the more specific first). */
    static final List<String> CAUSES = List.of("cyberattack", "dns", "configuration", "power", "facility", "network", "software-update");
    /** Attack types in precedence order: ransomware that also leaks data is ransomware. */
    static final List<String> ATTACKS = List.of("ransomware", "ddos", "credential-stuffing", "insider", "leak", "hack");

    private static final Set<String> ORG_TYPES = Set.of("company", "platform", "provider");
    private static final Pattern AWS_REGION = Pattern.compile(
            "(?<![\\p{L}\\p{N}-])(?:us|eu|ap|sa|ca|me|af|il|mx)(?:-gov)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\\d(?![\\p{L}\\p{N}])");
    private static final Pattern GCP_REGION = Pattern.compile(
            "(?<![\\p{L}\\p{N}-])(?:us|europe|asia|australia|southamerica|northamerica|me|africa)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)\\d{1,2}(?![\\p{L}\\p{N}])");
    private static final Pattern AZURE_REGION = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(westeurope|northeurope|eastus2?|westus[23]?|centralus|southcentralus|northcentralus|uksouth|ukwest|"
                    + "francecentral|germanywestcentral|swedencentral|switzerlandnorth|norwayeast|polandcentral|italynorth|spaincentral|"
                    + "australiaeast|australiasoutheast|southeastasia|eastasia|japaneast|japanwest|brazilsouth|canadacentral|"
                    + "centralindia|southindia|koreacentral|uaenorth|southafricanorth)(?![\\p{L}\\p{N}])");
    private static final Pattern NAMED_REGION = Pattern.compile(
            "(?<![\\p{L}-])(West[- ]?Europ(?:e|a)|Westeuropa|Europe de l'Ouest|Europa Occidental|Noord[- ]Europa|North Europe|Nordeuropa|US[- ]East|East US)(?![\\p{L}\\p{N}-])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CITY_REGION = Pattern.compile(
            "(?:(?<![\\p{L}])(?:[Rr]egion|[Rr]egio|[Rr]egión|[Rr]égion|[Rr]egione|Rechenzentrum|datacenter|data cent(?:re|er)|centro de datos|centre de données)"
                    + "(?:[ -](?:in|von|van|de|di|en|at|bei|à|a|of|du|d'))?[ -](\\p{Lu}[\\p{L}]+(?:[ -]\\p{Lu}[\\p{L}]+)?))"
                    + "|(?:(\\p{Lu}[\\p{L}]+)[ -](?:[Rr]egion|regio|data cent(?:re|er)|datacenter|Rechenzentrum))");
    private static final Set<String> CITY_STOP = Set.of("Die", "Der", "Das", "The", "La", "Le", "El", "De", "Het", "Een", "Ein", "Eine",
            "Google", "Amazon", "Microsoft", "Azure", "AWS", "Oracle", "IBM", "Alibaba", "Cloud", "Europe", "Europa", "Amerikaanse",
            "Region", "Regio");
    private static final Pattern STATED_TICKER = Pattern.compile(
            "\\((?:NASDAQ|Nasdaq|NYSE|Xetra|XETRA|AEX|LSE|ASX|NSE|BSE|TSX|BMV|SIX|ETR|FRA|EPA|AMS|BIT|WSE|GPW|B3|BVMF)\\s?:\\s?([A-Z0-9.]{1,12})\\)"
                    + "|(?<![\\p{L}])(?:[Tt]icker(?:symbol)?|[Kk]ürzel|s[íi]mbolo|symbole)\\s*:?\\s*([A-Z][A-Z0-9.]{0,9})(?![\\p{L}])");
    /**
     * A capitalised word of a name: a full stop belongs to it only inside ("Morele.net", "Battle.net"), never at its end
     * ("Lipnica. Serwis" is two sentences); an apostrophe only before a letter and not as a genitive ("L'Oréal", not
     * "Blizzard's").
     */
    private static final String NAME_WORD = "\\p{Lu}(?:[\\p{L}\\p{N}&_-]|['’](?!s(?![\\p{L}]))(?=\\p{L})|\\.(?=[\\p{L}\\p{N}]|-\\p{Lu}))*";
    /**
     * A name written in lower case that only a name looks like: with a digit, an underscore or a web domain in it
     * ("o2switch", "cyber_Folks", "nazwa.pl").
     */
    private static final String SYMBOLIC_WORD = "\\p{Ll}[\\p{Ll}\\p{N}]*(?:\\p{N}[\\p{L}\\p{N}]*|_[\\p{L}\\p{N}]+"
            + "|\\.(?:pl|de|fr|es|it|pt|nl|eu|com|net|io|org|be|ch|at|uk)(?![\\p{L}\\p{N}]))";
    /** Capitalised words forming a name; a number may stand inside it ("Asl 1 Abruzzo"). */
    private static final Pattern PROPER_PHRASE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.])(?:" + NAME_WORD + "|" + SYMBOLIC_WORD + ")(?:\\s(?:(?:van|de|der|den|of|du|des|del|la|y|&|and|und|di|da|do|dos|das|della|delle|dei|degli)\\s)?"
                    + "(?:\\d{1,3}\\s)?" + NAME_WORD + "){0,4}");

    private FactRules() {
    }

    // ---------------------------------------------------------------- outage

    static OutageFacts outage(Article a, Gazetteer gazetteer) {
        List<Evidence> evidence = new ArrayList<>();
        Map<String, Double> votes = new LinkedHashMap<>();
        Map<String, Article.Mention> first = new LinkedHashMap<>();
        for (Article.Mention m : a.mentions) {
            if (introducedBy(a, m.span(), "org.parent")) {
                continue; // "Strato gehört zur Ionos", "forma parte del grupo IONOS": the group, not the provider named
            }
            double w = m.inTitle() ? 3 : 1;
            m.hit().ofType("provider").ifPresent(e -> vote(votes, first, e.id(), w, m));
            m.hit().ofType("service").flatMap(e -> e.attribute("provider"))
                    .ifPresent(p -> vote(votes, first, p, 0.5 * w, m));
            if (m.hit().ofType("provider").isEmpty()) {
                m.hit().ofType("company").flatMap(e -> e.attribute("provider"))
                        .ifPresent(p -> vote(votes, first, p, 0.3 * w, m));
            }
        }
        String provider = best(votes, first);
        if (provider != null) {
            evidence.add(first.get(provider).span().evidence("outage.provider"));
        }
        String providerParent = provider == null ? null
                : gazetteer.byId(provider).flatMap(e -> e.attribute("parent")).orElse(null);

        Set<String> services = new LinkedHashSet<>();
        Set<String> affected = new LinkedHashSet<>();
        for (Article.Mention m : a.mentions) {
            Optional<Gazetteer.Entry> service = m.hit().ofType("service");
            if (service.isPresent()) {
                String serviceProvider = service.get().attribute("provider").orElse("");
                String serviceParent = gazetteer.byId(serviceProvider).flatMap(e -> e.attribute("parent")).orElse("");
                if (provider != null && (serviceProvider.equals(provider) || serviceParent.equals(providerParent))) {
                    if (services.add(service.get().id())) {
                        evidence.add(m.span().evidence("outage.services"));
                    }
                    continue;
                }
            }
            Optional<Gazetteer.Entry> org = m.hit().ofType("platform").or(() -> m.hit().ofType("provider"))
                    .or(() -> m.hit().ofType("company").filter(c -> c.attribute("provider").isEmpty()));
            if (org.isEmpty() || service.isPresent() && provider == null) {
                continue;
            }
            Gazetteer.Entry e = org.get();
            if (e.id().equals(provider) || e.id().equals(providerParent)
                    || e.attribute("parent").map(p -> p.equals(providerParent)).orElse(false)
                    || m.hit().ofType("company").flatMap(c -> c.attribute("provider")).map(p -> p.equals(provider)).orElse(false)) {
                continue;
            }
            if (affected.add(e.name())) {
                evidence.add(m.span().evidence("outage.affectedCustomers"));
            }
        }

        Set<String> regions = new LinkedHashSet<>();
        for (Text.Span s : regionSpans(a)) {
            if (regions.add(s.text().toLowerCase(Locale.ROOT).replace(' ', '-'))) {
                evidence.add(s.evidence("outage.regions"));
            }
        }

        String cause = null;
        double bestScore = 0;
        Text.Span causeSpan = null;
        for (String c : CAUSES) {
            List<Text.Span> asserted = a.findAsserted(a.rules.term("cause." + c));
            List<Text.Span> stated = asserted.stream().filter(s -> statedAsCause(a, s)).toList();
            // an attack is named in outage news for many reasons (speculation, a breach elsewhere, a comparison):
            // it counts only where stated as the cause; other causes count anywhere, double where so stated
            List<Text.Span> spans = c.equals("cyberattack") ? stated : asserted;
            double score = Article.weight(spans) + Article.weight(stated);
            if (score > bestScore) {
                bestScore = score;
                cause = c;
                causeSpan = spans.stream().min(Article.byPosition()).orElse(null);
            }
        }
        if (causeSpan != null) {
            evidence.add(causeSpan.evidence("outage.cause"));
        }

        Long durationMinutes = null;
        Quantities q = a.quantities;
        for (Text t : a.fields()) {
            List<Quantities.Count> durations = q.durations(t);
            if (!durations.isEmpty()) {
                Quantities.Count d = durations.get(0);
                durationMinutes = Math.round(d.value());
                evidence.add(d.span().evidence("outage.durationMinutes"));
                break;
            }
        }
        java.time.Instant start = null;
        java.time.Instant end = null;
        Optional<Times.Found> stated = a.times.find(a.title, a.body, a.publishedAt);
        if (stated.isPresent()) {
            start = stated.get().start();
            end = stated.get().end();
            if (start != null || end != null) {
                stated.get().spans().forEach(s -> evidence.add(s.evidence(stated.get().start() != null ? "outage.start" : "outage.end")));
            }
            if (durationMinutes == null && stated.get().rangeMinutes() != null) {
                durationMinutes = stated.get().rangeMinutes(); // "from 07:00 to 21:00 UTC": 14 hours
                stated.get().spans().forEach(s -> evidence.add(s.evidence("outage.durationMinutes")));
            }
        }
        String providerName = provider;
        if (provider == null) {
            // a provider no list knows: a named hosting or cloud business ("Nubelia Hosting", "Armor Hébergement")
            Candidate hoster = patternOrganisations(a).stream()
                    .filter(c -> HOSTING_NAME.matcher(c.name()).find() && !notACandidate(a, c) && looksLikeName(a, c))
                    .min(Comparator.comparing(Candidate::span, Article.byPosition())).orElse(null);
            if (hoster != null && hoster.name().contains(" ")
                    && a.rules.word("provider.before").matcher(hoster.name().substring(0, hoster.name().indexOf(' '))).matches()) {
                // "beim Hoster Webfabrik": the descriptor is not part of the name
                String name = hoster.name().substring(hoster.name().indexOf(' ') + 1);
                int nameStart = hoster.span().end() - name.length();
                hoster = new Candidate("p:" + name.toLowerCase(Locale.ROOT), name, null,
                        new Text.Span(hoster.span().field(), nameStart, hoster.span().end(), name), hoster.weight());
            }
            if (hoster == null) {
                hoster = unlistedProvider(a);
            }
            if (hoster != null) {
                providerName = hoster.name();
                evidence.add(hoster.span().evidence("outage.provider"));
            }
        }
        return OutageFacts.newBuilder()
                .setProvider(providerName)
                .setRegions(List.copyOf(regions))
                .setServices(List.copyOf(services))
                .setAffectedCustomers(List.copyOf(affected))
                .setCause(cause)
                .setStart(start)
                .setEnd(end)
                .setDurationMinutes(durationMinutes)
                .setEvidence(evidence)
                .build();
    }

    /**
     * A hosting or cloud business no list knows, named where a provider stands: after a provider descriptor or an outage
     * at it ("hostingbedrijf Leaseweb", "dostawcy hostingu Hostrix", "Coupure électrique chez Scaleway", "data center di
     * Aruba"), or with a provider noun in its apposition ("Aruba, uno dei maggiori fornitori italiani di hosting",
     * "Leaseweb is een van de grotere hostingbedrijven"). Of the names so found, the one the article names most
     * (title three times, body once, each cue three more) wins. Null when none is found.
     */
    static Candidate unlistedProvider(Article a) {
        Pattern before = a.rules.derived("providerBefore", () -> "(?<![\\p{L}])(?iu:" + a.rules.alternation("provider.before") + ")\\p{Ll}{0,2}"
                + "(?:\\s+\\p{Ll}[\\p{L}'’-]*){0,2}(?:\\s+|(?<=['’]))(" + PROPER_PHRASE.pattern() + ")", LanguageRules.flags() & ~Pattern.CASE_INSENSITIVE);
        Pattern after = a.rules.derived("providerAfter", () -> "^(?:,|\\s+(?iu:is|est|è|es|é|jest|ist))(?:\\s+[\\p{L}'’-]+){0,8}?\\s+(?iu:"
                + a.rules.alternation("provider.noun") + ")", LanguageRules.flags() & ~Pattern.CASE_INSENSITIVE);
        Map<String, Candidate> found = new LinkedHashMap<>();
        Map<String, Double> cues = new LinkedHashMap<>();
        Set<String> places = new java.util.HashSet<>();
        for (Text t : a.fields()) {
            Matcher m = before.matcher(t.text());
            while (m.find()) {
                addProvider(a, t, m.start(1), m.group(1), found, cues, places);
            }
            Matcher p = PROPER_PHRASE.matcher(t.text());
            while (p.find()) {
                String rest = t.text().substring(p.end(), Math.min(t.sentenceEnd(p.end()), p.end() + 90));
                if (after.matcher(rest).find()) {
                    addProvider(a, t, p.start(), p.group(), found, cues, places);
                }
            }
        }
        Candidate best = null;
        double bestScore = 0;
        for (Map.Entry<String, Candidate> e : found.entrySet()) {
            Candidate c = e.getValue();
            if (places.contains(e.getKey()) && cues.get(e.getKey()) < 2) {
                continue;
            }
            Pattern name = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(c.name()) + "(?![\\p{L}\\p{N}])");
            double score = Article.weight(a.find(name)) + 3 * cues.get(e.getKey());
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static void addProvider(Article a, Text t, int start, String raw, Map<String, Candidate> found, Map<String, Double> cues,
            Set<String> places) {
        Matcher lead = LEADING_ARTICLE.matcher(raw);
        int offset = lead.lookingAt() ? lead.end() : 0;
        String name = raw.substring(offset).replaceAll("[.:,'’-]+$", "").strip();
        Text.Span span = new Text.Span(t.field(), start + offset, start + offset + name.length(), name);
        Candidate c = new Candidate("p:" + name.toLowerCase(Locale.ROOT), name, null, span, 1.0);
        if (name.length() < 2 || isTerm(a, name) || a.rules.word("victim.not").matcher(name).find() || attackerNamed(a, span)
                || !looksLikeName(a, c) || introducedBy(a, span, "org.parent")
                || a.rules.word("org.head").matcher(name).matches()) {
            return;
        }
        if (mostlyAPlace(a, name)) {
            places.add(c.key()); // "Aruba", "Scaleway" tagged a place: a provider only when named so twice
        }
        found.putIfAbsent(c.key(), c);
        cues.merge(c.key(), 1.0, Double::sum);
    }

    /**
     * A cause term counts only where the sentence states it as a cause ("caused by", "Ursache", "door een",
     * "à cause de", "debido a"...): a side story (hackers stealing data elsewhere in the article) or a joke is
     * not the outage's cause. Denials ("kein Hackerangriff", "no sign of a cyberattack") are already dropped by
     * {@link Article#findAsserted}.
     */
    static boolean statedAsCause(Article a, Text.Span span) {
        String sentence = a.field(span.field()).sentenceAround(span.start(), span.end());
        return a.rules.term("cause.cue").matcher(sentence).find();
    }

    static List<Text.Span> regionSpans(Article a) {
        List<Text.Span> spans = new ArrayList<>();
        for (Text t : a.fields()) {
            // Each pattern runs only when the text holds a substring every one of its matches contains: most
            // articles name no region, and the patterns are tried at every word otherwise (a cheap scan instead).
            String text = t.text();
            String lower = text.toLowerCase(Locale.ROOT);
            if (containsAny(text, DIRECTION_SUFFIXES)) {
                spans.addAll(t.find(AWS_REGION));
                spans.addAll(t.find(GCP_REGION));
            }
            if (containsAny(text, AZURE_STEMS)) {
                spans.addAll(t.find(AZURE_REGION));
            }
            if (lower.contains("europ") || lower.contains("east")) {
                for (Text.Span s : t.find(NAMED_REGION)) {
                    spans.add(new Text.Span(s.field(), s.start(), s.end(), namedRegion(s.text())));
                }
            }
            if (!containsAny(lower, CITY_CUES)) {
                continue;
            }
            Matcher m = CITY_REGION.matcher(text);
            while (m.find()) {
                int g = m.group(1) != null ? 1 : 2;
                String city = m.group(g);
                if (!CITY_STOP.contains(city.split("[ -]")[0]) && !city.endsWith("-Cloud")) {
                    spans.add(new Text.Span(t.field(), m.start(g), m.end(g), city));
                }
            }
        }
        return spans;
    }

    /** Every AWS and Google Cloud region name contains one of these (the patterns are case-sensitive). */
    private static final List<String> DIRECTION_SUFFIXES = List.of("-north", "-south", "-east", "-west", "-central");
    /** Every Azure region name of {@link #AZURE_REGION} contains one of these. */
    private static final List<String> AZURE_STEMS = List.of("europe", "eastus", "westus", "centralus", "uksouth", "ukwest",
            "francecentral", "germanywestcentral", "swedencentral", "switzerlandnorth", "norwayeast", "polandcentral",
            "italynorth", "spaincentral", "australia", "asia", "japaneast", "japanwest", "brazilsouth", "canadacentral",
            "india", "koreacentral", "uaenorth", "southafricanorth");
    /** Every match of {@link #CITY_REGION} contains one of these, lower-cased. */
    private static final List<String> CITY_CUES = List.of("regi", "régi", "rechenzentrum", "datacenter", "data cent",
            "centro de datos", "centre de donn");

    private static boolean containsAny(String text, List<String> needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static String namedRegion(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("west") || t.contains("ouest") || t.contains("occidental")) {
            return "westeurope";
        }
        if (t.contains("noord") || t.contains("north") || t.contains("nord")) {
            return "northeurope";
        }
        return "eastus";
    }

    // ---------------------------------------------------------------- breach

    static BreachFacts breach(Article a, Gazetteer gazetteer) {
        List<Evidence> evidence = new ArrayList<>();
        Candidate victim = organisation(a, gazetteer, Set.of("company", "platform", "provider"), VICTIM_BOOST, Role.VICTIM);
        if (victim != null) {
            evidence.add(victim.span().evidence("breach.victim"));
        }
        String attackType = null;
        for (String type : ATTACKS) {
            List<Text.Span> spans = a.findAsserted(a.rules.term("attack." + type));
            if (!spans.isEmpty()) {
                attackType = type;
                evidence.add(spans.stream().min(Article.byPosition()).orElseThrow().evidence("breach.attackType"));
                break;
            }
        }
        Quantities q = a.quantities;
        Long records = null;
        for (Text t : a.fields()) {
            List<Quantities.Count> counts = q.counts(t);
            if (!counts.isEmpty()) {
                Quantities.Count c = counts.get(0);
                records = Math.round(c.value());
                evidence.add(c.span().evidence("breach.recordsAffected"));
                break;
            }
        }
        Set<String> dataTypes = new LinkedHashSet<>();
        for (String key : a.rules.keys("data.")) {
            List<Text.Span> spans = a.find(a.rules.term(key));
            if (!spans.isEmpty()) {
                dataTypes.add(key.substring("data.".length()));
                evidence.add(spans.get(0).evidence("breach.dataTypes"));
            }
        }
        String attacker = null;
        for (Article.Mention m : a.mentions) {
            Optional<Gazetteer.Entry> e = m.hit().ofType("attacker");
            if (e.isPresent()) {
                attacker = e.get().name();
                evidence.add(m.span().evidence("breach.attacker"));
                break;
            }
        }
        return BreachFacts.newBuilder()
                .setVictim(victim == null ? null : victim.name())
                .setAttackType(attackType)
                .setRecordsAffected(records)
                .setDataTypes(List.copyOf(dataTypes))
                .setAttacker(attacker)
                .setEvidence(evidence)
                .build();
    }

    // ---------------------------------------------------------------- stock

    static StockFacts stock(Article a, Gazetteer gazetteer) {
        List<Evidence> evidence = new ArrayList<>();
        Candidate company = organisation(a, gazetteer, Set.of("company"), List.of("stock.context", "stock.up", "stock.down"), Role.COMPANY);
        String ticker = null;
        String exchange = null;
        if (company != null) {
            evidence.add(company.span().evidence("stock.company"));
            if (company.entry() != null) {
                ticker = company.entry().attribute("ticker").orElse(null);
                exchange = company.entry().attribute("exchange").orElse(null);
            }
        }
        for (Text t : a.fields()) {
            Matcher m = STATED_TICKER.matcher(t.text());
            if (m.find()) {
                int g = m.group(1) != null ? 1 : 2;
                ticker = m.group(g);
                evidence.add(new Text.Span(t.field(), m.start(g), m.end(g), ticker).evidence("stock.ticker"));
                break;
            }
        }
        if (company != null && (ticker == null || company.entry() == null)) {
            // "Natura (NTCO3)", "Acme Robotics (ACME)": a ticker in brackets right after the company's name
            Pattern bracketed = Pattern.compile(Pattern.quote(company.name()) + "\\s?\\(([A-Z][A-Z0-9]{1,5}(?:\\.[A-Z]{1,2})?)\\)");
            for (Text t : a.fields()) {
                Matcher m = bracketed.matcher(t.text());
                if (m.find() && !evidence.stream().anyMatch(e -> e.getConcept().equals("stock.ticker"))) {
                    ticker = m.group(1);
                    evidence.add(new Text.Span(t.field(), m.start(1), m.end(1), ticker).evidence("stock.ticker"));
                    break;
                }
            }
        }
        if (company != null && ticker == null) {
            // "as ações da empresa (LWSA3)", "shares of the company (ACME)": a ticker in brackets after a share word
            Pattern context = a.rules.term("stock.context");
            for (Text t : a.fields()) {
                Matcher m = BRACKETED_TICKER.matcher(t.text());
                while (ticker == null && m.find()) {
                    String before = t.text().substring(Math.max(t.sentenceStart(m.start()), m.start() - 40), m.start());
                    if (context.matcher(before).find() && !NOT_A_TICKER.contains(m.group(1)) && gazetteer.byId(m.group(1).toLowerCase(Locale.ROOT)).isEmpty()) {
                        ticker = m.group(1);
                        evidence.add(new Text.Span(t.field(), m.start(1), m.end(1), ticker).evidence("stock.ticker"));
                    }
                }
            }
        }
        for (Article.Mention m : a.mentions) {
            Optional<Gazetteer.Entry> e = m.hit().ofType("exchange");
            if (e.isPresent()) {
                exchange = e.get().id();
                evidence.add(m.span().evidence("stock.exchange"));
                break;
            }
        }

        Quantities q = a.quantities;
        Pattern up = a.rules.term("stock.up");
        Pattern down = a.rules.term("stock.down");
        Pattern context = a.rules.term("stock.context");
        Double change = null;
        String direction = null;
        ShareMove move = shareMove(a, company, ticker);
        if (move != null) {
            change = move.dir() * move.percent().value();
            direction = move.dir() > 0 ? "up" : "down";
            evidence.add(move.percent().span().evidence("stock.changePercent"));
        }
        if (direction == null) {
            for (Text t : a.fields()) {
                List<Text.Span> ups = t.find(up);
                List<Text.Span> downs = t.find(down);
                if (!ups.isEmpty() || !downs.isEmpty()) {
                    boolean isUp = downs.isEmpty() || !ups.isEmpty() && ups.get(0).start() < downs.get(0).start();
                    direction = isUp ? "up" : "down";
                    evidence.add((isUp ? ups : downs).get(0).evidence("stock.direction"));
                    break;
                }
            }
        }

        Pattern target = a.rules.term("target");
        Double price = null;
        String currency = null;
        Double priceTarget = null;
        for (Text t : a.fields()) {
            for (Quantities.Amount amount : q.amounts(t)) {
                String before = t.text().substring(Math.max(t.sentenceStart(amount.span().start()), amount.span().start() - 60),
                        amount.span().start());
                if (target.matcher(before).find()) {
                    if (priceTarget == null && !amount.scaled()) {
                        priceTarget = amount.value();
                        evidence.add(amount.span().evidence("stock.priceTarget"));
                        if (currency == null) {
                            currency = amount.currency();
                        }
                    }
                    continue;
                }
                String sentence = t.sentenceAround(amount.span().start(), amount.span().end());
                if (price == null && !amount.scaled() && amount.value() < 1_000_000 && context.matcher(sentence).find()
                        && !sentence.toLowerCase(Locale.ROOT).contains(amount.span().text().toLowerCase(Locale.ROOT) + "-mark")) {
                    price = amount.value();
                    currency = amount.currency();
                    evidence.add(amount.span().evidence("stock.price"));
                }
            }
        }

        String rating = null;
        Pattern ratingContext = a.rules.term("rating.context");
        outer:
        for (Text t : a.fields()) {
            for (String r : List.of("buy", "hold", "sell")) {
                for (Text.Span s : t.find(a.rules.word("rating." + r))) {
                    if (ratingContext.matcher(t.sentenceAround(s.start(), s.end())).find()) {
                        rating = r;
                        evidence.add(s.evidence("stock.analystRating"));
                        break outer;
                    }
                }
            }
        }
        return StockFacts.newBuilder()
                .setCompany(company == null ? null : company.name())
                .setTicker(ticker)
                .setExchange(exchange)
                .setPrice(price)
                .setCurrency(price != null || priceTarget != null ? currency : null)
                .setChangePercent(change)
                .setDirection(direction)
                .setAnalystRating(rating)
                .setPriceTarget(priceTarget)
                .setEvidence(evidence)
                .build();
    }

    private static final Pattern BRACKETED_TICKER = Pattern.compile("\\(([A-Z][A-Z0-9]{1,5}(?:\\.[A-Z]{1,2})?)\\)");
    /** Bracketed capitals that are no ticker: currencies, offices, exchanges and indices. */
    private static final Set<String> NOT_A_TICKER = Set.of("EUR", "USD", "GBP", "CHF", "PLN", "BRL", "JPY", "CNY", "HKD", "AUD", "CAD",
            "SEK", "NOK", "DKK", "CEO", "CFO", "IPO", "ETF", "AEX", "DAX", "MDAX", "SDAX", "CAC", "SMI", "IBEX", "FTSE", "WIG", "NYSE",
            "NASDAQ", "LSE", "GPW", "WSE", "ADR", "EU", "UE", "US", "UK", "AI", "IA", "KI");

    /** A percentage chosen as the share's move, with its direction and score. */
    record ShareMove(Quantities.Percent percent, int dir, double score) {
    }

    /**
     * The percentage that is the company's share move. Every percentage with a direction (a sign, or a move
     * verb in its sentence) is scored: a move verb close to it, the company (any of its names or its ticker)
     * or a share word in its sentence, the title, count for it; an index, a revenue or profit figure, a
     * dividend yield or another company named closer to it count against it, and a period return
     * ("seit Jahresbeginn", "over the past 12 months") only wins when nothing better is stated.
     * Null when no percentage is about the share.
     */
    static ShareMove shareMove(Article a, Candidate company, String ticker) {
        Quantities q = a.quantities;
        Pattern up = a.rules.term("stock.up");
        Pattern down = a.rules.term("stock.down");
        Pattern context = a.rules.term("stock.context");
        Pattern index = a.rules.word("stock.index");
        Pattern revenue = a.rules.term("stock.revenue");
        Pattern period = a.rules.term("stock.period");
        List<Text.Span> companySpans = companySpans(a, company, ticker);
        ShareMove best = null;
        List<ShareMove> qualified = new ArrayList<>();
        for (Text t : a.fields()) {
            for (Quantities.Percent p : q.percents(t)) {
                int from = t.sentenceStart(p.span().start());
                int to = t.sentenceEnd(p.span().end());
                String sentence = t.text().substring(from, to);
                int[] verb = nearestMove(t, p.span(), up, down);
                int dir = p.sign() != 0 ? p.sign() : verb[0];
                if (dir == 0) {
                    continue;
                }
                boolean title = t.field().equals(Text.TITLE);
                int companyDistance = nearest(companySpans.stream().filter(c -> !inApposition(a, t, from, c, p.span(), companySpans)).toList(),
                        t.field(), from, to, p.span());
                boolean share = context.matcher(sentence).find();
                // "closed at 247.60 francs, down 4.8%" right after "a heavy session for Roche": the share, by its price
                // and by the company named in the sentence before
                boolean priced = q.amounts(new Text(t.field(), sentence)).stream().anyMatch(m -> !m.scaled());
                boolean companyBefore = from > 0 && nearestSpanIn(companySpans, t.field(), t.sentenceStart(from - 1), from);
                if (!share && companyDistance == Integer.MAX_VALUE && !title && !(priced && companyBefore)) {
                    continue;
                }
                double score = 1;
                if (verb[1] <= 60) {
                    score += 2;
                } else if (verb[1] < Integer.MAX_VALUE) {
                    score += 1;
                }
                if (companyDistance < Integer.MAX_VALUE) {
                    score += 3;
                }
                if (share) {
                    score += 2;
                } else if (priced && companyBefore) {
                    score += 1;
                }
                if (title) {
                    score += 1;
                }
                // what the percentage is about: the nearest of the company, a share word, an index, a revenue figure
                int shareDistance = nearest(new Text(t.field(), sentence).find(context).stream()
                        .map(x -> new Text.Span(x.field(), from + x.start(), from + x.end(), x.text())).toList(), t.field(), from, to, p.span());
                int subject = Math.min(companyDistance, shareDistance);
                int otherDistance = nearestOther(a, t.field(), from, to, p.span(), companySpans);
                if (otherDistance < companyDistance) {
                    // "BHP fell 2.3 per cent, while Rio Tinto lost 1.9 per cent": another company's move; without the
                    // company in the sentence ("shares in the owner of Bunnings rose 30 per cent") only a doubt
                    score -= companyDistance < Integer.MAX_VALUE ? 4 : 1;
                }
                if (nearestBefore(t, from, p.span(), index) < subject) {
                    score -= 4; // "while the DAX rose 0.8 per cent"
                }
                // "Der Umsatz von Acme stieg um 12 Prozent": the company named in a revenue phrase does not make it the
                // share's move; only a share word nearer than the revenue word does
                if (nearestBefore(t, from, p.span(), revenue) < shareDistance) {
                    score -= 4; // "revenue rose 12 per cent", "a dividend yield of 3 per cent"
                }
                boolean qualifies = score >= 3;
                if (period.matcher(sentence).find()) {
                    score -= 1.5; // ranks below a move of the day, still the share's move when nothing else is stated
                }
                if (qualifies && (best == null || score > best.score())) {
                    best = new ShareMove(p, dir, score);
                }
                if (qualifies) {
                    qualified.add(new ShareMove(p, dir, score));
                }
            }
        }
        if (best != null && best.percent().span().field().equals(Text.TITLE)) {
            // "s'envole de 12 %" in the headline, "a bondi de 12,4 %" in the body: the body's exact figure of the same move
            ShareMove title = best;
            double rounded = title.percent().value();
            ShareMove exact = rounded != Math.rint(rounded) ? null : qualified.stream()
                    .filter(m -> m.percent().span().field().equals(Text.BODY) && m.dir() == title.dir() && m.percent().value() != rounded
                            && (Math.round(m.percent().value()) == rounded || Math.floor(m.percent().value()) == rounded))
                    .findFirst().orElse(null);
            if (exact != null) {
                best = exact;
            }
        }
        return best;
    }

    /**
     * Distance from a percentage back to the nearest match of a pattern earlier in its sentence; MAX_VALUE when
     * none. Only what precedes counts: "the best of the FTSE MIB" after a share's move does not make it the index's.
     */
    private static int nearestBefore(Text t, int from, Text.Span p, Pattern pattern) {
        int best = Integer.MAX_VALUE;
        for (Text.Span x : new Text(t.field(), t.text().substring(from, p.start())).find(pattern)) {
            best = Math.min(best, p.start() - (from + x.end()));
        }
        return best;
    }

    private static boolean nearestSpanIn(List<Text.Span> spans, String field, int from, int to) {
        return spans.stream().anyMatch(s -> s.field().equals(field) && s.start() >= from && s.end() <= to);
    }

    /** Every span naming the company: its gazetteer mentions (any alias), its name, its ticker, in both fields. */
    private static List<Text.Span> companySpans(Article a, Candidate company, String ticker) {
        List<Text.Span> spans = new ArrayList<>();
        if (company == null) {
            return spans;
        }
        if (company.entry() != null) {
            String id = company.entry().id();
            for (Article.Mention m : a.mentions) {
                if (m.hit().entries().stream().anyMatch(e -> e.id().equals(id) || e.attribute("parent").map(id::equals).orElse(false))) {
                    spans.add(m.span());
                }
            }
        }
        List<String> names = new ArrayList<>();
        names.add(company.name());
        String first = company.name().split("[\\s-]+")[0];
        if (first.length() >= 3 && !first.equals(company.name())) {
            names.add(first); // "Commonwealth Bank" is "Commonwealth" on second mention
        }
        if (ticker != null && ticker.length() >= 2) {
            names.add(ticker);
        }
        if (company.name().matches("\\p{Lu}{2,5}")) {
            // "JSW" and "Jastrzębskiej Spółki Węglowej": an acronym is the name its initials spell
            for (Text t : a.fields()) {
                Matcher m = PROPER_PHRASE.matcher(t.text());
                while (m.find()) {
                    // "Akcje Jastrzębskiej Spółki Węglowej": the initials of the phrase's last words
                    StringBuilder initials = new StringBuilder();
                    String[] words = m.group().split("\\s+");
                    for (int i = words.length - 1; i >= 0 && initials.length() < company.name().length(); i--) {
                        if (!words[i].isEmpty() && Character.isUpperCase(words[i].charAt(0))) {
                            initials.insert(0, words[i].charAt(0));
                        }
                    }
                    if (initials.length() >= 2 && initials.toString().equals(company.name())) {
                        spans.add(new Text.Span(t.field(), m.start(), m.end(), m.group()));
                    }
                }
            }
        }
        String id = company.entry() == null ? null : company.entry().id();
        for (String name : names) {
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])");
            for (Text.Span s : a.find(p)) {
                // "Siemens" inside "Siemens Healthineers" names another listed company, not Siemens
                boolean insideOther = id != null && a.mentions.stream().anyMatch(m -> m.span().field().equals(s.field())
                        && m.span().start() <= s.start() && s.end() <= m.span().end() && m.span().end() - m.span().start() > s.end() - s.start()
                        && m.hit().ofType("company").filter(e -> !e.id().equals(id) && !e.attribute("parent").map(id::equals).orElse(false)).isPresent());
                if (!insideOther) {
                    spans.add(s);
                }
            }
        }
        return spans;
    }

    /**
     * Distance in characters from a percentage to the nearest span of the list inside the same sentence. What a
     * number is about is usually written before it ("the DAX rose 0.8 per cent", "revenue grew 12 per cent"), so a
     * span after it counts twice its distance plus ten.
     */
    private static int nearest(List<Text.Span> spans, String field, int from, int to, Text.Span p) {
        int best = Integer.MAX_VALUE;
        for (Text.Span s : spans) {
            if (s.field().equals(field) && s.start() >= from && s.end() <= to) {
                int d = distance(s.start(), s.end(), p);
                best = Math.min(best, s.start() >= p.end() ? 2 * d + 10 : d);
            }
        }
        return best;
    }

    /**
     * "Syensqo, l'ancienne branche de spécialités de Solvay, a reculé de 1,2 %": the company named after a preposition
     * inside an apposition to another organisation (a comma after that one, a comma before the percentage) describes the
     * other one, whose move it is.
     */
    private static boolean inApposition(Article a, Text t, int from, Text.Span c, Text.Span p, List<Text.Span> companySpans) {
        if (!c.field().equals(t.field()) || c.start() < from || c.end() > p.start()
                || t.text().substring(c.end(), p.start()).indexOf(',') < 0) {
            return false;
        }
        Matcher before = PREPOSITION_BEFORE.matcher(t.text().substring(from, c.start()));
        if (!before.find() || !a.rules.word("preposition").matcher(before.group(1)).matches()) {
            return false;
        }
        return otherOrganisations(a, companySpans).stream().anyMatch(o -> o.field().equals(t.field()) && o.start() >= from
                && o.end() <= c.start() && t.text().substring(o.end(), c.start()).indexOf(',') >= 0);
    }

    private static final Pattern PREPOSITION_BEFORE = Pattern.compile("(?:^|[\\s(])(\\p{L}+['’]?)\\s*$");

    /** Distance to the nearest organisation in the sentence that is not the company (gazetteer company or NER ORG). */
    private static int nearestOther(Article a, String field, int from, int to, Text.Span p, List<Text.Span> companySpans) {
        return nearest(otherOrganisations(a, companySpans), field, from, to, p);
    }

    /** Every organisation the article names that is not the company: gazetteer companies and NER ORG spans. */
    private static List<Text.Span> otherOrganisations(Article a, List<Text.Span> companySpans) {
        List<Text.Span> others = new ArrayList<>();
        for (Article.Mention m : a.mentions) {
            if (m.hit().ofType("company").isPresent() && m.hit().ofType("exchange").isEmpty() && m.hit().ofType("index").isEmpty()) {
                others.add(m.span());
            }
        }
        for (Article.Named n : a.named) {
            if (n.type().equals("ORG")) {
                others.add(n.span());
            }
        }
        others.removeIf(o -> companySpans.stream().anyMatch(c -> c.field().equals(o.field()) && c.start() < o.end() && o.start() < c.end())
                || a.rules.term("stock.context").matcher(o.text()).find() || a.rules.word("stock.index").matcher(o.text()).find());
        return others;
    }

    /** Direction (+1 / -1, 0 when none) and distance of the price-move term nearest to a percentage in its sentence. */
    private static int[] nearestMove(Text t, Text.Span p, Pattern up, Pattern down) {
        int from = t.sentenceStart(p.start());
        int to = t.sentenceEnd(p.end());
        String sentence = t.text().substring(from, to);
        int best = Integer.MAX_VALUE;
        int dir = 0;
        for (Text.Span s : new Text(t.field(), sentence).find(up)) {
            int d = distance(from + s.start(), from + s.end(), p);
            if (d < best) {
                best = d;
                dir = 1;
            }
        }
        for (Text.Span s : new Text(t.field(), sentence).find(down)) {
            int d = distance(from + s.start(), from + s.end(), p);
            if (d < best) {
                best = d;
                dir = -1;
            }
        }
        return new int[] {dir, best};
    }

    private static int distance(int start, int end, Text.Span p) {
        return end <= p.start() ? p.start() - end : Math.max(0, start - p.end());
    }

    // ---------------------------------------------------------------- organisations

    /** One mention of a candidate organisation: key groups mentions of the same one; weight by source. */
    record Candidate(String key, String name, Gazetteer.Entry entry, Text.Span span, double weight) {
    }

    private static final double BODY_CAP = 8;
    private static final Pattern HOSTING_NAME = Pattern.compile("(?<![\\p{L}])(?:Hosting|Hébergement|Hoster|Host|Cloud|Datacenter|Data Center|Rechenzentrum)(?![\\p{L}-])");

    /** What an organisation is sought as: the victim of a breach, or the company whose share moved. */
    enum Role { VICTIM, COMPANY }

    static final List<String> VICTIM_BOOST = List.of("attack.hack", "attack.ransomware", "attack.ddos", "attack.leak",
            "attack.insider", "attack.credential-stuffing");
    private static final Pattern LEADING_ARTICLE = Pattern.compile(
            "^(?:(?:The|A|An|Die|Der|Das|Den|Dem|Des|La|Le|Les|El|Los|Las|De|Het|Een|Il|Lo|Gli|I|Os|As|O|Um|Uma|Un|Une|Una)\\s+|[LlDd]['’])");
    /** A capitalised single word ending like a nationality or regional adjective, followed by a lower-case word. */
    private static final Pattern SHARE_SUFFIX = Pattern.compile(
            "(" + PROPER_PHRASE.pattern() + ")(?:-(?:Aktie|aandeel|Aktien)|\\s(?:shares|stock)(?![\\p{L}]))");
    private static final Pattern TRAILING_PLACE = Pattern.compile(
            "^(.+?)\\s+(?:de|of|in|di|van|von|aus|do|da|du|w|z)\\s+(\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+)?)$");
    private static final Pattern DEMONYM = Pattern.compile("\\p{Lu}\\p{L}*(?:se|sche|ish|ese|ian|an|ch)");

    /**
     * The organisation an article is about. Candidates: gazetteer entities of the given types, NER
     * organisations, and phrases found by pattern in every language: a capitalised name with an institution
     * head word ("Calliope Shire Council", "Hospital Clínic", "Commune de Rolle", "Hogeschool Domstad") or
     * after a descriptor ("der Batteriehersteller Varta", "studio Insomniac Games"); capitalised phrases of the
     * title only when nothing else names one. Score per mention: three in the title, one in the body, two more
     * when its sentence has one of the boost terms, two more for the title's first candidate (the headline's
     * subject); as a victim three more when it stands where a victim stands ("attack on X", "X was hacked",
     * "X confirmed", "bij X"). Bodies that investigate or report (police, regulators, researchers) and named
     * attacker groups are never candidates. Ties go to the earliest.
     */
    static Candidate organisation(Article a, Gazetteer gazetteer, Set<String> types, List<String> boostKeys, Role role) {
        List<Pattern> boostTerms = boostKeys.stream().map(a.rules::term).toList();
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, Candidate> firstSeen = new LinkedHashMap<>();
        List<Candidate> mentions = new ArrayList<>();
        List<Text.Span> attackers = a.mentions.stream().filter(m -> m.hit().ofType("attacker").isPresent()).map(Article.Mention::span).toList();
        for (Article.Mention m : a.mentions) {
            Optional<Gazetteer.Entry> e = types.stream().map(t -> m.hit().ofType(t)).flatMap(Optional::stream).findFirst();
            if (e.isEmpty() || m.hit().ofType("media").isPresent() || m.hit().ofType("attacker").isPresent()
                    || m.hit().ofType("exchange").isPresent() && !types.contains("exchange")) {
                continue;
            }
            Gazetteer.Entry entry = e.get();
            if (entry.type().equals("platform") && channel(a, m.span())) {
                continue; // "sur sa chaîne Telegram", "in its Telegram channel": where attackers speak, not what they hit
            }
            if (entry.type().equals("platform") && gazetteer != null) {
                entry = entry.attribute("parent").flatMap(gazetteer::byId).orElse(entry); // PlayStation Network: Sony
            }
            mentions.add(new Candidate("g:" + entry.id(), entry.name(), entry, m.span(), 1.0));
        }
        for (Article.Named n : a.named) {
            if (!n.type().equals("ORG")) {
                continue;
            }
            String text = n.span().text().strip();
            if (text.length() < 2 || overlapsMention(a, n.span()) || isTerm(a, text) || mostlyAPlace(a, text)) {
                continue;
            }
            mentions.add(new Candidate("n:" + text.toLowerCase(Locale.ROOT), text, null, n.span(), 0.9));
        }
        for (Candidate c : patternOrganisations(a)) {
            if (isTerm(a, c.name()) || role == Role.COMPANY && overlapsMention(a, c.span())) {
                continue; // "Oracle Cloud Infrastructure" in a share story is the provider a list knows, not a company's name
            }
            // "Prefeitura de Lagoa Azul" is not the airline Azul: a name that ends in a listed one is the longer name
            // (one that starts with it, "Sony Group", stays the listed company)
            List<Candidate> inside = mentions.stream().filter(o -> o.span().field().equals(c.span().field())
                    && o.span().start() > c.span().start() && o.span().end() <= c.span().end()).toList();
            boolean covered = mentions.stream().anyMatch(o -> !inside.contains(o) && overlaps(o.span(), c.span()));
            if (!covered) {
                mentions.removeAll(inside);
                mentions.add(c);
            }
        }
        if (role == Role.COMPANY) {
            for (Candidate c : shareAppositions(a)) {
                boolean covered = mentions.stream().anyMatch(o -> overlaps(o.span(), c.span()));
                if (!covered && !isTerm(a, c.name())) {
                    mentions.add(c);
                }
            }
        }
        boolean noNer = a.named.isEmpty() && !a.rules.language().equals("de");
        if (noNer || role == Role.COMPANY || role == Role.VICTIM && !a.rules.language().equals("de")) {
            // no NER for this language (or it found nothing): the title's capitalised phrases compete at a low weight;
            // NER misses names and calls many a company a person, so the company and the victim are sought among them too
            // where the body writes them as well ("hackers steal Screwfix customer data"; in German, where every noun is
            // capitalised, only companies, by single words)
            for (Candidate c : titlePhrases(a)) {
                boolean inBody = a.body.text().contains(c.name()) && (role != Role.VICTIM || noNer || standsAlone(a.body, c.name()));
                if (a.rules.language().equals("de") && (c.name().contains(" ") || !inBody) || !noNer && role == Role.VICTIM && !inBody) {
                    continue;
                }
                boolean covered = mentions.stream().anyMatch(o -> overlaps(o.span(), c.span()));
                if (!covered) {
                    mentions.add(c);
                }
            }
        }
        if (role == Role.VICTIM) {
            // a name standing where a victim stands is a candidate even when no list, NER or head word knows it
            for (Candidate c : positionalNames(a)) {
                boolean covered = mentions.stream().anyMatch(o -> overlaps(o.span(), c.span()));
                if (!covered && !isTerm(a, c.name())) {
                    mentions.add(c);
                }
            }
        }
        mentions.replaceAll(c -> c.entry() == null
                ? withConjoinedLead(a, withoutDescriptorLead(a, withoutLowerCaseLead(a, withoutCompoundTail(withoutPlace(a, withoutLeadingNoun(a, c)))))) : c);
        // a known attacker group is never the organisation sought, whatever else found its name ("after Rhysida ransomware attack")
        mentions.removeIf(c -> notACandidate(a, c) || !looksLikeName(a, c)
                || c.entry() == null && attackers.stream().anyMatch(s -> overlaps(s, c.span())));
        mentions = withoutPlaceParts(a, mentions);
        mentions = propagate(a, mentions);
        mentions = acronyms(mentions);
        mentions = shortForms(a, mentions);
        if (role == Role.VICTIM) {
            // a name an attacker noun introduces once ("the Rhysida ransomware gang") is the attacker wherever it stands
            Set<String> named = new java.util.HashSet<>();
            // (only where the name itself stands: "Hera" in "la società del gruppo Hera" does not make "Hera Comm" an attacker)
            mentions.stream().filter(c -> c.span().text().equals(c.name()) && attackerNamed(a, c.span())).forEach(c -> named.add(c.key()));
            mentions.removeIf(c -> named.contains(c.key()));
        }
        mentions = owners(a, mentions);
        mentions = inflections(mentions);
        mentions.removeIf(c -> !looksLikeName(a, c));
        mentions = withoutOtherRoles(a, mentions, role);
        // the headline's subject: its first name that does not follow a preposition ("esquecidas no GitHub" is a place)
        Pattern prepBefore = a.rules.derived("prepBefore", () -> "(?<![\\p{L}])" + a.rules.alternation("victim.prep") + "\\s+$",
                LanguageRules.flags());
        Candidate titleSubject = mentions.stream().filter(c -> c.span().field().equals(Text.TITLE))
                .min(Comparator.comparingInt(c -> c.span().start()))
                .filter(c -> !prepBefore.matcher(a.title.text().substring(0, c.span().start())).find()).orElse(null);
        Map<String, Double> titleScore = new LinkedHashMap<>();
        Map<String, Double> bodyScore = new LinkedHashMap<>();
        for (Candidate c : mentions) {
            boolean title = c.span().field().equals(Text.TITLE);
            // where a name stands is evidence of its own, whatever found the name
            boolean victimPlace = role == Role.VICTIM && (victimPosition(a, c.span()) || aimedAt(a, c.span()));
            // "esquecidas no GitHub", "published on Pastebin": a headline name after a preposition that is not where a
            // victim stands is where something happened, and weighs like a body mention
            boolean where = role == Role.VICTIM && title && !victimPlace
                    && prepBefore.matcher(a.title.text().substring(0, c.span().start())).find();
            double w = (title && !where ? 3.0 : 1.0) + boost(a, boostTerms, c.span());
            if (c == titleSubject) {
                w += 2;
            }
            double position = victimPlace ? 3 : 0;
            if (title && c.entry() == null && !a.body.text().contains(c.name())) {
                // "Wendelstädter Klinik" over a body naming "St.-Elisabeth-Krankenhaus Wendelstadt": a headline name the
                // body never repeats is a headline's short description, and weighs half
                w /= 2;
                position /= 2;
            }
            if (c.span().field().equals(Text.TITLE)) {
                titleScore.merge(c.key(), w * c.weight() + position, Double::sum);
            } else {
                bodyScore.merge(c.key(), w * c.weight() + position, Double::sum);
            }
            firstSeen.putIfAbsent(c.key(), c);
        }
        // the body counts with a cap: a parent company or a partner named in every paragraph does not outvote the headline
        for (String key : firstSeen.keySet()) {
            score.put(key, titleScore.getOrDefault(key, 0.0) + Math.min(BODY_CAP, bodyScore.getOrDefault(key, 0.0)));
        }
        if (score.isEmpty() && !a.rules.language().equals("de")) {
            for (Candidate c : titlePhrases(a)) {
                if (!notACandidate(a, c)) {
                    score.merge(c.key(), 1.0, Double::sum);
                    firstSeen.putIfAbsent(c.key(), c);
                }
            }
        }
        String best = null;
        double bestScore = 0;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            Candidate c = firstSeen.get(e.getKey());
            Candidate b = best == null ? null : firstSeen.get(best);
            if (e.getValue() > bestScore || e.getValue() == bestScore && b != null
                    && Article.byPosition().compare(c.span(), b.span()) < 0) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        if (best == null) {
            return null;
        }
        Candidate chosen = writtenForm(a, firstSeen.get(best), mentions);
        return looksLikeName(a, chosen) ? chosen : null; // abstain rather than return junk
    }

    /**
     * "prepaga Salud Plena": a lower-case common noun before a capitalised name is a descriptor, not part of the name
     * (an institution's lower-case head word, a preposition or a possessive stay, for {@link #looksLikeName} to judge).
     */
    private static Candidate withoutLowerCaseLead(Article a, Candidate c) {
        Matcher m = LOWER_LEAD.matcher(c.name());
        if (!m.matches()) {
            // "Medewerker Spaarbank Westhoek keek ...": a word capitalised only because it opens the headline or a sentence,
            // and written in lower case elsewhere ("een medewerker van"), leads the name like a lower-case word
            Text t = a.field(c.span().field());
            boolean opening = t.text().substring(t.sentenceStart(c.span().start()), c.span().start()).isBlank();
            Matcher capital = CAPITAL_LEAD.matcher(c.name());
            if (!opening || a.rules.language().equals("de") || !capital.matches() || !writtenLowerCase(a.body, capital.group(1))) {
                return c;
            }
            m = capital;
        }
        if (SYMBOLIC.matcher(m.group(1)).find() || a.rules.word("org.head.lower").matcher(c.name()).lookingAt()
                || a.rules.word("org.head").matcher(c.name()).lookingAt() || a.rules.word("preposition").matcher(m.group(1)).matches()
                || a.rules.word("possessive").matcher(m.group(1)).matches() || a.rules.word("determiner").matcher(m.group(1)).matches()) {
            return c;
        }
        String name = m.group(2);
        int start = c.span().start() + m.start(2);
        return renamed(c, start, start + name.length(), name);
    }

    /**
     * "Dipendente della Banca Popolare del Tirreno", "Webseiten der Stadtwerke Lindenau": a name whose part after a
     * genitive link starts with an institution's head word, and whose lead does not, is that institution (the lead is
     * what belongs to it: an employee, a website). "Bank of America" and "Commune de Rolle" start with the head word and stay.
     */
    private static Candidate withoutLeadingNoun(Article a, Candidate c) {
        Matcher m = GENITIVE_LINK.matcher(c.name());
        if (!m.matches() || startsWithHead(a, m.group(1)) || !startsWithHead(a, m.group(2))
                || INDEFINITE.matcher(m.group(1).split("\\s+")[0]).matches()) {
            return c; // "Ein Stratege der Bank X" is no name at all: the final check rejects it
        }
        String name = m.group(2);
        int start = c.span().start() + m.start(2);
        return renamed(c, start, c.span().end(), name);
    }

    /**
     * "Harrowfield and Dene NHS Foundation Trust": NER and the name patterns may start a name after its "and". A name
     * right after "Word and" is the longer name when the article writes the longer form at least twice.
     */
    private static Candidate withConjoinedLead(Article a, Candidate c) {
        Text t = a.field(c.span().field());
        Matcher m = CONJOINED_LEAD.matcher(t.text().substring(Math.max(0, c.span().start() - 40), c.span().start()));
        if (!m.find()) {
            return c;
        }
        String name = m.group(1) + c.name();
        Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])");
        if (a.find(whole).size() < 2) {
            return c;
        }
        int start = c.span().start() - m.group(1).length();
        return renamed(c, start, c.span().end(), name);
    }

    private static final Pattern CONJOINED_LEAD = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}-]+\\s(?:and|und|&|et|en|y|e|i)\\s)$");

    /** A word that says what kind of organisation follows, as a whole word ("Online-Tierbedarfshändler", "Händlers"). */
    private static Pattern descriptorWord(Article a) {
        return a.rules.derived("descriptorWord", () -> "(?iu:[\\p{L}-]*?" + a.rules.alternation("org.descriptor") + "[\\p{L}]*)", 0);
    }

    /**
     * A word that is a descriptor and nothing else: the descriptor with an inflection ("Händlers", "Hoster") or after a
     * hyphenated qualifier ("IT-Dienstleister", "Online-Händler"); not a name that contains one ("Shopify", "Volksbank").
     */
    private static Pattern descriptorAlone(Article a) {
        return a.rules.derived("descriptorAlone", () -> "(?iu:(?:[\\p{L}\\p{N}]+-)?" + a.rules.alternation("org.descriptor")
                + "(?:s|es|n|en|e|er)?)", 0);
    }

    /**
     * German, where every noun is capitalised: "Tierbedarfshändler Pfotenpost" (as NER may return it): a descriptor word
     * before a name says what it is and is not part of it, unless it is an institution's head word ("Klinik Hohenfels").
     */
    private static Candidate withoutDescriptorLead(Article a, Candidate c) {
        int space = c.name().indexOf(' ');
        if (!a.rules.language().equals("de") || space < 0 || !Character.isUpperCase(c.name().codePointAt(space + 1))) {
            return c; // elsewhere a capitalised descriptor starts the name ("Mutua Levantina"); a lower-case one is cut before
        }
        String first = c.name().substring(0, space);
        if (!descriptorWord(a).matcher(first).matches() || a.rules.word("org.head").matcher(first).matches()) {
            return c;
        }
        String name = c.name().substring(space + 1);
        int start = c.span().start() + space + 1;
        return renamed(c, start, c.span().end(), name);
    }

    private static final Pattern GENITIVE_LINK = Pattern.compile(
            "^(\\p{Lu}.*?)\\s+(?:of the|of|der|des|della|dello|dell'|del|degli|delle|de la|de|du|van de|van het|van|von|do|da|dos|das)\\s+(\\p{Lu}.*)$");

    /** {@code c} under another name: a pattern candidate for {@code name} at {@code start..end} of c's field, with c's weight. */
    private static Candidate renamed(Candidate c, int start, int end, String name) {
        return new Candidate("p:" + name.toLowerCase(Locale.ROOT), name, null, new Text.Span(c.span().field(), start, end, name), c.weight());
    }

    private static final Pattern LOWER_LEAD = Pattern.compile("^(\\p{Ll}[\\p{L}-]*)\\s+(\\p{Lu}.*)$");
    private static final Pattern CAPITAL_LEAD = Pattern.compile("^(\\p{Lu}\\p{Ll}[\\p{L}-]*)\\s+(\\p{Lu}.*)$");

    /** "Scarlet-klanten", "Acme-aandeel": a name joined to a lower-case noun is the name alone. */
    private static Candidate withoutCompoundTail(Candidate c) {
        Matcher m = COMPOUND_TAIL.matcher(c.name());
        if (!m.matches()) {
            return c;
        }
        String name = m.group(1);
        return renamed(c, c.span().start(), c.span().start() + name.length(), name);
    }

    private static final Pattern COMPOUND_TAIL = Pattern.compile("^(\\p{Lu}[\\p{L}\\p{N}]+)-\\p{Ll}[\\p{L}]+$");

    /**
     * Who an article names in another role is not the organisation sought. As a victim: a name introduced anywhere as
     * the host of the victim's data ("hosted on X", {@code org.host}) or as the group owning the breached brand
     * ("moederbedrijf X", {@code org.parent}), unless it also stands where an attack is aimed ("DDoS attack on X") or
     * opens the headline. As
     * the company whose share moved: a bank or broker introduced as the analyst ("die Investmentbank X",
     * {@code analyst.before}), unless the headline names it.
     */
    private static List<Candidate> withoutOtherRoles(Article a, List<Candidate> mentions, Role role) {
        Set<String> other = new java.util.HashSet<>();
        Set<String> kept = new java.util.HashSet<>();
        // the headline's first name is what the story is about, unless the story names a subsidiary ("UnitedHealth falls
        // after the attack on its subsidiary X": X was breached)
        boolean subsidiary = role == Role.VICTIM && mentions.stream().anyMatch(c -> introducedBy(a, c.span(), "org.subsidiary"));
        mentions.stream().filter(c -> c.span().field().equals(Text.TITLE) && !subsidiary).min(Comparator.comparingInt(c -> c.span().start()))
                .ifPresent(c -> kept.add(c.key()));
        for (Candidate c : mentions) {
            if (role == Role.VICTIM) {
                if (introducedBy(a, c.span(), "org.host") || introducedBy(a, c.span(), "org.parent") || introducedBy(a, c.span(), "org.rival")
                        || followedBy(a, c.span(), "org.host.after")) {
                    other.add(c.key());
                }
                if (introducedBy(a, c.span(), "org.subsidiary")) {
                    // "Shares of UnitedHealth Group fell after its technology unit Change Healthcare confirmed the attack":
                    // the name just before the subsidiary in its sentence owns it
                    Text t = a.field(c.span().field());
                    int sentence = t.sentenceStart(c.span().start());
                    mentions.stream().filter(o -> o != c && !o.key().equals(c.key()) && o.span().field().equals(c.span().field())
                                    && o.span().start() >= sentence && o.span().end() <= c.span().start())
                            .max(Comparator.comparingInt(o -> o.span().start())).ifPresent(o -> other.add(o.key()));
                }
                if (targetPosition(a, c.span())) {
                    kept.add(c.key());
                }
            } else {
                if (introducedBy(a, c.span(), "analyst.before")) {
                    other.add(c.key());
                }
                if (c.span().field().equals(Text.TITLE)) {
                    kept.add(c.key());
                }
            }
        }
        other.removeAll(kept);
        if (other.isEmpty()) {
            return mentions;
        }
        return mentions.stream().filter(c -> !other.contains(c.key())).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** A name right before one of a key's cues ("Amazon Web Services, which hosted the bucket"). */
    private static boolean followedBy(Article a, Text.Span span, String key) {
        Text t = a.field(span.field());
        String after = t.text().substring(span.end(), Math.min(t.sentenceEnd(span.end()), span.end() + 60));
        Pattern cue = a.rules.derived("followedBy:" + key, () -> "^[\\s,]+(?:" + a.rules.alternation(key) + ")(?![\\p{L}])", LanguageRules.flags());
        return cue.matcher(after).find();
    }

    /** A name right after one of a key's cues in its sentence, up to three words between ("forma parte del grupo alemán IONOS"). */
    static boolean introducedBy(Article a, Text.Span span, String key) {
        Text t = a.field(span.field());
        String before = t.text().substring(Math.max(t.sentenceStart(span.start()), span.start() - 60), span.start());
        Pattern cue = a.rules.derived("introducedBy:" + key, () -> "(?<![\\p{L}])(?:" + a.rules.alternation(key) + ")"
                + "(?:\\s+(?!(?:of|de|van|von|di|du|des|del|della|do|da|w|z)\\s)[\\p{L}'’-]+){0,3}?[\\s,]+$", LanguageRules.flags());
        return cue.matcher(before).find();
    }

    /**
     * The final check every organisation returned as a victim, a company or a provider passes: it must look like an
     * organisation's name. Not a span across a line break or out of a caption or cross-reference line ("Photo: ...",
     * "Read more: ..."), not part of a longer token ("Folks" of "cyber_Folks"), not starting with a preposition, a
     * possessive or an indefinite article ("beim Online", "Unsere Systeme", "Ein Stratege der Bank"), not written in
     * lower case (unless an institution's head word or a name like "o2switch" starts it), not a pronoun or determiner
     * ("Nuestros"), not a person (NER PERSON on a full name, or a person's title before it), not a country's
     * abbreviation or inflected name ("VS", "Polsce"), not a ticker written in brackets ("(SLR)"). A
     * single word no list or NER found must be written as a name: where a victim stands, in the middle of a sentence, or
     * at least twice and never in lower case; in German, where every noun is capitalised, also once without an inflected
     * word or a contraction before it ("vieler Gemeinden", "im Netz"), and twice unless it stands where a victim stands
     * ("nach Angaben der Klinikleitung Server und Rechner" is a noun).
     */
    static boolean looksLikeName(Article a, Candidate c) {
        String name = c.name();
        if (name.isBlank() || NOT_IN_A_NAME.matcher(name).find() || inBoilerplate(a, c.span())) {
            return false;
        }
        if (c.entry() != null) {
            return true;
        }
        Text t = a.field(c.span().field());
        String text = t.text();
        int start = c.span().start();
        int end = c.span().end();
        if (start > 0 && partOfToken(text.charAt(start - 1), start >= 2 ? text.charAt(start - 2) : ' ')
                || end < text.length() && partOfToken(text.charAt(end), end + 1 < text.length() ? text.charAt(end + 1) : ' ')) {
            return false;
        }
        String first = name.split("\\s+")[0];
        boolean symbolic = SYMBOLIC.matcher(first).find();
        if (Character.isLowerCase(name.codePointAt(0)) && !symbolic && !a.rules.word("org.head").matcher(name).lookingAt()
                && !a.rules.word("org.head.lower").matcher(name).lookingAt()) {
            return false;
        }
        boolean single = !name.contains(" ");
        if (a.rules.word("preposition").matcher(first).matches() || a.rules.word("possessive").matcher(first).matches()
                || !single && (INDEFINITE.matcher(first).matches() || first.equals("A") && a.rules.language().equals("en"))) {
            return false; // "beim Online", "Unsere Systeme", "Ein Stratege der Bank"
        }
        // a head or descriptor word alone names no organisation ("Hospital trust hit by ransomware", "IT-Dienstleister")
        if (single && (a.rules.word("determiner").matcher(name).matches() || a.rules.word("org.head").matcher(name).matches()
                || descriptorAlone(a).matcher(name).matches())
                || personNamed(a, c.span())) {
            return false;
        }
        if (single && (name.length() <= 2 && name.equals(name.toUpperCase(Locale.ROOT)) || inflectedCountry(a, name))) {
            return false; // "VS", "UE": a country's or a union's abbreviation; "Polsce": a country's inflected name
        }
        if (name.equals(name.toUpperCase(Locale.ROOT)) && a.find(Pattern.compile("\\(" + Pattern.quote(name) + "\\)")).size() > 0) {
            return false; // "El valor (SLR)": the ticker, not the name
        }
        if (single && !symbolic && !INNER_CAPITAL.matcher(name).find()) {
            Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])");
            List<Text.Span> all = a.find(word);
            // "Zentoria was hit by ransomware": where it stands makes it a name (positionalNames checked the word)
            boolean placed = all.stream().anyMatch(s -> targetPosition(a, s));
            boolean asName = placed || c.key().startsWith("n:") || capitalisedMidSentence(a.body, name)
                    || all.size() >= 2 && !writtenLowerCase(a.body, name);
            if (!asName) {
                return false;
            }
            if (a.rules.language().equals("de")) {
                // German capitalises every noun: a name stands somewhere without an article or an inflected adjective
                // before it ("vieler Gemeinden", "der Server" are nouns), and a noun named once ("nach Angaben der
                // Klinikleitung Server und Rechner") is a name only where NER or a victim's place says so
                boolean bare = a.body.find(word).stream().anyMatch(s -> !afterArticle(a, a.body, s.start()));
                if (!bare || all.size() < 2 && !placed && !c.key().startsWith("n:")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[\\n\\r\\t:;«»\"“”„|]");
    private static final Pattern SYMBOLIC = Pattern.compile("[\\p{N}_]|\\.\\p{L}{2,}$");
    private static final Pattern INNER_CAPITAL = Pattern.compile(".[\\p{Lu}\\p{N}]");
    private static final Pattern ARTICLE_BEFORE = Pattern.compile("(?:^|\\s)(\\p{L}+)\\s+$");

    /** A letter, digit or underscore next to a name, or a dot joining it to more letters: the name is cut from a longer token. */
    private static boolean partOfToken(char next, char beyond) {
        return Character.isLetterOrDigit(next) || next == '_' || next == '.' && Character.isLetterOrDigit(beyond);
    }

    /** German: right after a contraction ("zum", "im") or an inflected adjective ("vieler Gemeinden", "den kommunalen"). */
    private static boolean afterArticle(Article a, Text t, int start) {
        Matcher m = ARTICLE_BEFORE.matcher(t.text().substring(Math.max(0, start - 25), start));
        if (!m.find()) {
            return false;
        }
        String w = m.group(1);
        // not the article itself: names take one too ("die Lufthansa"), and a noun named once is caught by its count
        return GERMAN_CONTRACTION.matcher(w).matches() || Character.isLowerCase(w.charAt(0)) && GERMAN_ADJECTIVE.matcher(w).matches();
    }

    private static final Pattern INDEFINITE = Pattern.compile("(?iu)ein|eine|einen|einem|einer|eines|an|un|une|una|uno|een|um|uma");
    private static final Pattern GERMAN_CONTRACTION = Pattern.compile("(?i)im|am|zum|zur|beim|vom|ins|ans|aufs");
    private static final Pattern GERMAN_ADJECTIVE = Pattern.compile("\\p{Ll}{3,}(?:en|er|es|em|e)");

    /** A caption or cross-reference line of the body ("Foto: ...", "Read more: ..."): another story or a credit. */
    private static boolean inBoilerplate(Article a, Text.Span span) {
        if (!span.field().equals(Text.BODY)) {
            return false;
        }
        String text = a.body.text();
        int lineStart = text.lastIndexOf('\n', Math.max(0, span.start() - 1)) + 1;
        int lineEnd = text.indexOf('\n', span.start());
        String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        Pattern p = a.rules.derived("boilerplate", () -> "^\\s*(?:" + a.rules.alternation("boilerplate") + ")\\s*[:.|–-]",
                LanguageRules.flags());
        return line.length() <= 200 && p.matcher(line).find();
    }

    /** NER calls it a person (and never an organisation), or a person's title stands before it ("Councillor X"). */
    private static boolean personNamed(Article a, Text.Span span) {
        String text = span.text().strip();
        // NER calls many single-word company names a person ("Hellofresh", "Solaria"): only a full name counts, and not
        // one standing where an attack is aimed ("the attack on Change Healthcare")
        // "Harrowfield and Dene NHS Foundation Trust": a name ending in an institution's head word is no person
        String[] words = text.split("\\s+");
        boolean institution = a.rules.word("org.head").matcher(words[words.length - 1]).matches();
        boolean person = text.contains(" ") && !institution && !targetPosition(a, span) && a.named.stream().anyMatch(n -> n.type().equals("PERSON") && n.span().field().equals(span.field())
                && n.span().start() < span.end() && span.start() < n.span().end());
        boolean org = a.named.stream().anyMatch(n -> n.type().equals("ORG") && n.span().text().strip().equals(text));
        if (person && !org) {
            return true;
        }
        Text t = a.field(span.field());
        String before = t.text().substring(Math.max(0, span.start() - 30), span.start());
        Pattern title = a.rules.derived("personTitle", () -> "(?<![\\p{L}])(?:" + a.rules.alternation("person.title") + ")\\.?\\s+$",
                LanguageRules.flags());
        return title.matcher(before).find();
    }

    /** "Polsce", "Irlandii": a country's name in an inflected form. */
    private static boolean inflectedCountry(Article a, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (String country : calendarOrCountry(a.rules.language())) {
            if (country.contains(" ") || country.length() < 4) {
                continue;
            }
            int common = 0;
            while (common < Math.min(lower.length(), country.length()) && lower.charAt(common) == country.charAt(common)) {
                common++;
            }
            if (common >= 4 && lower.length() - common <= 3 && country.length() - common <= 3 && !lower.equals(country)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A listed name as the article writes it in full: "Shares of Akamai Technologies", "A TAP Air Portugal confirmou",
     * "Akcje Allegro.eu": a longer alias of it ("IONOS Group"), or a mention followed by a company word (Group, Technologies, Holdings, Air...) and up to two
     * more capitalised words, or by a web domain. The first such mention in the body (else the title) gives the name.
     */
    private static Candidate writtenForm(Article a, Candidate best, List<Candidate> mentions) {
        List<Candidate> own = mentions.stream().filter(c -> c.key().equals(best.key()))
                .sorted(Comparator.comparing((Candidate c) -> c.span().field().equals(Text.BODY) ? 0 : 1).thenComparingInt(c -> c.span().start()))
                .toList();
        for (Candidate c : own) {
            Text t = a.field(c.span().field());
            if (best.entry() != null && c.span().text().startsWith(best.name() + " ")) {
                return new Candidate(best.key(), c.span().text(), best.entry(), c.span(), best.weight()); // an alias in full
            }
            Matcher m = FULL_NAME_TAIL.matcher(t.text()).region(c.span().end(), t.text().length());
            if (m.lookingAt()) {
                String name = t.text().substring(c.span().start(), m.end());
                return new Candidate(best.key(), name, best.entry(), new Text.Span(c.span().field(), c.span().start(), m.end(), name), best.weight());
            }
        }
        return best;
    }

    private static final Pattern FULL_NAME_TAIL = Pattern.compile(
            "(?:\\.(?:eu|com|net|org|pl|de|fr|es|it|pt|nl|io)(?![\\p{L}\\p{N}])|-\\p{Lu}{2,5}(?![\\p{L}\\p{N}])"
            + "|\\s(?:Group|Gruppe|Groupe|Grupo|Gruppo|Grupa|Groep|Holdings?|Technologies|Technology|Systems|Networks|Communications|"
            + "Entertainment|Interactive|Software|Solutions|Digital|Air|Airlines|Airways|International|Platforms|Labs|Energy|Motors|"
            + "Resorts|Games|Studios|Pharma|Pharmaceuticals|Financial|Telecom|Media|Therapeutics|Semiconductors?|Robotics|Automotive|Healthcare|"
            + "Water|Power|Gas|Electric|Utilities|Rail|Railways|Logistics|Foods|Brands|Hotels|Mobile|Insurance|Bank|Capital|Partners)"
            + "(?![\\p{L}\\p{N}])(?:\\s" + NAME_WORD + "){0,2})");

    /** NER tags "Toronto" ORG in a headline and PLACE in the body: a name tagged PLACE more often than ORG is a place. */
    private static boolean mostlyAPlace(Article a, String text) {
        long org = a.named.stream().filter(n -> n.span().text().strip().equals(text) && n.type().equals("ORG")).count();
        long place = a.named.stream().filter(n -> n.span().text().strip().equals(text) && n.type().equals("PLACE")).count();
        return place > org || calendarOrCountry(a.rules.language()).contains(text.toLowerCase(Locale.ROOT));
    }

    /** Capitalised phrases of the title that look like names (not a capitalised first word, an adjective or a term). */
    private static List<Candidate> titlePhrases(Article a) {
        List<Candidate> found = new ArrayList<>();
        Matcher m = PROPER_PHRASE.matcher(a.title.text());
        while (m.find()) {
            String text = m.group().replaceAll("[.:,'’-]+$", "").strip();
            int start = m.start();
            boolean sentenceInitial = start == 0 || a.title.text().substring(0, start).matches("(?s).*[:.!?«\"]\\s*$");
            // "Medewerkers GGD verkochten": a headline's capitalised first word that the body writes in lower case is a
            // common noun, not part of the name
            int space = text.indexOf(' ');
            if (sentenceInitial && space > 0 && !text.substring(space + 1).matches("(?:de|van|of|du|des|del|la|di|da|do)\\s.*")
                    && writtenLowerCase(a.body, text.substring(0, space))) {
                text = text.substring(space + 1);
                start += space + 1;
                sentenceInitial = false;
            }
            if (text.length() < 2 || (sentenceInitial && !text.contains(" ") && !capitalisedMidSentence(a.body, text)
                    && !(a.body.find(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}])")).size() >= 2
                            && !writtenLowerCase(a.body, text))) || isTerm(a, text)
                    || adjectiveBeforeNoun(a.title.text(), m.start(), m.start() + text.length())) {
                continue;
            }
            found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                    new Text.Span(Text.TITLE, start, start + text.length(), text), 0.6));
        }
        return found;
    }

    private static boolean writtenLowerCase(Text body, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return !lower.equals(word) && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(lower) + "(?![\\p{L}\\p{N}])").matcher(body.text()).find();
    }

    /** The company a share word names: "titolo Fincantieri", "ações da Natura", "shares of Acme", "Acme-Aktie". */
    private static List<Candidate> shareAppositions(Article a) {
        List<Candidate> found = new ArrayList<>();
        Pattern before = a.rules.derived("shareApposition", () -> "(?iu:(?<![\\p{L}])" + a.rules.alternation("stock.context") + ")\\s+"
                + "(?:(?:de|da|do|des|der|di|del|della|van|of|in|von)\\s+)?(" + PROPER_PHRASE.pattern() + ")", 0);
        Pattern after = SHARE_SUFFIX;
        for (Text t : a.fields()) {
            for (Pattern p : List.of(before, after)) {
                Matcher m = p.matcher(t.text());
                while (m.find()) {
                    String text = m.group(1).replaceAll("[.:,'’-]+$", "").strip();
                    if (text.length() >= 2) {
                        found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                                new Text.Span(t.field(), m.start(1), m.start(1) + text.length(), text), 0.9));
                    }
                }
            }
        }
        return found;
    }

    /** "Hospital Clínic de Barcelona" is "Hospital Clínic": a trailing "de/of/in <place>" (a NER place) is dropped. */
    private static Candidate withoutPlace(Article a, Candidate c) {
        Matcher m = TRAILING_PLACE.matcher(c.name());
        if (!m.matches() || a.rules.word("org.head").matcher(m.group(1)).matches() || a.rules.word("org.head.lower").matcher(m.group(1)).matches()) {
            return c; // "Commune de Rolle", "centre hospitalier de Montreval": a bare head word needs its place to be a name
        }
        int placeStart = c.span().start() + m.start(2);
        boolean place = a.named.stream().anyMatch(n -> n.type().equals("PLACE") && n.span().field().equals(c.span().field())
                && n.span().start() <= placeStart && placeStart < n.span().end());
        if (!place) {
            return c;
        }
        String name = m.group(1);
        return renamed(c, c.span().start(), c.span().start() + name.length(), name);
    }

    /**
     * "Zarząd Transportu Miejskiego w Radowicach": the place closing an institution's name ("w Radowicach") is no
     * candidate of its own.
     */
    private static List<Candidate> withoutPlaceParts(Article a, List<Candidate> mentions) {
        Pattern tail = a.rules.derived("placeTail", () -> "\\s(?:" + a.rules.alternation("org.place.prep") + ")\\s(\\p{Lu}[\\p{L}-]+)$",
                LanguageRules.flags() & ~Pattern.CASE_INSENSITIVE);
        Set<String> places = new java.util.HashSet<>();
        for (Candidate c : mentions) {
            Matcher m = tail.matcher(c.name());
            if (c.entry() == null && m.find() && m.start() > 0) {
                places.add(m.group(1));
            }
        }
        if (places.isEmpty()) {
            return mentions;
        }
        return mentions.stream().filter(c -> c.entry() != null || !places.contains(c.name()))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /**
     * "Brightwell Dental Group has admitted ... Brightwell said": the first word of a name, standing alone elsewhere, is
     * the name's short form when it is no common word: never written in lower case, no head, descriptor or function
     * word, no country or month, and no list entry. In German, where every noun is capitalised, only the first word of
     * a name with a legal form ("Pfotenpost GmbH") counts.
     */
    private static List<Candidate> shortForms(Article a, List<Candidate> mentions) {
        List<Candidate> out = new ArrayList<>(mentions);
        Set<String> done = new java.util.HashSet<>();
        for (Candidate c : mentions) {
            String[] words = c.name().split("\\s+");
            if (c.entry() != null || words.length < 2 || !done.add(c.key())) {
                continue;
            }
            String first = words[0];
            if (first.length() < 4 || !Character.isUpperCase(first.codePointAt(0)) || a.rules.word("org.head").matcher(first).matches()
                    || descriptorWord(a).matcher(first).matches() || a.rules.word("determiner").matcher(first).matches()
                    || a.rules.word("preposition").matcher(first).matches() || writtenLowerCase(a.body, first)
                    || calendarOrCountry(a.rules.language()).contains(first.toLowerCase(Locale.ROOT))
                    || a.rules.language().equals("de") && !LEGAL_FORM.matcher(words[words.length - 1]).matches()) {
                continue;
            }
            for (Text.Span span : a.find(alone(first))) {
                boolean taken = out.stream().anyMatch(o -> overlaps(o.span(), span)) || overlapsMention(a, span);
                if (!taken && !inBoilerplate(a, span)) {
                    out.add(new Candidate(c.key(), c.name(), null, span, c.weight()));
                }
            }
        }
        return out;
    }

    /**
     * "ZTM" beside "Zarząd Transportu Miejskiego w Radowicach", "UFVJ" beside "Universidade Federal do Vale do
     * Jequiriçá": an upper-case word spelling the initials of another name's words (link words and a closing place
     * aside, lower-case words included) is that name.
     */
    private static List<Candidate> acronyms(List<Candidate> mentions) {
        Map<String, Candidate> byInitials = new LinkedHashMap<>();
        for (Candidate c : mentions) {
            if (c.entry() == null && c.name().contains(" ")) {
                for (String initials : initials(c.name())) {
                    byInitials.putIfAbsent(initials, c);
                }
            }
        }
        List<Candidate> out = new ArrayList<>(mentions.size());
        for (Candidate c : mentions) {
            Candidate full = c.entry() == null && ACRONYM.matcher(c.name()).matches() ? byInitials.get(c.name()) : null;
            Matcher placed = ACRONYM_PLACE.matcher(c.name());
            if (full == null && c.entry() == null && placed.matches()) {
                // "ZTM w Radowicach", "ULS do Alto Tâmega": the initials and the same closing place
                Candidate f = byInitials.get(placed.group(1));
                full = f != null && f.name().endsWith(placed.group(2)) ? f : null;
            }
            out.add(full == null ? c : new Candidate(full.key(), full.name(), null, c.span(), c.weight()));
        }
        return out;
    }

    /** The initials of a name: of every word but link words, then without a closing place ("w Radowicach"). */
    private static List<String> initials(String name) {
        List<String> words = java.util.Arrays.stream(name.split("[\\s-]+")).filter(w -> !w.isEmpty() && !LINK_WORD.matcher(w).matches()).toList();
        StringBuilder all = new StringBuilder();
        StringBuilder capitals = new StringBuilder();
        for (String w : words) {
            char first = Character.toUpperCase(w.charAt(0));
            all.append(first);
            if (Character.isUpperCase(w.charAt(0))) {
                capitals.append(first);
            }
        }
        List<String> out = new ArrayList<>(List.of(all.toString(), capitals.toString()));
        Matcher place = CLOSING_PLACE.matcher(name);
        if (place.find()) {
            out.addAll(initials(name.substring(0, place.start())));
        }
        return out.stream().filter(x -> x.length() >= 2).distinct().toList();
    }

    private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}{2,6}");
    private static final Pattern ACRONYM_PLACE = Pattern.compile("(\\p{Lu}{2,6})(\\s(?:w|we|in|de|do|da|di|of|von|van)\\s\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+)?)");
    private static final Pattern LINK_WORD = Pattern.compile("(?i)of|the|and|de|del|della|dell|do|da|dos|das|du|des|la|le|di|van|von|der|den|w|we|z|i|y|e|et|und|für|for");
    private static final Pattern CLOSING_PLACE = Pattern.compile("\\s(?:w|we|in|de|do|da|di|of|von|van)\\s\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+)?$");

    private static final Pattern LEGAL_FORM = Pattern.compile(
            "GmbH|AG|SE|KG|KGaA|eG|e\\.V\\.|Ltd|Ltd\\.|plc|PLC|Inc|Inc\\.|Corp|Corp\\.|LLC|SA|S\\.A\\.|SAS|SpA|S\\.p\\.A\\.|BV|B\\.V\\.|NV|N\\.V\\.|Lda|Ltda");

    /**
     * A name found once (by NER or by pattern) is that name wherever it occurs: every other occurrence in
     * title and body becomes a mention too, and a shorter name that starts a longer one ("Insomniac" and
     * "Insomniac Games") joins the longer one.
     */
    private static List<Candidate> propagate(Article a, List<Candidate> mentions) {
        List<Candidate> out = new ArrayList<>();
        Map<String, Candidate> byName = new LinkedHashMap<>();
        for (Candidate c : mentions) {
            if (c.entry() == null) {
                byName.merge(c.name(), c, (x, y) -> x.weight() >= y.weight() ? x : y);
            }
        }
        Map<String, String> longer = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            for (String other : byName.keySet()) {
                // a name ending in the shorter one is its long form when it is an institution's ("Commune de Rolle") or
                // when it comes first; "Blizzard" named before "Activision Blizzard" is another body
                boolean suffix = other.endsWith(" " + name) && (startsWithHead(a, other)
                        || Article.byPosition().compare(byName.get(other).span(), byName.get(name).span()) < 0);
                // "School district hit by ransomware" and "Harlow Valley School District": a head word alone is the
                // institution named with it
                boolean headAlone = a.rules.word("org.head").matcher(name).matches()
                        && (" " + other + " ").contains(" " + name + " ");
                if (other.length() > name.length() && (other.startsWith(name + " ") || suffix || headAlone)
                        && (!longer.containsKey(name) || longer.get(name).length() > other.length())) {
                    longer.put(name, other);
                }
            }
        }
        for (Candidate c : mentions) {
            if (c.entry() == null && longer.containsKey(c.name())) {
                Candidate target = byName.get(longer.get(c.name()));
                out.add(new Candidate(target.key(), target.name(), null, c.span(), c.weight()));
            } else {
                out.add(c);
            }
        }
        for (Candidate c : byName.values()) {
            if (longer.containsKey(c.name()) || c.name().length() < 3) {
                continue;
            }
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(c.name()) + "(?![\\p{L}\\p{N}])");
            for (Text.Span s : a.find(p)) {
                boolean covered = out.stream().anyMatch(o -> o.span().field().equals(s.field())
                        && o.span().start() < s.end() && s.start() < o.span().end());
                if (!covered) {
                    out.add(new Candidate(c.key(), c.name(), null, s, c.weight()));
                }
            }
        }
        // "munícipes de Vale Formoso" after "Câmara Municipal de Vale Formoso": the place an institution is named
        // after stands for it, also where a listed name ("Vale") starts the place's name
        Pattern placeOf = a.rules.derived("placeOf", () -> "(?iu:" + a.rules.alternation("org.head") + ")(?:\\s+\\p{L}+)?\\s+"
                + "(?:de|di|of|van|von|do|da|du|del|della|des|" + a.rules.alternation("org.place.prep") + ")\\s+(\\p{Lu}.+)$", 0);
        for (Candidate c : byName.values()) {
            Matcher m = placeOf.matcher(c.name());
            if (!startsWithHead(a, c.name()) || !m.lookingAt() || m.group(1).length() < 3) {
                continue;
            }
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(m.group(1)) + "(?![\\p{L}\\p{N}])");
            for (Text.Span s : a.find(p)) {
                if (dateline(a, s) || inBoilerplate(a, s)) {
                    continue; // "Ávila – El Ayuntamiento de Navalcuervo ...": where the story is filed is no mention of "Diputación de Ávila"
                }
                boolean own = out.stream().anyMatch(o -> o.key().equals(c.key()) && o.span().field().equals(s.field())
                        && o.span().start() <= s.start() && s.end() <= o.span().end());
                boolean crossing = out.stream().anyMatch(o -> o.span().field().equals(s.field()) && o.span().start() < s.end()
                        && s.start() < o.span().end() && (o.span().start() < s.start() || o.span().end() > s.end()));
                if (!own && !crossing) {
                    out.removeIf(o -> o.span().field().equals(s.field()) && s.start() <= o.span().start() && o.span().end() <= s.end());
                    out.add(new Candidate(c.key(), c.name(), null, s, c.weight()));
                }
            }
        }
        return out;
    }

    /** The body writes {@code name} on its own, not as part of a longer capitalised name ("Water" in "Ostmere Water"). */
    private static boolean standsAlone(Text body, String name) {
        return alone(name).matcher(body.text()).find();
    }

    /** {@code name} as a whole word and not inside a longer capitalised phrase ("Kestrel" not in "Trivium Kestrel Holdings"). */
    private static Pattern alone(String name) {
        return Pattern.compile("(?<!\\p{Lu}[\\p{L}\\p{N}&'’-]{0,30}\\s)(?<![\\p{L}\\p{N}])" + Pattern.quote(name)
                + "(?![\\p{L}\\p{N}])(?!\\s\\p{Lu})");
    }

    /** A platform named as a channel: a channel word right before or after it ("chaîne Telegram", "Telegram-Kanal"). */
    private static boolean channel(Article a, Text.Span span) {
        Text t = a.field(span.field());
        String before = t.text().substring(Math.max(0, span.start() - 25), span.start());
        String after = t.text().substring(span.end(), Math.min(t.text().length(), span.end() + 25));
        return CHANNEL_BEFORE.matcher(before).find() || CHANNEL_AFTER.matcher(after).lookingAt();
    }

    private static final Pattern CHANNEL_BEFORE = Pattern.compile("(?iu)(?<![\\p{L}])(?:chaîne|canal|canale|kanaal|kanał\\p{L}*|Kanal|channel)\\s+(?:\\p{Ll}+\\s+)?$");
    private static final Pattern CHANNEL_AFTER = Pattern.compile("(?iu)[\\s-]+(?:channel|Kanal|Kanälen|kanaal|account|group|Gruppe|groep)(?![\\p{L}])");

    /** The single word a body's dateline names, or "". */
    private static String datelineWord(Article a) {
        Matcher m = DATELINE_WORD.matcher(a.body.text());
        if (!m.lookingAt()) {
            return "";
        }
        Text.Span span = new Text.Span(Text.BODY, m.start(1), m.end(1), m.group(1));
        return dateline(a, span) ? m.group(1) : "";
    }

    private static final Pattern DATELINE_WORD = Pattern.compile("\\s*(\\p{Lu}[\\p{L}-]+)");

    /** The place a story is filed from, opening the body: "Ávila – ", "Hamburg (dpa-AFX) – ", "LISBOA — ". */
    static boolean dateline(Article a, Text.Span span) {
        return span.field().equals(Text.BODY) && a.body.text().substring(0, span.start()).isBlank()
                && DATELINE_TAIL.matcher(a.body.text()).region(span.end(), a.body.text().length()).lookingAt();
    }

    private static final Pattern DATELINE_TAIL = Pattern.compile("(?:\\s*\\([^)]{1,30}\\))?\\s*[–—-]\\s|,\\s\\p{L}+(?:\\s\\p{L}+)?\\s*[–—-]\\s");

    private static boolean startsWithHead(Article a, String name) {
        Matcher m = a.rules.word("org.head").matcher(name);
        return m.lookingAt() && Character.isUpperCase(name.charAt(0)) || a.rules.word("org.head.lower").matcher(name).lookingAt();
    }

    /**
     * "Szpitala Miejskiego w Grodkowie" in the headline and "Szpital Miejski w Grodkowie" in the body: forms of one name
     * that differ only in word endings are one candidate, named by its most frequent form (the body's first on a tie).
     */
    private static List<Candidate> inflections(List<Candidate> mentions) {
        Map<String, List<Candidate>> byName = new LinkedHashMap<>();
        mentions.stream().filter(c -> c.entry() == null)
                .sorted(Comparator.comparing((Candidate c) -> c.span().field().equals(Text.BODY) ? 0 : 1).thenComparingInt(c -> c.span().start()))
                .forEach(c -> byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c));
        Map<String, String> canonical = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(byName.keySet());
        for (String name : names) {
            for (String other : names) {
                if (!name.equals(other) && sameInflectedName(name, other) && !canonical.containsKey(other)
                        && byName.get(other).size() <= byName.get(name).size() && !canonical.containsKey(name)) {
                    canonical.put(other, name);
                }
            }
        }
        // "Kurs Mostostalu w dół" and "Akcje spółki Mostostal Wiślany": an inflected start of a longer name is that name
        for (String name : names) {
            String[] words = name.split("\\s+");
            for (String other : names) {
                String[] longer = other.split("\\s+");
                if (!canonical.containsKey(name) && !canonical.containsKey(other) && longer.length > words.length
                        && !name.equals(longer[0]) && sameInflectedName(name, String.join(" ", java.util.Arrays.copyOf(longer, words.length)))) {
                    canonical.put(name, other);
                }
            }
        }
        if (canonical.isEmpty()) {
            return mentions;
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : mentions) {
            String to = c.entry() == null ? canonical.get(c.name()) : null;
            if (to == null) {
                out.add(c);
            } else {
                Candidate target = byName.get(to).get(0);
                out.add(new Candidate(target.key(), target.name(), null, c.span(), c.weight()));
            }
        }
        return out;
    }

    private static boolean sameInflectedName(String x, String y) {
        String[] a = x.split("\\s+");
        String[] b = y.split("\\s+");
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(b[i])) {
                continue;
            }
            int common = 0;
            while (common < Math.min(a[i].length(), b[i].length()) && a[i].charAt(common) == b[i].charAt(common)) {
                common++;
            }
            if (common < 3 || common < Math.max(a[i].length(), b[i].length()) - 3) {
                return false;
            }
        }
        return true;
    }

    private static boolean precededByDeterminer(Article a, Text t, int start) {
        Matcher m = Pattern.compile("([\\p{L}]+)\\s+$").matcher(t.text().substring(Math.max(0, start - 20), start));
        return m.find() && a.rules.word("determiner").matcher(m.group(1)).matches();
    }

    /**
     * "Stormforge's Battlegrid service was hit": a name written with an owner's possessive before it is the owner's
     * product, and every mention of it counts for the owner.
     */
    private static List<Candidate> owners(Article a, List<Candidate> mentions) {
        Map<String, Candidate> ownerOf = new LinkedHashMap<>();
        for (Candidate c : mentions) {
            Text t = a.field(c.span().field());
            String before = t.text().substring(Math.max(0, c.span().start() - 3), c.span().start());
            if (!before.matches("(?s).*['’]s?\\s")) {
                continue;
            }
            int end = c.span().start() - (before.endsWith("s ") ? 3 : 2);
            mentions.stream().filter(o -> o != c && !o.key().equals(c.key()) && o.span().field().equals(c.span().field())
                    && o.span().end() == end).findFirst().ifPresent(o -> ownerOf.putIfAbsent(c.key(), o));
        }
        if (ownerOf.isEmpty()) {
            return mentions;
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : mentions) {
            Candidate owner = ownerOf.get(c.key());
            out.add(owner == null ? c : new Candidate(owner.key(), owner.name(), owner.entry(), c.span(), c.weight()));
        }
        return out;
    }

    /** Institution names and descriptor appositions, found by pattern in both fields. */
    static List<Candidate> patternOrganisations(Article a) {
        List<Candidate> found = new ArrayList<>();
        Pattern head = a.rules.word("org.head");
        Pattern descriptor = a.rules.derived("descriptor", () -> "(?iu:(?<![\\p{L}])[\\p{L}-]*?" + a.rules.alternation("org.descriptor")
                + "[\\p{L}]*)(?:(?:\\s+\\p{Ll}[\\p{L}-]*){0,3}\\s+\\p{Ll}[\\p{L}-]{3,})?\\s+(" + PROPER_PHRASE.pattern() + ")", 0);
        Pattern headAdjectives = a.rules.derived("headAdjectives", () -> "(?<![\\p{L}])(?iu:" + a.rules.alternation("org.head") + ")"
                + "(?:\\s+(?:" + a.rules.alternation("org.adjective") + "))+(?:\\s+(?:de|du|des|di|del|della|do|da)\\s+" + NAME_WORD
                + "(?:\\s" + NAME_WORD + "){0,2}|\\s+d['’]" + NAME_WORD + ")?(?![\\p{L}])", LanguageRules.flags() & ~Pattern.CASE_INSENSITIVE);
        Pattern descriptorWord = descriptorWord(a);
        Pattern apposition = a.rules.derived("apposition", () -> "(" + PROPER_PHRASE.pattern() + "),\\s+(?:\\p{Ll}[\\p{L}'’-]*\\s+){0,2}"
                + descriptorWord(a).pattern() + "(?![\\p{L}])", 0);
        Pattern placePrep = a.rules.derived("placePrep", () -> "\\s+(?:" + a.rules.alternation("org.place.prep") + ")\\s+" + NAME_WORD
                + "(?:[ -]" + NAME_WORD + ")?(?![\\p{L}])", LanguageRules.flags() & ~Pattern.CASE_INSENSITIVE);
        Pattern lowerHead = a.rules.derived("lowerHead", () -> "(?<![\\p{L}])(?:" + a.rules.alternation("org.head.lower") + ")"
                + "(?:\\s+(?:(?:de|du|di|del|della|do|da|van|von|of|w)\\s+|d['’])|\\s+)"
                + PROPER_PHRASE.pattern().substring("(?<![\\p{L}\\p{N}_.])".length()), LanguageRules.flags() & ~Pattern.CASE_INSENSITIVE);
        for (Text t : a.fields()) {
            Matcher m = PROPER_PHRASE.matcher(t.text());
            while (m.find()) {
                Matcher lead = LEADING_ARTICLE.matcher(m.group());
                int offset = lead.lookingAt() ? lead.end() : 0;
                String raw = wholePhrase(t, m, offset);
                String text = raw.substring(offset).replaceAll("[.:'’-]+$", "").strip();
                if (!text.contains(" ") || !caseSensitiveHead(head, text)) {
                    continue;
                }
                // the head word alone is not a name: "Hospital" needs "Clínic", "Council" needs "Calliope Shire"
                String withoutHead = head.matcher(text).replaceAll("").replaceAll("\\b(?:de|van|of|du|des|del|la|y|di|do|da)\\b", "").strip();
                if (withoutHead.length() < 2) {
                    continue;
                }
                int start = m.start() + offset;
                text = withoutTrailingNoun(a, text);
                Matcher place = placePrep.matcher(t.text()).region(start + text.length(), t.text().length());
                if (place.lookingAt()) {
                    text = t.text().substring(start, place.end()); // "Szpital Miejski w Grodkowie"
                }
                found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                        new Text.Span(t.field(), start, start + text.length(), text), 0.9));
            }
            // "Centre hospitalier sud francilien", "Azienda sanitaria locale di Pescara": Romance institution names go on
            // with lower-case adjectives after the head word
            Matcher h = headAdjectives.matcher(t.text());
            while (h.find()) {
                if (Character.isUpperCase(h.group().charAt(0))) {
                    String text = h.group().strip();
                    found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                            new Text.Span(t.field(), h.start(), h.start() + text.length(), text), 0.9));
                }
            }
            // "de gemeente Hof van Twente": a head word written in lower case, with the name after it
            Matcher lower = lowerHead.matcher(t.text());
            while (lower.find()) {
                String text = lower.group().replaceAll("[.:'’-]+$", "").strip();
                if (t.field().equals(Text.TITLE) && !a.body.text().contains(text)) {
                    continue; // "l'hôpital d'Armentières" in a headline is its short form: the body names it in full
                }
                found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                        new Text.Span(t.field(), lower.start(), lower.start() + text.length(), text), 0.9));
            }
            Matcher d = descriptor.matcher(t.text());
            while (d.find()) {
                String text = d.group(1).replaceAll("[.:'’-]+$", "").strip();
                int start = d.start(1);
                // "Datenbank hat beim Online-Buchhändler Seitenwerk42": a descriptor opening the phrase is not the name
                int space = text.indexOf(' ');
                // (in German only, where every noun is capitalised: elsewhere "Seguros Alcarria", "Spaarbank Westhoek" and
                // "Consorzio Idrico Alto Sannio" are names that start with what they are)
                if (space > 0 && a.rules.language().equals("de") && descriptorWord.matcher(text.substring(0, space)).matches()) {
                    text = text.substring(space + 1);
                    start += space + 1;
                }
                // "il Consorzio Idrico Alto Sannio", "van Spaarbank Westhoek": outside German a capitalised descriptor right
                // before the name, not opening a sentence, is the name's first word
                if (!a.rules.language().equals("de") && Character.isUpperCase(t.text().codePointAt(d.start()))
                        && t.text().substring(d.start(), start).matches("\\S+\\s+")
                        && !t.text().substring(t.sentenceStart(d.start()), d.start()).isBlank()) {
                    text = t.text().substring(d.start(), start) + text;
                    start = d.start();
                }
                text = withoutTrailingNoun(a, text);
                if (text.length() < 2) {
                    continue;
                }
                found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                        new Text.Span(t.field(), start, start + text.length(), text), 0.9));
            }
            // "Polkomtel, operator sieci Plus, poinformował": a name opening its sentence with a descriptor in apposition
            // (not "a spokesman for GGD GHOR Nederland, the umbrella body": who speaks for a body is no subject)
            Matcher ap = apposition.matcher(t.text());
            while (ap.find()) {
                String text = ap.group(1).replaceAll("[.:'’-]+$", "").strip();
                Matcher lead = LEADING_ARTICLE.matcher(text);
                int start = ap.start(1) + (lead.lookingAt() ? lead.end() : 0);
                text = text.substring(start - ap.start(1));
                if (text.length() >= 2 && t.text().substring(t.sentenceStart(ap.start(1)), ap.start(1)).isBlank()) {
                    found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null,
                            new Text.Span(t.field(), start, start + text.length(), text), 0.9));
                }
            }
        }
        return found;
    }

    /**
     * The phrase {@code m} found, run on past the phrase's word limit when a leading article of {@code offset} characters
     * took one of its words ("A Universidade Federal do Vale do Jequiriçá").
     */
    private static String wholePhrase(Text t, Matcher m, int offset) {
        if (offset > 0) {
            Matcher again = PROPER_PHRASE.matcher(t.text()).region(m.start() + offset, t.text().length());
            if (again.lookingAt() && again.end() > m.end()) {
                return t.text().substring(m.start(), again.end());
            }
        }
        return m.group();
    }

    /**
     * Capitalised names in a victim's place ("attack on X", "X was hit by", "X's servers", "X padł ofiarą").
     */
    private static List<Candidate> positionalNames(Article a) {
        List<Candidate> found = new ArrayList<>();
        for (Text t : a.fields()) {
            Matcher m = PROPER_PHRASE.matcher(t.text());
            while (m.find()) {
                Matcher lead = LEADING_ARTICLE.matcher(m.group());
                int offset = lead.lookingAt() ? lead.end() : 0;
                String raw = wholePhrase(t, m, offset);
                String text = raw.substring(offset).replaceAll("[.:,'’-]+$", "").strip();
                int start = m.start() + offset;
                if (text.length() < 2) {
                    continue;
                }
                Text.Span span = new Text.Span(t.field(), start, start + text.length(), text);
                // "Blizzard's Battle.net service was hit": the owner is the victim, not its product
                boolean owned = t.text().substring(Math.max(0, start - 4), start).matches("(?s).*\\p{L}['’]s?\\s");
                if (owned || overlapsMention(a, span) || !targetPosition(a, span)) {
                    continue;
                }
                boolean single = !text.contains(" ");
                // a capitalised single word is a name only when the article never writes it in lower case and it is no
                // pronoun or determiner ("It was hit", "Diese wurde"); German capitalises every noun, and a noun there
                // comes with an article ("die Produktion wurde lahmgelegt"), a name need not
                if (single && (writtenLowerCase(a.body, text) || writtenLowerCase(a.title, text) || text.length() < 3
                        || a.rules.word("determiner").matcher(text).matches()
                        || a.rules.language().equals("de") && (offset > 0 || precededByDeterminer(a, t, start)))) {
                    continue;
                }
                found.add(new Candidate("p:" + text.toLowerCase(Locale.ROOT), text, null, span, 0.9));
            }
        }
        return found;
    }

    /** After what an attack is aimed at ("ransomware attack on the", "hackers broke into") or before a victim's verb. */
    private static boolean targetPosition(Article a, Text.Span span) {
        if (aimedAt(a, span)) {
            return true;
        }
        Text t = a.field(span.field());
        String after = t.text().substring(span.end(), Math.min(t.sentenceEnd(span.end()), span.end() + 60));
        Matcher verb = a.rules.term("victim.strong").matcher(after);
        // the verb is this name's, not that of another name between them ("Secondo l'azienda, Lunaforte è stata colpita")
        return verb.find() && verb.start() <= 30 && !after.substring(0, verb.start()).matches("(?s).*\\p{Lu}.*");
    }

    /** Right after what an attack is aimed at: "ransomware attack on", "the systems of", "an employee of". */
    private static boolean aimedAt(Article a, Text.Span span) {
        Text t = a.field(span.field());
        int sentence = t.sentenceStart(span.start());
        String before = t.text().substring(Math.max(sentence, span.start() - 60), span.start());
        Pattern target = a.rules.derived("targetTail", () -> "(?<![\\p{L}])" + a.rules.alternation("victim.target")
                + "(?:\\s+|(?<=['’]))(?:\\p{Ll}[\\p{L}'’-]*\\s+){0,2}$", LanguageRules.flags());
        return target.matcher(before).find();
    }

    /**
     * German writes nouns capitalised, so a name runs into the noun after it ("bei der Krankenkasse Rheinmark Daten
     * erbeutet"): a name written once whose shorter start stands alone elsewhere in the article is that shorter name.
     */
    private static String withoutTrailingNoun(Article a, String text) {
        if (!a.rules.language().equals("de") || text.split(" ").length < 2 || a.find(Pattern.compile(Pattern.quote(text))).size() > 1) {
            return text;
        }
        String shorter = text.substring(0, text.lastIndexOf(' '));
        if (a.rules.word("org.head").matcher(shorter).matches()) {
            return text; // "Kreisklinikum Nordheide-Wümme": a head word alone is no shorter name
        }
        Pattern alone = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(shorter) + "(?![\\p{L}\\p{N}])(?!\\s\\p{Lu})");
        return a.find(alone).isEmpty() ? text : shorter;
    }

    /** A word written capitalised inside a body sentence (not at its start) is a name, not a capitalised common word. */
    private static boolean capitalisedMidSentence(Text body, String word) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(body.text());
        while (m.find()) {
            if (body.sentenceStart(m.start()) < m.start() - 1) {
                return true;
            }
        }
        return false;
    }

    /** The head word must be written capitalised in the name ("Hospital Clínic", not "hospital staff"). */
    private static boolean caseSensitiveHead(Pattern head, String text) {
        Matcher m = head.matcher(text);
        while (m.find()) {
            // "Offener Cloud-Speicher": a head word that starts a compound is not the head of a name
            if (Character.isUpperCase(m.group().charAt(0)) && !text.startsWith("-", m.end())) {
                return true;
            }
        }
        return false;
    }

    /** "Vlaamse webwinkel", "Danish hosting firm": a capitalised adjective, not a name. */
    private static boolean adjectiveBeforeNoun(String text, int start, int end) {
        String word = text.substring(start, end);
        if (word.contains(" ") || !DEMONYM.matcher(word).matches()) {
            return false;
        }
        String after = text.substring(end);
        return after.matches("(?s)^\\s+\\p{Ll}.*");
    }

    private static final Map<String, Set<String>> CALENDAR_OR_COUNTRY = new java.util.concurrent.ConcurrentHashMap<>();

    /** Day, month and country names of a language ("Tuesday", "Italia", "marzo"): capitalised, never an organisation. */
    static Set<String> calendarOrCountry(String language) {
        return CALENDAR_OR_COUNTRY.computeIfAbsent(language, l -> {
            Locale locale = Locale.forLanguageTag(l);
            Set<String> names = new java.util.HashSet<>();
            for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                names.add(d.getDisplayName(java.time.format.TextStyle.FULL, locale).toLowerCase(Locale.ROOT));
            }
            for (java.time.Month m : java.time.Month.values()) {
                names.add(m.getDisplayName(java.time.format.TextStyle.FULL, locale).toLowerCase(Locale.ROOT));
                names.add(m.getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, locale).toLowerCase(Locale.ROOT));
            }
            for (String country : Locale.getISOCountries()) {
                names.add(new Locale("", country).getDisplayCountry(locale).toLowerCase(Locale.ROOT));
            }
            return Set.copyOf(names);
        });
    }

    /** Investigators, regulators, researchers and attacker groups are never the organisation sought. */
    private static boolean notACandidate(Article a, Candidate c) {
        if (a.rules.word("victim.not").matcher(c.name()).find() || calendarOrCountry(a.rules.language()).contains(c.name().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (c.entry() == null && !c.name().contains(" ") && datelineWord(a).equals(c.name())) {
            return true; // "Lisbonne : Jerónimo Martins plonge" over "Lisbonne – Le distributeur ...": a place
        }
        if (c.entry() == null && channel(a, c.span())) {
            return true; // "sur sa chaîne Telegram": where attackers speak
        }
        // "Systeme des Händlers": what belongs to an organisation that only a descriptor names is no name
        Matcher link = GENITIVE_LINK.matcher(c.name());
        if (c.entry() == null && link.matches() && !link.group(2).contains(" ") && descriptorAlone(a).matcher(link.group(2)).matches()) {
            return true;
        }
        // "Prorussische Hacker", "the Lazarus hackers": a name ending in who attacks names attackers
        String[] words = c.name().split("\\s+");
        String last = words[words.length - 1];
        if (words.length > 1 && a.rules.word("attacker.people").matcher(last).matches()) {
            return true;
        }
        return attackerNamed(a, c.span()) || introducedAsInvestigator(a, c.span());
    }

    /**
     * "security firm Redwatch Labs", "researchers at Quantis", "beveiligingsbedrijf X": a name introduced by what
     * investigates or reports (the {@code victim.not} words), with at most one short word between.
     */
    private static boolean introducedAsInvestigator(Article a, Text.Span span) {
        Text t = a.field(span.field());
        String before = t.text().substring(Math.max(t.sentenceStart(span.start()), span.start() - 40), span.start());
        Pattern introduced = a.rules.derived("investigatorBefore", () -> "(?<![\\p{L}])(?:" + a.rules.alternation("victim.not")
                + ")(?:\\s+\\p{Ll}{1,4})?\\s+$", LanguageRules.flags());
        return introduced.matcher(before).find();
    }

    /**
     * A name that an attacker noun introduces or follows: "die Gruppe DoppelPaymer", "il gruppo criminale Monti",
     * "grupo de piratas informáticos Ragnar Locker", "the Rhysida ransomware gang". A business word before the noun
     * makes it a company's descriptor, not an attacker's ("outsourcing group Capita", "Industriegruppe").
     */
    static boolean attackerNamed(Article a, Text.Span span) {
        Text t = a.field(span.field());
        String before = t.text().substring(Math.max(t.sentenceStart(span.start()), span.start() - 60), span.start());
        Pattern introduced = a.rules.derived("attackerBefore", () -> "(?:^|(?<=[^\\p{L}]))(?:([\\p{L}-]+)\\s+)?" + a.rules.alternation("attacker.noun")
                + "(?:\\s+" + a.rules.alternation("attacker.qualifier") + "){0,2}\\s+$", LanguageRules.flags());
        Matcher b = introduced.matcher(before);
        if (b.find()) {
            String qualifier = b.group(1);
            if (qualifier == null || qualifier.length() <= 4 || Character.isUpperCase(qualifier.charAt(0)) || attackWord(a, qualifier)) {
                return true;
            }
        }
        String after = t.text().substring(span.end(), Math.min(t.sentenceEnd(span.end()), span.end() + 40));
        Pattern follows = a.rules.derived("attackerAfter", () -> "^\\s+(?:[\\p{L}-]+\\s+)?" + a.rules.alternation("attacker.noun") + "(?![\\p{L}])",
                LanguageRules.flags());
        Matcher f = follows.matcher(after);
        return f.find() && (f.group().trim().split("\\s+").length == 1 || attackWord(a, f.group().trim().split("\\s+")[0]));
    }

    private static boolean attackWord(Article a, String word) {
        for (String key : List.of("attack.ransomware", "attack.hack", "attack.ddos", "cause.cyberattack", "attacker.qualifier")) {
            if (a.rules.term(key).matcher(word).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a victim stands: after an attack term and a preposition ("Cyberangriff auf Varta", "ransomware at
     * X", "bij X", "chez X"), or before a victim verb ("X was hacked", "X confirmed", "X ist Opfer").
     */
    static boolean victimPosition(Article a, Text.Span span) {
        return victimPosition(a, span, "victim.verb");
    }

    /**
     * Like {@link #victimPosition(Article, Text.Span)} with a verb list: {@code victim.verb} includes what any
     * organisation does in a breach story ("confirmed", "said"), {@code victim.strong} only what a victim undergoes
     * ("was hit by", "X's servers", "fell victim", "sufrió", "padł ofiarą").
     */
    static boolean victimPosition(Article a, Text.Span span, String verbKey) {
        Text t = a.field(span.field());
        int sentence = t.sentenceStart(span.start());
        String before = t.text().substring(Math.max(sentence, span.start() - 50), span.start());
        Pattern prepTail = a.rules.derived("prepTail", () -> "(?<![\\p{L}])" + a.rules.alternation("victim.prep")
                + "(?:\\s+|(?<=['’]))(?:[\\p{L}'’-]+\\s+){0,2}$", LanguageRules.flags());
        if (prepTail.matcher(before).find()) {
            for (String key : VICTIM_BOOST) {
                if (a.rules.term(key).matcher(before).find()) {
                    return true;
                }
            }
        }
        int end = t.sentenceEnd(span.end());
        String after = t.text().substring(span.end(), Math.min(end, span.end() + 60));
        Matcher verb = a.rules.term(verbKey).matcher(after);
        return verb.find() && verb.start() <= 45;
    }

    /** Two points when the mention's sentence has one of the label's terms (the victim is where the attack is). */
    private static double boost(Article a, List<Pattern> terms, Text.Span span) {
        String sentence = a.field(span.field()).sentenceAround(span.start(), span.end());
        for (Pattern p : terms) {
            Matcher m = p.matcher(sentence);
            if (m.find()) {
                return 2.0;
            }
        }
        return 0.0;
    }

    private static boolean overlapsMention(Article a, Text.Span span) {
        return a.mentions.stream().anyMatch(m -> overlaps(m.span(), span));
    }

    /** Two spans of the same field that share at least one character. */
    private static boolean overlaps(Text.Span x, Text.Span y) {
        return x.field().equals(y.field()) && x.start() < y.end() && y.start() < x.end();
    }

    /** True when a candidate name is really a term (e.g. "Ransomware", "DDoS", "Hackers"). */
    private static boolean isTerm(Article a, String text) {
        for (String key : List.of("attack.ransomware", "attack.ddos", "attack.hack", "cause.cyberattack")) {
            Matcher m = a.rules.term(key).matcher(text);
            if (m.lookingAt()) {
                return true;
            }
        }
        // whole words only: "Northmere" does not start with the negation "no", "Stockton" not with "stock"
        for (String key : List.of("stock.context", "records.noun", "negation")) {
            if (a.rules.word(key).matcher(text).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static void vote(Map<String, Double> votes, Map<String, Article.Mention> first, String id, double w, Article.Mention m) {
        votes.merge(id, w, Double::sum);
        first.putIfAbsent(id, m);
    }

    private static String best(Map<String, Double> votes, Map<String, Article.Mention> first) {
        return votes.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                        .thenComparing(e -> -position(first.get(e.getKey()))))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static long position(Article.Mention m) {
        return (m.inTitle() ? 0L : 1_000_000L) + m.span().start();
    }
}
