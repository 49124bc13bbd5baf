package io.newsroute.classify.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {

    @ParameterizedTest
    @ValueSource(strings = {"de-0001", "en-0042", "nl-0100", "pl-0007", "x"})
    void ruleIsFirstByteOfSha256ModTen(String id) throws Exception {
        int first = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8))[0] & 0xff;
        int bucket = first % 10;
        Split expected = bucket <= 6 ? Split.TRAIN : bucket == 7 ? Split.DEV : Split.TEST;
        assertThat(Split.bucket(id)).isEqualTo(bucket);
        assertThat(Split.of(id)).isEqualTo(expected);
    }

    @Test
    void knownIdsKeepTheirSplit() {
        // pinned (computed independently): a change of the rule would silently move items between splits
        assertThat(Split.bucket("abc")).isEqualTo(6); // SHA-256("abc") starts with 0xba = 186
        assertThat(Split.of("abc")).isEqualTo(Split.TRAIN);
        assertThat(Split.of("de-0001")).isEqualTo(Split.TRAIN);
        assertThat(Split.of("de-0004")).isEqualTo(Split.TEST);
        assertThat(Split.of("de-0003")).isEqualTo(Split.TEST);
        assertThat(Split.of("de-0019")).isEqualTo(Split.DEV);
    }

    @Test
    void proportionsAreRoughly70_10_20() {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(Split.of("item-" + i), 1, Integer::sum);
        }
        assertThat(counts.get(Split.TRAIN)).isBetween(6_700, 7_300);
        assertThat(counts.get(Split.DEV)).isBetween(800, 1_200);
        assertThat(counts.get(Split.TEST)).isBetween(1_800, 2_200);
    }
}
