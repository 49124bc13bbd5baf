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
    private static final Pattern PROPER_PHRASE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}\\p{N}&.'’-]*(?:\\s(?:(?:van|de|der|den|of|du|des|del|la|y|&|and|und)\\s)?\\p{Lu}[\\p{L}\\p{N}&.'’-]*){0,3}");

    private FactRules() {
    }

    // ---------------------------------------------------------------- outage

    static OutageFacts outage(Article a, Gazetteer gazetteer) {
        List<Evidence> evidence = new ArrayList<>();
        Map<String, Double> votes = new LinkedHashMap<>();
        Map<String, Article.Mention> first = new LinkedHashMap<>();
        for (Article.Mention m : a.mentions) {
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
            List<Text.Span> spans = a.findAsserted(a.rules.term("cause." + c));
            double score = Article.weight(spans);
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
        return OutageFacts.newBuilder()
                .setProvider(provider)
                .setRegions(List.copyOf(regions))
                .setServices(List.copyOf(services))
                .setAffectedCustomers(List.copyOf(affected))
                .setCause(cause)
                .setDurationMinutes(durationMinutes)
                .setEvidence(evidence)
                .build();
    }

    static List<Text.Span> regionSpans(Article a) {
        List<Text.Span> spans = new ArrayList<>();
        for (Text t : a.fields()) {
            spans.addAll(t.find(AWS_REGION));
            spans.addAll(t.find(GCP_REGION));
            spans.addAll(t.find(AZURE_REGION));
            for (Text.Span s : t.find(NAMED_REGION)) {
                spans.add(new Text.Span(s.field(), s.start(), s.end(), namedRegion(s.text())));
            }
            Matcher m = CITY_REGION.matcher(t.text());
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
        Candidate victim = organisation(a, gazetteer, Set.of("company", "platform", "provider"),
                List.of("attack.hack", "attack.ransomware", "attack.ddos", "attack.leak", "attack.insider", "attack.credential-stuffing"));
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
        Candidate company = organisation(a, gazetteer, Set.of("company"), List.of("stock.context", "stock.up", "stock.down"));
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
        for (Text t : a.fields()) {
            for (Quantities.Percent p : q.percents(t)) {
                String sentence = t.sentenceAround(p.span().start(), p.span().end());
                int dir = p.sign() != 0 ? p.sign() : direction(t, p.span(), up, down);
                boolean stocky = context.matcher(sentence).find() || company != null && sentence.contains(company.span().text())
                        || t.field().equals(Text.TITLE);
                if (dir != 0 && stocky) {
                    change = dir * p.value();
                    direction = dir > 0 ? "up" : "down";
                    evidence.add(p.span().evidence("stock.changePercent"));
                    break;
                }
            }
            if (change != null) {
                break;
            }
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

    /** +1 / -1 from the price-move verb nearest to a percentage in its sentence; 0 when none. */
    private static int direction(Text t, Text.Span p, Pattern up, Pattern down) {
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
        return dir;
    }

    private static int distance(int start, int end, Text.Span p) {
        return end <= p.start() ? p.start() - end : Math.max(0, start - p.end());
    }

    // ---------------------------------------------------------------- organisations

    record Candidate(String name, Gazetteer.Entry entry, Text.Span span) {
    }

    /**
     * The organisation an article is about: gazetteer entities of the given types, then NER
     * organisations, then (when neither names one) capitalised phrases of the title. Score: three
     * per title mention, one per body mention; ties go to the earliest.
     */
    static Candidate organisation(Article a, Gazetteer gazetteer, Set<String> types, List<String> boostKeys) {
        List<Pattern> boostTerms = boostKeys.stream().map(a.rules::term).toList();
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, Candidate> firstSeen = new LinkedHashMap<>();
        for (Article.Mention m : a.mentions) {
            Optional<Gazetteer.Entry> e = types.stream().map(t -> m.hit().ofType(t)).flatMap(Optional::stream).findFirst();
            if (e.isEmpty() || m.hit().ofType("media").isPresent() || m.hit().ofType("exchange").isPresent() && !types.contains("exchange")) {
                continue;
            }
            Gazetteer.Entry entry = e.get();
            if (entry.type().equals("platform") && gazetteer != null) {
                entry = entry.attribute("parent").flatMap(gazetteer::byId).orElse(entry); // PlayStation Network: Sony
            }
            e = Optional.of(entry);
            String key = "g:" + entry.id();
            score.merge(key, (m.inTitle() ? 3.0 : 1.0) + boost(a, boostTerms, m.span()), Double::sum);
            firstSeen.putIfAbsent(key, new Candidate(e.get().name(), e.get(), m.span()));
        }
        Set<String> gazetteerTexts = new LinkedHashSet<>();
        a.mentions.forEach(m -> gazetteerTexts.add(m.span().text().toLowerCase(Locale.ROOT)));
        for (Article.Named n : a.named) {
            if (!n.type().equals("ORG")) {
                continue;
            }
            String text = n.span().text().strip();
            if (text.length() < 2 || overlapsMention(a, n.span()) || isTerm(a, text)) {
                continue;
            }
            String key = "n:" + text.toLowerCase(Locale.ROOT);
            score.merge(key, ((n.span().field().equals(Text.TITLE) ? 3.0 : 1.0) + boost(a, boostTerms, n.span())) * 0.9, Double::sum);
            firstSeen.putIfAbsent(key, new Candidate(text, null, n.span()));
        }
        if (score.isEmpty() && !a.rules.language().equals("de")) {
            Matcher m = PROPER_PHRASE.matcher(a.title.text());
            while (m.find()) {
                String text = m.group().replaceAll("[.:'’-]+$", "").strip();
                boolean sentenceInitial = m.start() == 0 || a.title.text().substring(0, m.start()).matches(".*[:.!?«\"]\\s*$");
                if (text.length() < 2 || (sentenceInitial && !text.contains(" ")) || isTerm(a, text)) {
                    continue;
                }
                String key = "p:" + text.toLowerCase(Locale.ROOT);
                score.merge(key, 1.0, Double::sum);
                firstSeen.putIfAbsent(key, new Candidate(text, null, new Text.Span(Text.TITLE, m.start(), m.start() + text.length(), text)));
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
        return best == null ? null : firstSeen.get(best);
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
        return a.mentions.stream().anyMatch(m -> m.span().field().equals(span.field())
                && m.span().start() < span.end() && span.start() < m.span().end());
    }

    /** True when a candidate name is really a term (e.g. "Ransomware", "DDoS", "Hackers"). */
    private static boolean isTerm(Article a, String text) {
        for (String key : List.of("attack.ransomware", "attack.ddos", "attack.hack", "cause.cyberattack", "stock.context",
                "records.noun", "negation")) {
            Matcher m = a.rules.term(key).matcher(text);
            if (m.lookingAt()) {
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
