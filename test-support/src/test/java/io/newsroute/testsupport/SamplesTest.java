package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.newsroute.schema.Labels;
import io.newsroute.testsupport.Samples.Sample;

class SamplesTest {

    @Test
    void loadsTheFiveSeedsWithLanguagesAndLabels() {
        List<Sample> seeds = Samples.seeds();

        assertThat(seeds).hasSize(5);
        assertThat(seeds).extracting(Sample::fileName).allMatch(name -> name.endsWith(".txt")).doesNotHaveDuplicates();
        assertThat(seeds).extracting(Sample::language).containsExactly("de", "de", "de", "de", "nl");
        assertThat(seeds).allSatisfy(sample -> {
            assertThat(sample.text()).hasSizeGreaterThan(500);
            assertThat(Labels.ALL).containsAll(sample.labels());
        });
        assertThat(seeds.get(0).labels()).isEqualTo(Set.of("cloud-outage", "security-breach"));
        assertThat(seeds.get(3).labels()).isEqualTo(Set.of("cloud-outage", "stock-commentary"));
    }

    @Test
    void textIsDecodedAsUtf8() {
        assertThat(Samples.seeds().get(0).text()).contains("Ausfälle bei Amazon");
    }
}
