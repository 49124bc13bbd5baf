package io.newsroute.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.sink.search.SearchQuery;

class SearchParamsTest {

    @Test
    void defaultsAreTheFirstPageOfEverythingNewestFirst() {
        SearchParams.Parsed parsed = SearchParams.parse("");
        assertThat(parsed.page()).isEqualTo(1);
        assertThat(parsed.size()).isEqualTo(SearchParams.DEFAULT_SIZE);
        assertThat(parsed.query().text()).isEmpty();
        assertThat(parsed.query().byRelevance()).isFalse();
    }

    @Test
    void parsesEveryParameter() {
        SearchParams.Parsed parsed = SearchParams.parse("q=Ausf%C3%A4lle+%22us-east-1%22&label=cloud-outage,security-breach"
                + "&language=DE&language=nl&provider=AWS&victim=Sony&company=Apple&ticker=AAPL"
                + "&from=2024-05-01&to=2024-05-02&sort=time&page=3&size=10");
        SearchQuery query = parsed.query();
        assertThat(query.text()).isEqualTo("Ausfälle \"us-east-1\"");
        assertThat(query.labels()).containsExactly("cloud-outage", "security-breach");
        assertThat(query.languages()).containsExactly("de", "nl");
        assertThat(query.providers()).containsExactly("AWS");
        assertThat(query.victims()).containsExactly("Sony");
        assertThat(query.companies()).containsExactly("Apple");
        assertThat(query.tickers()).containsExactly("AAPL");
        assertThat(query.from()).contains(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(query.to()).as("a date 'to' includes that day").contains(Instant.parse("2024-05-03T00:00:00Z"));
        assertThat(query.sort()).isEqualTo(SearchQuery.Sort.TIME);
        assertThat(query.offset()).isEqualTo(20);
        assertThat(query.size()).isEqualTo(10);
        assertThat(SearchParams.parse("q=x").query().byRelevance()).isTrue();
    }

    @Test
    void userTextStaysText() {
        String dsl = "{\"query\":{\"match_all\":{}}}";
        assertThat(SearchParams.parse("q=" + java.net.URLEncoder.encode(dsl, java.nio.charset.StandardCharsets.UTF_8))
                .query().text()).isEqualTo(dsl);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "size=5000 | size | size must be between 1 and 100",
        "size=0 | size | size must be between 1 and 100",
        "size=ten | size | size must be a whole number",
        "page=-1 | page | page must be 1 or more",
        "page=0 | page | page must be 1 or more",
        "page=500&size=100 | page | may not exceed 10000",
        "label=weather | label | unknown label 'weather'",
        "language=german | language | not an ISO 639-1 code",
        "from=yesterday | from | 'yesterday' is not a date",
        "to=2024-13-45 | to | is not a date",
        "from=2024-05-03&to=2024-05-01 | from | must be before to",
        "sort=popular | sort | sort must be 'time' or 'relevance'",
        "sort=time&sort=relevance | sort | may be given only once",
        "query=x | query | unknown parameter 'query'",
        "q=%E0%A4%A | q | malformed URL encoding",
    })
    void badInputIsABadRequestNamingTheParameter(String query, String parameter, String message) {
        assertThatThrownBy(() -> SearchParams.parse(query))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.parameter()).isEqualTo(parameter))
                .hasMessageContaining(message);
    }

    @Test
    void overlongTextIsRejected() {
        assertThatThrownBy(() -> SearchParams.parse("q=" + "a".repeat(SearchParams.MAX_TEXT + 1)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("q is too long");
    }
}
