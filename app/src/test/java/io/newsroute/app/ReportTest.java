package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;
import io.newsroute.schema.serde.AvroTrust;

class ReportTest {
    static {
        AvroTrust.install();
    }

    @Test
    void factsPrintOneLinePerLabelWithWhatIsStated() {
        Facts facts = Facts.newBuilder()
                .setOutage(OutageFacts.newBuilder().setProvider("aws").setServices(List.of("DynamoDB")).setCause("dns")
                        .setAffectedCustomers(List.of("Signal", "Duolingo")).build())
                .setStock(StockFacts.newBuilder().setCompany("Amazon").setTicker("AMZN").setPrice(195.52).setCurrency("EUR")
                        .setChangePercent(1.7).build())
                .build();
        EnrichedArticle article = EnrichedArticle.newBuilder().setId("a").setSource("s").setTitle("t").setBody("b")
                .setFetchedAt(Instant.EPOCH).setProcessedAt(Instant.EPOCH).setVersion(0)
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(1).build())
                .setLabels(List.of()).setScores(Map.of()).setFacts(facts).setModelVersion("m").setPipelineVersion("p").build();

        assertThat(Report.facts(article)).containsExactly(
                "outage: provider aws; services DynamoDB; affected Signal, Duolingo; cause dns",
                "stock: company Amazon; ticker AMZN; price 195.52 EUR; change +1.7%");
    }

    @Test
    void snippetsArePlainTextOnATerminal() {
        assertThat(Report.plainSnippet("ein <em>Ausfall</em> bei AT&amp;T &lt;b&gt;"))
                .isEqualTo("ein *Ausfall* bei AT&T <b>");
    }
}
