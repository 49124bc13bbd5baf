package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Articles without labels never pay for NER: the real German CRF model sits behind a counting
 * wrapper, and only labelled articles reach it.
 */
class CascadeTest {
    private static final String TITLE = "Störung bei AWS: DynamoDB in us-east-1 ausgefallen";
    private static final String BODY = "Der Ausfall bei Amazon Web Services traf am Montag auch Signal. Laut Andy Jassy "
            + "war ein DNS-Fehler in der Region us-east-1 schuld. Die Deutsche Bahn meldete keine Probleme.";

    private static CoreNlpNerTagger german;

    @BeforeAll
    static void loadModel() {
        german = CoreNlpNerTagger.load(Set.of("de"));
    }

    private static final class Counting implements NerTagger {
        final AtomicInteger calls = new AtomicInteger();
        private final NerTagger delegate;

        Counting(NerTagger delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<String> languages() {
            return delegate.languages();
        }

        @Override
        public List<Span> tag(String text, String language) {
            calls.incrementAndGet();
            return delegate.tag(text, language);
        }
    }

    @Test
    void unlabelledArticlesGetGazetteerEntitiesWithoutNer() {
        Counting counting = new Counting(german);
        Extractor extractor = Extractor.create(ExtractConfig.defaults(), counting);

        Extraction x = extractor.extract(TITLE, BODY, "de", Set.of());

        assertThat(counting.calls).hasValue(0);
        assertThat(x.entities()).extracting(e -> e.getNormalized()).contains("aws", "dynamodb", "us-east-1", "signal");
        assertThat(x.entities()).extracting(e -> e.getType()).doesNotContain("PERSON");
        assertThat(x.facts().getOutage()).isNull();
        assertThat(x.facts().getBreach()).isNull();
        assertThat(x.facts().getStock()).isNull();
    }

    @Test
    void labelledArticlesRunTheRealNerModel() {
        Counting counting = new Counting(german);
        Extractor extractor = Extractor.create(ExtractConfig.defaults(), counting);

        Extraction x = extractor.extract(TITLE, BODY, "de", Set.of("cloud-outage"));

        assertThat(counting.calls.get()).isPositive();
        assertThat(x.entities()).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("PERSON");
            assertThat(e.getText()).isEqualTo("Andy Jassy");
        });
        assertThat(x.facts().getOutage().getProvider()).isEqualTo("aws");
        assertThat(x.facts().getOutage().getRegions()).containsExactly("us-east-1");
        assertThat(x.facts().getOutage().getCause()).isEqualTo("dns");
    }

    @Test
    void languagesWithoutAModelNeverCallNer() {
        Counting counting = new Counting(german);
        Extractor extractor = Extractor.create(ExtractConfig.defaults(), counting);

        extractor.extract("Storing bij AWS", "De clouddienst Amazon Web Services was offline.", "nl", Set.of("cloud-outage"));

        assertThat(counting.calls).hasValue(0);
    }

    @Test
    void configRejectsALanguageWithoutModel() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExtractConfig(Map.of(ExtractConfig.NER_LANGUAGES, "de,nl")))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining(ExtractConfig.NER_LANGUAGES).hasMessageContaining("nl");
    }
}
