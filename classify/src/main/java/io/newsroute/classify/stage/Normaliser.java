package io.newsroute.classify.stage;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage {@code normalize}: turns a title or body into clean plain text. Reads {@code title},
 * {@code body} and {@code contentType}; the normalised strings replace them in the enriched
 * article, and every evidence offset downstream points into these normalised strings.
 *
 * <p>Steps, in order: strip HTML tags when the content type is {@code text/html} or the text
 * obviously contains markup (the content of {@code script}, {@code style}, {@code noscript} and
 * comments is dropped, block-level tags become line breaks); decode common character references
 * ({@code &amp;}, {@code &#228;}, {@code &#xE4;}, {@code &auml;}, ...); Unicode NFC; remove
 * control characters except {@code \n} and {@code \t} ({@code \r} becomes a line break), unpaired
 * surrogates, non-characters and invisible format characters (soft hyphen, zero-width space, BOM)
 * that would split words; collapse runs of horizontal white space to one space and more than one
 * blank line to one; trim.
 *
 * <p>The tag stripper is a small linear scanner, not an HTML parser (a real one is a later
 * issue): it never backtracks, so hostile input costs linear time. No config keys. Stateless and
 * thread-safe.
 */
public final class Normaliser {
    /** Tags whose presence marks a text as markup even when the content type says plain text. */
    private static final Pattern MARKUP = Pattern.compile(
            "</?(?:p|div|br|span|a|b|i|u|em|strong|script|style|html|head|body|h[1-6]|li|ul|ol|table|tr|td|th"
                    + "|img|figure|figcaption|article|section|header|footer|nav|iframe|blockquote|pre|code|meta|link)"
                    + "(?:\\s[^<>]*)?/?>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});");
    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("shy", ""),
            Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"),
            Map.entry("Auml", "Ä"), Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"), Map.entry("szlig", "ß"),
            Map.entry("eacute", "é"), Map.entry("Eacute", "É"), Map.entry("egrave", "è"), Map.entry("ecirc", "ê"),
            Map.entry("euml", "ë"), Map.entry("agrave", "à"), Map.entry("aacute", "á"), Map.entry("acirc", "â"),
            Map.entry("ccedil", "ç"), Map.entry("ntilde", "ñ"), Map.entry("iacute", "í"), Map.entry("oacute", "ó"),
            Map.entry("uacute", "ú"), Map.entry("iuml", "ï"), Map.entry("ocirc", "ô"), Map.entry("ucirc", "û"),
            Map.entry("oslash", "ø"), Map.entry("aring", "å"), Map.entry("aelig", "æ"),
            Map.entry("hellip", "…"), Map.entry("ndash", "–"), Map.entry("mdash", "—"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("bdquo", "„"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("sbquo", "‚"),
            Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("copy", "©"), Map.entry("reg", "®"),
            Map.entry("trade", "™"), Map.entry("deg", "°"), Map.entry("middot", "·"), Map.entry("bull", "•"),
            Map.entry("times", "×"));
    private static final String[] SKIP_CONTENT = {"script", "style", "noscript", "template"};
    private static final String[] BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
        "h6", "tr", "table", "blockquote", "pre", "section", "article", "header", "footer", "figure",
        "figcaption", "hr", "dt", "dd", "title"};

    /**
     * @param text        raw title or body; {@code null} is treated as empty
     * @param contentType the article's media type, e.g. {@code text/html}; may be null
     * @return the normalised text, never null
     */
    public String normalise(String text, String contentType) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text;
        if (isHtml(contentType) || MARKUP.matcher(s).find()) {
            s = stripTags(s);
        }
        if (s.indexOf('&') >= 0) {
            s = decodeEntities(s);
        }
        s = dropInvalidSurrogates(s);
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        return cleanWhitespaceAndControls(s);
    }

    private static boolean isHtml(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
    }

    /** Linear scan: text is copied, tags are dropped (block tags become a newline). */
    static String stripTags(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '<' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            if (s.startsWith("<!--", i)) {
                int end = s.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            char next = s.charAt(i + 1);
            boolean closing = next == '/';
            int nameStart = closing ? i + 2 : i + 1;
            if (!(nameStart < n && (isAsciiLetter(s.charAt(nameStart)) || (!closing && (next == '!' || next == '?'))))) {
                out.append(c); // a lone '<' as in "a < b"
                i++;
                continue;
            }
            int tagEnd = s.indexOf('>', nameStart);
            if (tagEnd < 0) {
                out.append(c);
                i++;
                continue;
            }
            int nameEnd = nameStart;
            while (nameEnd < tagEnd && (isAsciiLetter(s.charAt(nameEnd)) || Character.isDigit(s.charAt(nameEnd)))) {
                nameEnd++;
            }
            String name = s.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            i = tagEnd + 1;
            if (!closing && contains(SKIP_CONTENT, name) && s.charAt(tagEnd - 1) != '/') {
                int close = indexOfIgnoreCase(s, "</" + name, i);
                int closeEnd = close < 0 ? -1 : s.indexOf('>', close);
                i = closeEnd < 0 ? n : closeEnd + 1;
                continue;
            }
            if (contains(BLOCK_TAGS, name)) {
                out.append('\n');
            } else if (name.equals("td") || name.equals("th")) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String replacement = decodeEntity(m.group(1));
            if (replacement == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, last, m.start()).append(replacement);
            last = m.end();
        }
        if (out == null) {
            return s;
        }
        return out.append(s, last, s.length()).toString();
    }

    private static String decodeEntity(String name) {
        if (name.charAt(0) != '#') {
            return NAMED_ENTITIES.get(name);
        }
        int codePoint;
        try {
            codePoint = name.charAt(1) == 'x' || name.charAt(1) == 'X'
                    ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            return "";
        }
        return new String(Character.toChars(codePoint));
    }

    private static String dropInvalidSurrogates(String s) {
        int n = s.length();
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                bad = true;
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(n).append(s, 0, i);
            } else if (!bad && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String cleanWhitespaceAndControls(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int pendingNewlines = 0;
        boolean pendingSpace = false;
        boolean pendingTab = false;
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x0B || cp == 0x0C || cp == 0x85) {
                if (cp == '\r' && i < n && s.charAt(i) == '\n') {
                    i++;
                }
                pendingNewlines++;
                pendingSpace = false;
                pendingTab = false;
                continue;
            }
            if (cp == '\t') {
                if (pendingTab || pendingSpace) {
                    pendingSpace = true;
                    pendingTab = false;
                } else {
                    pendingTab = true;
                }
                continue;
            }
            if (Character.isSpaceChar(cp) || Character.isWhitespace(cp)) {
                pendingSpace = true;
                pendingTab = false;
                continue;
            }
            if (isDropped(cp)) {
                continue;
            }
            if (out.length() > 0) {
                if (pendingNewlines > 0) {
                    out.append(pendingNewlines > 1 ? "\n\n" : "\n");
                } else if (pendingTab) {
                    out.append('\t');
                } else if (pendingSpace) {
                    out.append(' ');
                }
            }
            pendingNewlines = 0;
            pendingSpace = false;
            pendingTab = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static boolean isDropped(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE) {
            return true;
        }
        if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
            return true; // non-characters
        }
        // invisible format characters that split words: soft hyphen, zero-width space/joiners, BOM,
        // bidi marks and embeddings
        return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        int max = s.length() - needle.length();
        for (int i = from; i <= max; i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
