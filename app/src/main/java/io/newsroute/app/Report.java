package io.newsroute.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.sink.search.SearchHit;
import io.newsroute.sink.search.SearchResult;

/** Plain-text tables for the terminal. */
final class Report {
    private Report() {
    }

    /** One block per article: title, language, labels with scores, the topics it went to. */
    static void printArticles(PrintWriter out, List<EnrichedArticle> articles, Map<String, List<String>> topicsById) {
        int n = 0;
        for (EnrichedArticle article : articles) {
            n++;
            out.printf(Locale.ROOT, "%2d. %s%n", n, shorten(titleOf(article), 90));
            out.printf(Locale.ROOT, "    source    %s%n", article.getSource());
            out.printf(Locale.ROOT, "    language  %s (%.2f)%s%n", article.getLanguage().getCode(), article.getLanguage().getConfidence(),
                    article.getLanguage().getClassificationSupported() ? "" : "  [no classification support: best effort]");
            out.printf(Locale.ROOT, "    labels    %s%n", labels(article));
            out.printf(Locale.ROOT, "    scores    %s%n", article.getScores().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
            out.printf(Locale.ROOT, "    topics    %s%n", String.join(", ", topicsById.getOrDefault(article.getId(), List.of())));
            for (String line : facts(article)) {
                out.printf(Locale.ROOT, "    facts     %s%n", line);
            }
        }
        out.flush();
    }

    static void printSearch(PrintWriter out, String query, SearchResult result) {
        out.printf(Locale.ROOT, "search \"%s\": %d hit%s%n", query, result.total(), result.total() == 1 ? "" : "s");
        int n = 0;
        for (SearchHit hit : result.hits()) {
            n++;
            out.printf(Locale.ROOT, "%2d. [%s] %s%n", n, hit.language(), shorten(hit.title().isBlank() ? "(no headline) " + hit.source() : hit.title(), 90));
            out.printf(Locale.ROOT, "    labels  %s%n", hit.labels().isEmpty() ? "(none)" : hit.labels().stream()
                    .map(l -> String.format(Locale.ROOT, "%s %.2f", l, hit.scores().getOrDefault(l, 0.0))).collect(Collectors.joining(", ")));
            if (!hit.snippet().isBlank()) {
                out.printf(Locale.ROOT, "    %s%n", shorten(plainSnippet(hit.snippet()), 160));
            }
        }
        if (!result.labelCounts().isEmpty()) {
            out.printf(Locale.ROOT, "labels:    %s%n", counts(result.labelCounts()));
        }
        if (!result.languageCounts().isEmpty()) {
            out.printf(Locale.ROOT, "languages: %s%n", counts(result.languageCounts()));
        }
        out.flush();
    }

    /** The highlight comes HTML-escaped with {@code <em>} around matches: on a terminal, *match* and plain text. */
    static String plainSnippet(String html) {
        return html.replace("<em>", "*").replace("</em>", "*").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** One line per label with facts, e.g. "outage: provider aws, services DynamoDB, cause dns". */
    static List<String> facts(EnrichedArticle article) {
        List<String> lines = new java.util.ArrayList<>();
        io.newsroute.schema.Facts facts = article.getFacts();
        if (facts == null) {
            return lines;
        }
        if (facts.getOutage() != null) {
            io.newsroute.schema.OutageFacts o = facts.getOutage();
            lines.add(join("outage", "provider", o.getProvider(), "regions", list(o.getRegions()), "services", list(o.getServices()),
                    "affected", list(o.getAffectedCustomers()), "cause", o.getCause(),
                    "duration", o.getDurationMinutes() == null ? null : o.getDurationMinutes() + " min"));
        }
        if (facts.getBreach() != null) {
            io.newsroute.schema.BreachFacts b = facts.getBreach();
            lines.add(join("breach", "victim", b.getVictim(), "attack", b.getAttackType(),
                    "records", b.getRecordsAffected() == null ? null : b.getRecordsAffected().toString(),
                    "data", list(b.getDataTypes()), "attacker", b.getAttacker()));
        }
        if (facts.getStock() != null) {
            io.newsroute.schema.StockFacts st = facts.getStock();
            String price = st.getPrice() == null ? null
                    : String.format(Locale.ROOT, "%.2f%s", st.getPrice(), st.getCurrency() == null ? "" : " " + st.getCurrency());
            String change = st.getChangePercent() == null ? null : String.format(Locale.ROOT, "%+.1f%%", st.getChangePercent());
            lines.add(join("stock", "company", st.getCompany(), "ticker", st.getTicker(), "exchange", st.getExchange(),
                    "price", price, "change", change, "rating", st.getAnalystRating()));
        }
        return lines;
    }

    private static String list(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    private static String join(String label, String... pairs) {
        StringBuilder line = new StringBuilder(label).append(':');
        boolean any = false;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                line.append(any ? "; " : " ").append(pairs[i]).append(' ').append(pairs[i + 1]);
                any = true;
            }
        }
        return any ? line.toString() : label + ": (nothing stated)";
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String labels(EnrichedArticle article) {
        if (article.getLabels().isEmpty()) {
            return "(none)";
        }
        return article.getLabels().stream()
                .map((Label l) -> String.format(Locale.ROOT, "%s %.2f", l.getName(), l.getScore()))
                .collect(Collectors.joining(", "));
    }

    static String titleOf(EnrichedArticle article) {
        if (!article.getTitle().isBlank()) {
            return article.getTitle();
        }
        String body = article.getBody().strip();
        int end = body.indexOf('\n');
        return end > 0 ? body.substring(0, end) : body;
    }

    static String shorten(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
