package io.newsroute.classify.lexicon;

import java.util.HashMap;
import java.util.Map;

/**
 * The concepts a lexicon line may name ({@code concept<TAB>term}). Concepts are language
 * independent: the per-language lexicons map words to them, the scorer only sees concepts.
 */
public enum Concept {
    /** Something stopped working: outage, down, Ausfall, Störung, storing, panne, caída. */
    OUTAGE_EVENT("outage.event"),
    /** A cloud provider: AWS, Azure, Google Cloud, Cloudflare, OVHcloud. */
    CLOUD_PROVIDER("cloud.provider"),
    /** A named cloud or online service: S3, EC2, DynamoDB, Microsoft 365, PlayStation Network. */
    CLOUD_SERVICE("cloud.service"),
    /** A cloud region: us-east-1, eu-west-1, westeurope. */
    CLOUD_REGION("cloud.region"),
    /** The generic word: cloud, Cloud-Dienste, clouddienst, nuage. */
    CLOUD_GENERIC("cloud.generic"),
    /** A power cut: not a cloud outage by itself. */
    POWER_CUT("power.cut"),
    /** A breach happened: data breach, Datenleck, gehackt, datalek, fuite de données. */
    BREACH_EVENT("breach.event"),
    /** Data that can be breached: passwords, customer data, Kundendaten, persoonsgegevens. */
    BREACH_DATA("breach.data"),
    /** Taking or leaking data: stolen, stehlen, gestolen, volé, robados, leaked. */
    THEFT_VERB("theft.verb"),
    /** An attack or attacker: cyberattack, ransomware, DDoS, Hacker, Cyberangriff. */
    ATTACK_TERM("attack.term"),
    /** Benign security news: bug bounty, security update, penetration test. */
    SECURITY_BENIGN("security.benign"),
    /** Speculation that voids attack and breach terms in its whole sentence: suspected, vermutet, no evidence. */
    CUE_SPECULATION("cue.speculation"),
    /**
     * Negation or hedge that voids attack and breach terms up to three words after it in the same
     * clause: kein, keine, geen, no, sans; suspected, mutmaßlich, présumé, presunto.
     */
    CUE_NEGATION("cue.negation"),
    /** Shares and stock markets: share, stock, Aktie, Börse, aandeel, beurs, action, acción. */
    MARKET_TERM("market.term"),
    /** Exchanges, indices and tickers: NASDAQ, NYSE, Xetra, DAX, (NASDAQ: AMZN). */
    MARKET_EXCHANGE("market.exchange"),
    /** Investors and shareholders: Anleger, Aktionäre, beleggers, actionnaires. */
    MARKET_INVESTOR("market.investor"),
    /** Price moves: 3 %, Prozent, Kursverlust, rallied. */
    PRICE_MOVE("price.move"),
    /** Analyst ratings: buy, overweight, Kaufempfehlung, Kursziel, price target. */
    RATING("rating"),
    /** Crypto currencies: a crypto price is not a listed company's share. */
    CRYPTO("crypto"),
    /** Company results: revenue, quarterly results, Quartalszahlen; not stock commentary by itself. */
    RESULTS("results"),
    /*
     * Genre cues: what kind of text mentions the attack and data words. Advice, product news and
     * survey reports talk about phishing, passwords and ransomware without reporting a breach; the
     * model weighs these cues (alone, in the title and paired per sentence) against the breach terms.
     * security.benign stays for security activities that are not incidents (bug bounty, patch, drill).
     * Appended last: pair features are named in declaration order, so earlier pairs keep their names.
     */
    /** Advice: imperatives and second person: how to protect yourself, tips, so schützen Sie sich, conseils. */
    GENRE_ADVICE("genre.advice"),
    /** Product and funding news: unveils, new version, now available, funding round, start-up. */
    GENRE_PRODUCT("genre.product"),
    /** Surveys and statistics: study, survey, respondents, annual report, "40 % of companies". */
    GENRE_REPORT("genre.report");

    private static final Map<String, Concept> BY_ID = new HashMap<>();

    static {
        for (Concept concept : values()) {
            BY_ID.put(concept.id, concept);
        }
    }

    private final String id;

    Concept(String id) {
        this.id = id;
    }

    /** The name used in lexicon files and evidence, e.g. {@code outage.event}. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException for an unknown concept id */
    public static Concept of(String id) {
        Concept concept = BY_ID.get(id);
        if (concept == null) {
            throw new IllegalArgumentException("unknown concept '" + id + "'; known: " + BY_ID.keySet());
        }
        return concept;
    }

    public boolean isCloud() {
        return this == CLOUD_PROVIDER || this == CLOUD_SERVICE || this == CLOUD_REGION || this == CLOUD_GENERIC;
    }

    /** Whether this is a cue (speculation or negation) rather than a topic concept. */
    public boolean isCue() {
        return this == CUE_SPECULATION || this == CUE_NEGATION;
    }

    /** Concepts governed by speculation and negation cues. */
    public boolean isBreachSide() {
        return this == BREACH_EVENT || this == BREACH_DATA || this == THEFT_VERB || this == ATTACK_TERM;
    }
}
