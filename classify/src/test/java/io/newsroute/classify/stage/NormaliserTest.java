package io.newsroute.classify.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormaliserTest {
    private final Normaliser normaliser = new Normaliser();

    @Test
    void stripsTagsScriptsStylesAndCommentsFromHtml() {
        String html = "<html><head><title>T</title><style>p { color: red }</style></head><body>"
                + "<!-- hidden --><h1>Ausfall bei AWS</h1><p>Viele Dienste <b>nicht</b> erreichbar.</p>"
                + "<script type=\"text/javascript\">if (a < b) { alert('x'); }</script><p>Ende</p></body></html>";

        assertThat(normaliser.normalise(html, "text/html")).isEqualTo("T\n\nAusfall bei AWS\n\nViele Dienste nicht erreichbar.\n\nEnde");
    }

    @Test
    void detectsMarkupInPlainTextButKeepsLoneAngleBrackets() {
        assertThat(normaliser.normalise("<p>a</p><p>b</p>", "text/plain")).isEqualTo("a\n\nb");
        assertThat(normaliser.normalise("if a < b and c > d", "text/plain")).isEqualTo("if a < b and c > d");
        assertThat(normaliser.normalise("unclosed <script without end", "text/html")).isEqualTo("unclosed <script without end");
    }

    @Test
    void decodesEntities() {
        assertThat(normaliser.normalise("AT&amp;T &quot;Stra&szlig;e&quot; &#228;&#xE4; &euro;5 &nbsp;x &bogus; &#xD800;", "text/plain"))
                .isEqualTo("AT&T \"Straße\" ää €5 x &bogus;");
    }

    @Test
    void appliesNfcAndRemovesControlsInvisiblesAndLoneSurrogates() {
        String decomposed = "Sto\u0308rung"; // o + combining diaeresis
        assertThat(normaliser.normalise(decomposed, null)).isEqualTo("Störung");
        assertThat(normaliser.normalise("Aus\u00ADfall\u200B \u0007x\uD800y\uDC00z", null)).isEqualTo("Ausfall xyz");
        assertThat(normaliser.normalise("emoji \uD83D\uDE00 kept", null)).isEqualTo("emoji \uD83D\uDE00 kept");
    }

    @Test
    void collapsesWhitespaceKeepsSingleTabsAndParagraphs() {
        assertThat(normaliser.normalise("  a   b\u00A0\u2003c\td \t e\r\n\r\n\r\n\nf \n g  ", null))
                .isEqualTo("a b c\td e\n\nf\ng");
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(normaliser.normalise(null, "text/html")).isEmpty();
        assertThat(normaliser.normalise(" \n\t ", null)).isEmpty();
    }
}
