package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HTTPS://WWW.Example.COM:443/News/Article/?utm_source=x&utm_medium=y#comments | https://www.example.com/News/Article",
        "http://example.com                                             | http://example.com/",
        "http://example.com/                                            | http://example.com/",
        "http://example.com:80/a/b//                                    | http://example.com/a/b",
        "http://example.com:8080/a?b=1                                  | http://example.com:8080/a?b=1",
        "https://example.com:80/a                                       | https://example.com:80/a",
        "https://example.com/a?id=7&fbclid=abc&gclid=def&page=2         | https://example.com/a?id=7&page=2",
        "https://example.com/a?UTM_Campaign=x&&mc_cid=1                 | https://example.com/a",
        "https://example.com/caf%c3%a9?q=%e2%82%ac                      | https://example.com/caf%C3%A9?q=%E2%82%AC",
        "https://example.com./a#                                        | https://example.com/a",
        "  https://user@Example.com/a  | https://user@example.com/a",
        "https://example.com/a b?q=x y | https://example.com/a%20b?q=x%20y",
    })
    void canonicalisesUrls(String url, String canonical) {
        assertThat(ArticleIds.canonicalUrl(url)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "example.com/a", "ftp://example.com/a", "mailto:a@b.c", "javascript:alert(1)",
        "http://", "http:///path", "https://host:99999/a", "file:///etc/passwd", "/relative/path"})
    void rejectsWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThat(ArticleIds.canonicalUrl(url)).isEmpty();
        assertThatThrownBy(() -> ArticleIds.forUrl(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an absolute http(s) URL");
    }

    @Test
    void nullUrlHasNoCanonicalForm() {
        assertThat(ArticleIds.canonicalUrl(null)).isEmpty();
    }

    @Test
    void sameUrlWithTrackingParamsAndFragmentGivesSameId() {
        String plain = ArticleIds.forUrl("https://www.heise.de/news/AWS-Ausfall-123.html");
        assertThat(ArticleIds.forUrl("https://WWW.heise.de/news/AWS-Ausfall-123.html?utm_source=rss&fbclid=1#kommentare"))
                .isEqualTo(plain);
        assertThat(ArticleIds.of("https://www.heise.de:443/news/AWS-Ausfall-123.html?gclid=9", "any", "thing"))
                .isEqualTo(plain);
        assertThat(ArticleIds.forUrl("https://www.heise.de/news/AWS-Ausfall-124.html")).isNotEqualTo(plain);
    }

    @Test
    void idsAreStableAcrossRunsAndAreSha256OfTheCanonicalUrl() {
        // fixed expectations: a change of algorithm would silently re-key every stored article
        assertThat(ArticleIds.forUrl("https://example.com/a")).isEqualTo("2dce0a4c50441bfccfa9caf4b58c3cba");
        assertThat(ArticleIds.forContent("Title", "Body")).isEqualTo("b93e9074bf0f60db9ff2f517fe8ce3ce");
        assertThat(ArticleIds.forUrl("https://example.com/a")).isEqualTo(sha256Prefix("https://example.com/a"));
        assertThat(ArticleIds.forUrl("https://example.com/a")).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(ArticleIds.forContent("Title", "Body")).isEqualTo(sha256Prefix("Title\nBody"));
    }

    @Test
    void contentIdCollapsesWhitespaceNormalisesUnicodeAndKeepsCase() {
        String id = ArticleIds.forContent("Ausfälle bei Amazon", "Erster Absatz.\n\nZweiter Absatz.");
        assertThat(ArticleIds.forContent("  Ausfälle \t bei\u00A0Amazon ", "Erster Absatz. Zweiter   Absatz.\n"))
                .isEqualTo(id);
        // decomposed a + combining diaeresis is the same text after NFC
        assertThat(ArticleIds.forContent("Ausfa\u0308lle bei Amazon", "Erster Absatz. Zweiter Absatz.")).isEqualTo(id);
        assertThat(ArticleIds.forContent("AUSFÄLLE BEI AMAZON", "Erster Absatz. Zweiter Absatz.")).isNotEqualTo(id);
    }

    @Test
    void titleAndBodyBoundaryMatters() {
        assertThat(ArticleIds.forContent("A B", "C")).isNotEqualTo(ArticleIds.forContent("A", "B C"));
        assertThat(ArticleIds.forContent(null, "C")).isEqualTo(ArticleIds.forContent("", "C"));
    }

    @Test
    void ofFallsBackToContentWithoutUsableUrl() {
        String content = ArticleIds.forContent("T", "B");
        assertThat(ArticleIds.of(null, "T", "B")).isEqualTo(content);
        assertThat(ArticleIds.of("not a url", "T", "B")).isEqualTo(content);
        assertThat(ArticleIds.of("https://example.com/x", "T", "B")).isNotEqualTo(content);
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
