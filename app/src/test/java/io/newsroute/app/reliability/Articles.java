package io.newsroute.app.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;
import io.newsroute.schema.serde.NewsSerdes;

/**
 * Short synthetic articles for the reliability tests: deterministic ids {@code <prefix>-<n>} and a mix
 * of texts (cloud outage, breach, share price, neither; German and English) so that the label topics
 * and {@code unclassified} all receive records.
 */
final class Articles {
    private static final String[][] TEXTS = {
        {"AWS-Ausfall legt Dienste in Frankfurt lahm",
            "Ein Ausfall bei Amazon Web Services in der Region eu-central-1 hat am Morgen zahlreiche Dienste "
                    + "lahmgelegt. Kunden meldeten Störungen bei EC2 und S3; AWS arbeitet an einer Lösung."},
        {"Microsoft Azure outage hits customers across Europe",
            "A major outage of Microsoft Azure in West Europe took down virtual machines and storage for hours. "
                    + "Microsoft blamed a faulty network configuration change."},
        {"Hackers steal data of 2 million customers",
            "The retailer confirmed a data breach: attackers stole names, email addresses and passwords of two "
                    + "million customers after a ransomware attack on its servers."},
        {"SAP-Aktie steigt nach Analystenlob um 4 Prozent",
            "Die Aktie von SAP legte am Dienstag an der Frankfurter Börse um 4,1 Prozent auf 182 Euro zu, "
                    + "nachdem Analysten das Kursziel angehoben hatten."},
        {"Stadt eröffnet neuen Spielplatz im Park",
            "Der neue Spielplatz im Stadtpark ist ab Samstag geöffnet. Kinder können dort klettern und rutschen."},
        {"Local bakery wins national bread award",
            "A family bakery from the north of the county has won the national award for the best sourdough bread."},
    };

    static {
        AvroTrust.install();
    }

    private Articles() {
    }

    static String id(String prefix, int n) {
        return prefix + "-" + n;
    }

    static RawArticle article(String prefix, int n) {
        String[] text = TEXTS[n % TEXTS.length];
        return RawArticle.newBuilder()
                .setId(id(prefix, n))
                .setUrl("https://news.example/" + prefix + "/" + n)
                .setSource("reliability-test")
                .setTitle(text[0] + " (" + n + ")")
                .setBody(text[1])
                .setPublishedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setFetchedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .build();
    }

    static byte[] encode(RawArticle article) {
        return NewsSerdes.rawCodec().encode(article);
    }

    static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(id(prefix, i));
        }
        return ids;
    }
}
