package io.newsroute.classify.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsroute.schema.Evidence;

/** One field of an article (title or body) with sentence helpers; offsets are UTF-16 indices into it. */
record Text(String field, String text) {
    static final String TITLE = "title";
    static final String BODY = "body";

    /** A located match. */
    record Span(String field, int start, int end, String text) {
        Evidence evidence(String concept) {
            return Evidence.newBuilder().setField(field).setStart(start).setEnd(end).setText(text)
                    .setConcept(concept).setWeight(0.0).build();
        }
    }

    List<Span> find(Pattern pattern) {
        List<Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                spans.add(new Span(field, m.start(), m.end(), m.group()));
            }
        }
        return spans;
    }

    /** Start of the sentence containing {@code at}: after the last . ! ? followed by white space, or a line break. */
    int sentenceStart(int at) {
        for (int i = Math.min(at, text.length()) - 1; i > 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (Character.isWhitespace(c) && isTerminator(text.charAt(i - 1))) {
                return i + 1;
            }
        }
        return 0;
    }

    int sentenceEnd(int at) {
        for (int i = Math.max(at, 0); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (isTerminator(c) && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return text.length();
    }

    String sentenceAround(int start, int end) {
        return text.substring(sentenceStart(start), sentenceEnd(end));
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
    }
}
