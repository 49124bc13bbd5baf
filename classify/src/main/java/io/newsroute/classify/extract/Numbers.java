package io.newsroute.classify.extract;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Parses numerals written in any supported language's notation: {@code 195,52}, {@code 1.7},
 * {@code 800.000}, {@code 800'000}, {@code 1,234,567}, {@code 2 300} (thin or normal space).
 *
 * <p>Decision: rather than trusting the article's language alone (German articles quote
 * {@code 1.7%} from English wires), a separator followed by exactly three digits, repeated or
 * combined with the other separator, is a thousands separator; otherwise the language's decimal
 * separator decides, and a lone separator followed by one, two or four+ digits is decimal.
 */
final class Numbers {
    /** A numeral: digits with optional group separators and an optional decimal part. */
    static final String NUMERAL = "\\d{1,3}(?:[.,'’\\u00a0\\u202f ]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
    static final Pattern NUMERAL_PATTERN = Pattern.compile(NUMERAL);

    private Numbers() {
    }

    /**
     * Parses one numeral.
     *
     * @param text           the numeral as matched by {@link #NUMERAL}
     * @param decimalComma   true when the language writes decimals with a comma (de, nl, fr, es, ...)
     */
    static OptionalDouble parse(String text, boolean decimalComma) {
        String s = text.strip();
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'");
        // spaces and apostrophes are always group separators
        s = s.replace(" ", "").replace("'", "");
        int lastDot = s.lastIndexOf('.');
        int lastComma = s.lastIndexOf(',');
        String normalized;
        if (lastDot >= 0 && lastComma >= 0) {
            char decimal = lastDot > lastComma ? '.' : ',';
            char group = decimal == '.' ? ',' : '.';
            normalized = s.replace(String.valueOf(group), "").replace(decimal, '.');
        } else if (lastDot >= 0 || lastComma >= 0) {
            char sep = lastDot >= 0 ? '.' : ',';
            int count = (int) s.chars().filter(c -> c == sep).count();
            int digitsAfter = s.length() - s.lastIndexOf(sep) - 1;
            boolean languageDecimal = (sep == ',') == decimalComma;
            if (count > 1 || (digitsAfter == 3 && !languageDecimal)) {
                normalized = s.replace(String.valueOf(sep), "");
            } else if (digitsAfter == 3 && languageDecimal && s.indexOf(sep) <= 3 && s.length() > 4 && s.charAt(0) != '0') {
                // "800.000" in German: ambiguous with 800.0 only in theory; a decimal with exactly three
                // places is rare in news, a grouped thousand is common
                normalized = s.replace(String.valueOf(sep), "");
            } else {
                normalized = s.replace(sep, '.');
            }
        } else {
            normalized = s;
        }
        try {
            return OptionalDouble.of(Double.parseDouble(normalized));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
