package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    static String resource(String name) throws IOException {
        try (InputStream in = HtmlTextTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void realisticDutchNewsPageKeepsTheArticleAndDropsTheFurniture() throws IOException {
        HtmlText.Page page = HtmlText.page(resource("storing-nl.html"), "https://www.dagblad-rijnmond.example/economie/x");

        assertThat(page.title()).isEqualTo("Grote storing bij Azure legt Nederlandse webwinkels urenlang plat");
        assertThat(page.publishedAt()).contains(Instant.parse("2025-03-11T08:42:00Z"));
        assertThat(page.canonicalUrl()).contains("https://www.dagblad-rijnmond.example/economie/azure-storing-webwinkels");
        assertThat(page.language()).contains("nl");
        assertThat(page.text())
                .startsWith("Tech\n\nDoor een storing in het West-Europese datacenter van Microsoft Azure")
                .contains("De problemen begonnen rond half acht.")
                .contains("\"We zagen het verkeer in een paar minuten naar nul zakken\"")
                .contains("Ook pinautomaten getroffen")
                .endsWith("Microsoft zegt de oorzaak verder te onderzoeken en belooft binnen twee weken een rapport te publiceren.");
        // every kind of furniture on the page, by a phrase only it contains
        assertThat(page.text())
                .doesNotContain("cookies")                        // cookie banner
                .doesNotContain("Alles accepteren")
                .doesNotContain("Direct naar de inhoud")          // skip link
                .doesNotContain("Binnenland")                     // site header navigation
                .doesNotContain("Economie")                       // breadcrumbs
                .doesNotContain("Grote storing bij Azure legt")   // the headline is the title, not the text
                .doesNotContain("Sanne de Vries")                 // byline and date line
                .doesNotContain("Deel op Facebook")               // share bar
                .doesNotContain("Middenmeer")                     // photo caption
                .doesNotContain("ANP")                            // photo credits
                .doesNotContain("Lees meer")                      // read-more link
                .doesNotContain("Lees ook")                       // see-also paragraph
                .doesNotContain("nieuwsbrief")                    // newsletter box
                .doesNotContain("Deel dit artikel")               // article footer
                .doesNotContain("Storing bij AWS")                // related articles aside
                .doesNotContain("Reacties")                       // comments
                .doesNotContain("Advertentie")                    // ad slot
                .doesNotContain("Alle rechten voorbehouden")      // site footer
                .doesNotContain("dataLayer");                     // scripts
    }

    @Test
    void pageWithoutArticleElementUsesTheDensestParagraphs() {
        String html = "<html lang='de'><head><title>Kursrutsch bei Beispiel AG – Börsenblatt</title>"
                + "<meta name='date' content='2024-11-05'></head><body>"
                + "<div class='menu'><a href='/'>Start</a> <a href='/maerkte'>Märkte</a></div>"
                + "<div class='content'><p>Die Aktie der Beispiel AG ist am Dienstag um zwölf Prozent eingebrochen.</p>"
                + "<p>Analysten senkten ihr Kursziel auf 40 Euro.</p><p><a href='/mehr'>Weiterlesen »</a></p></div>"
                + "<div class='footer-links'><p>Impressum</p></div></body></html>";

        HtmlText.Page page = HtmlText.page(html, "");

        assertThat(page.title()).isEqualTo("Kursrutsch bei Beispiel AG – Börsenblatt");
        assertThat(page.text()).isEqualTo("Die Aktie der Beispiel AG ist am Dienstag um zwölf Prozent eingebrochen.\n\n"
                + "Analysten senkten ihr Kursziel auf 40 Euro.");
        assertThat(page.publishedAt()).contains(Instant.parse("2024-11-05T00:00:00Z"));
        assertThat(page.language()).contains("de");
        assertThat(page.canonicalUrl()).isEmpty();
    }

    @Test
    void stateClassesOnBodyOrArticleNeverRemoveTheArticle() {
        String html = "<body class='cookie-consent share-open'><article class='ad-free'><h1>Titel hier</h1>"
                + "<p>Der eigentliche Text bleibt stehen.</p></article></body>";

        assertThat(HtmlText.page(html, "").text()).isEqualTo("Der eigentliche Text bleibt stehen.");
    }

    @Test
    void shareholderIsNotShare() {
        String html = "<article><h1>Kop</h1><div class='shareholder-news'><p>Aandeelhouders krijgen 1,20 euro dividend.</p></div></article>";

        assertThat(HtmlText.page(html, "").text()).isEqualTo("Aandeelhouders krijgen 1,20 euro dividend.");
    }

    @Test
    void fragmentOfAFeedItem() {
        String html = "<p>Hackers haben Kundendaten von 1,2 Millionen Kunden erbeutet &amp; veröffentlicht.</p>"
                + "<p>Das Unternehmen hat Anzeige erstattet.<br>Betroffene werden informiert.</p>"
                + "<p><a href='https://example.org/artikel'>Weiterlesen</a></p><img src='x.jpg'><script>alert(1)</script>";

        assertThat(HtmlText.fragment(html)).isEqualTo("Hackers haben Kundendaten von 1,2 Millionen Kunden erbeutet & veröffentlicht.\n\n"
                + "Das Unternehmen hat Anzeige erstattet.\nBetroffene werden informiert.");
        assertThat(HtmlText.fragment("plain   text,\n no markup")).isEqualTo("plain text,\nno markup");
        assertThat(HtmlText.fragment("")).isEmpty();
        assertThat(HtmlText.fragment(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-03-11T09:42:00+01:00       | 2025-03-11T08:42:00Z",
        "2025-03-11T09:42:00Z            | 2025-03-11T09:42:00Z",
        "2025-03-11T09:42:00+0100        | 2025-03-11T08:42:00Z",
        "2025-03-11T09:42:00             | 2025-03-11T09:42:00Z",
        "2025-03-11                      | 2025-03-11T00:00:00Z",
        "'Tue, 11 Mar 2025 09:42:00 GMT' | 2025-03-11T09:42:00Z"})
    void dates(String value, String expected) {
        assertThat(HtmlText.parseDate(value)).contains(Instant.parse(expected));
    }

    @Test
    void badDatesAreEmpty() {
        assertThat(HtmlText.parseDate("gestern")).isEqualTo(Optional.empty());
        assertThat(HtmlText.parseDate("")).isEmpty();
    }
}
