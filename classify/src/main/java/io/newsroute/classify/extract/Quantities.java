package io.newsroute.classify.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers with meaning in one language's notation: money ({@code 195,52 Euro}, {@code R$ 12,40},
 * {@code $16 miljard}, {@code 12,5 zł}), percentages ({@code 1,7 Prozent}, {@code 2,3 %}, {@code +1.7%}),
 * counts with scale words ({@code 77 Millionen}, {@code 1,2 miljoen}, {@code vier millones}) and
 * durations ({@code vier uur}, {@code vierstündigen}). Built once per language; thread-safe.
 */
final class Quantities {
    private static final String CURRENCIES = "/io/newsroute/classify/extract/common/currencies.tsv";
    private static final List<Map.Entry<String, Pattern>> CURRENCY_LIST = loadCurrencies();
    private static final String CURRENCY_ALTERNATION = "(?:" + String.join("|",
            CURRENCY_LIST.stream().map(e -> e.getValue().pattern()).toList()) + ")";

    record Amount(Text.Span span, double value, String currency, boolean scaled) {
    }

    record Percent(Text.Span span, double value, int sign) {
    }

    record Count(Text.Span span, double value) {
    }

    private final LanguageRules rules;
    private final Map<Double, Pattern> scales = new LinkedHashMap<>();
    private final Map<Double, Pattern> numberWords = new LinkedHashMap<>();
    private final Pattern moneyBefore;
    private final Pattern moneyAfter;
    private final Pattern percent;
    private final Pattern count;
    private final Pattern duration;
    private final Pattern lead;
    private final Map<Long, Pattern> units = new LinkedHashMap<>();

    Quantities(LanguageRules rules) {
        this.rules = rules;
        int flags = LanguageRules.flags();
        for (String key : rules.keys("scale.")) {
            scales.put(Double.parseDouble(key.substring("scale.".length())),
                    Pattern.compile("^(?:" + rules.alternation(key) + ")$", flags));
        }
        for (String key : rules.keys("numword.")) {
            numberWords.put(Double.parseDouble(key.substring("numword.".length())),
                    Pattern.compile("^(?:" + rules.alternation(key) + ")$", flags));
        }
        String scale = "(?:" + String.join("|", rules.keys("scale.").stream().map(rules::alternation).toList()) + ")";
        String words = "(?:" + String.join("|", rules.keys("numword.").stream().map(rules::alternation).toList()) + ")";
        String num = "(?<![\\p{L}\\p{N}.,])(" + Numbers.NUMERAL + ")";
        String scaled = num + "(?:[ \\u00a0]?-?(" + scale + ")(?![\\p{L}]))?";
        moneyBefore = Pattern.compile("(" + CURRENCY_ALTERNATION + ")[ \\u00a0]?" + scaled, flags);
        moneyAfter = Pattern.compile(scaled + "[ \\u00a0]?(" + CURRENCY_ALTERNATION + ")(?![\\p{L}])", flags);
        percent = Pattern.compile("(?:([+\\-−–])[ ]?)?" + num + "[ \\u00a0]?(?:" + rules.alternation("percent") + ")(?![\\p{L}])", flags);
        String anyNumber = "(?:" + num + "|(?<![\\p{L}])(" + words + "))";
        count = Pattern.compile(anyNumber + "(?:[ \\u00a0]?-?(" + scale + ")(?![\\p{L}]))?[ \\u00a0]+(?:(?:de|of|van|d'|di)[ ]+)?"
                + "(?:[\\p{L}-]+[ ]+){0,2}?(?<![\\p{L}])" + rules.alternation("records.noun") + "(?![\\p{L}])", flags);
        String unit = "(?:" + String.join("|", rules.keys("unit.").stream().map(rules::alternation).toList()) + ")";
        lead = Pattern.compile("(?<![\\p{L}])" + rules.alternation("duration.lead") + "\\s*$", flags);
        duration = Pattern.compile(anyNumber + "[ \\u00a0-]?(" + unit + ")(?![\\p{L}])", flags);
        units.put(1L, Pattern.compile("^(?:" + rules.alternation("unit.minute") + ")$", flags));
        units.put(60L, Pattern.compile("^(?:" + rules.alternation("unit.hour") + ")$", flags));
        units.put(1440L, Pattern.compile("^(?:" + rules.alternation("unit.day") + ")$", flags));
        units.put(10080L, Pattern.compile("^(?:" + rules.alternation("unit.week") + ")$", flags));
    }

    List<Amount> amounts(Text text) {
        List<Amount> found = new ArrayList<>();
        Matcher before = moneyBefore.matcher(text.text());
        while (before.find()) {
            OptionalDouble v = value(before.group(2), before.group(3));
            if (v.isPresent()) {
                found.add(new Amount(new Text.Span(text.field(), before.start(), before.end(), before.group()),
                        v.getAsDouble(), currency(before.group(1)), before.group(3) != null));
            }
        }
        Matcher after = moneyAfter.matcher(text.text());
        while (after.find()) {
            int start = after.start();
            int end = after.end();
            boolean overlaps = found.stream().anyMatch(a -> a.span().start() < end && start < a.span().end());
            OptionalDouble v = value(after.group(1), after.group(2));
            if (!overlaps && v.isPresent()) {
                found.add(new Amount(new Text.Span(text.field(), start, end, after.group()),
                        v.getAsDouble(), currency(after.group(3)), after.group(2) != null));
            }
        }
        found.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return found;
    }

    List<Percent> percents(Text text) {
        List<Percent> found = new ArrayList<>();
        Matcher m = percent.matcher(text.text());
        while (m.find()) {
            OptionalDouble v = Numbers.parse(m.group(2), rules.decimalComma());
            if (v.isPresent()) {
                String s = m.group(1);
                int sign = s == null ? 0 : s.equals("+") ? 1 : -1;
                found.add(new Percent(new Text.Span(text.field(), m.start(), m.end(), m.group()), v.getAsDouble(), sign));
            }
        }
        return found;
    }

    /** Numbers of things ({@code 6.9 million users}, {@code 800.000 Kunden}, {@code vier millones de clientes}). */
    List<Count> counts(Text text) {
        List<Count> found = new ArrayList<>();
        Matcher m = count.matcher(text.text());
        while (m.find()) {
            OptionalDouble base = m.group(1) != null ? Numbers.parse(m.group(1), rules.decimalComma()) : word(m.group(2));
            if (base.isPresent() && (m.group(1) != null || m.group(3) != null)) {
                double value = base.getAsDouble() * multiplier(m.group(3));
                if (value < 10) {
                    continue;
                }
                found.add(new Count(new Text.Span(text.field(), m.start(), m.end(), m.group()), value));
            }
        }
        return found;
    }

    /** Durations in minutes. */
    List<Count> durations(Text text) {
        List<Count> found = new ArrayList<>();
        Matcher m = duration.matcher(text.text());
        while (m.find()) {
            OptionalDouble base = m.group(1) != null ? Numbers.parse(m.group(1), rules.decimalComma()) : word(m.group(2));
            if (base.isEmpty() || !statedAsDuration(text.text(), m)) {
                continue;
            }
            for (Map.Entry<Long, Pattern> unit : units.entrySet()) {
                if (unit.getValue().matcher(m.group(3)).matches()) {
                    found.add(new Count(new Text.Span(text.field(), m.start(), m.end(), m.group()), base.getAsDouble() * unit.getKey()));
                    break;
                }
            }
        }
        return found;
    }

    /**
     * A number of hours is a duration when a lead word precedes it ("for", "zo'n", "über"), the unit is
     * attached ("24-hour", "vierstündigen") or "lang"/"long" follows; "eine Stunde früher" is not.
     */
    private boolean statedAsDuration(String text, Matcher m) {
        String matched = m.group();
        String numberPart = m.group(1) != null ? m.group(1) : m.group(2);
        int unitStart = m.start(3);
        int numberEnd = m.start() + matched.indexOf(numberPart) + numberPart.length();
        if (unitStart == numberEnd || text.charAt(numberEnd) == '-') {
            return true;
        }
        String before = text.substring(Math.max(0, m.start() - 25), m.start());
        if (lead.matcher(before).find()) {
            return true;
        }
        String after = text.substring(m.end(), Math.min(text.length(), m.end() + 12));
        return after.matches("(?s)^\\s*(?:lang|long|de duración|durante|d'affilée).*");
    }

    private OptionalDouble value(String numeral, String scale) {
        OptionalDouble v = Numbers.parse(numeral, rules.decimalComma());
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * multiplier(scale)) : v;
    }

    private double multiplier(String scale) {
        if (scale == null) {
            return 1;
        }
        String s = scale.strip();
        double best = 1;
        for (Map.Entry<Double, Pattern> e : scales.entrySet()) {
            if (e.getValue().matcher(s).matches()) {
                best = Math.max(best, e.getKey()); // "mil millones" is both 1e3 and 1e9
            }
        }
        return best;
    }

    private OptionalDouble word(String word) {
        if (word == null) {
            return OptionalDouble.empty();
        }
        for (Map.Entry<Double, Pattern> e : numberWords.entrySet()) {
            if (e.getValue().matcher(word.strip()).matches()) {
                return OptionalDouble.of(e.getKey());
            }
        }
        return OptionalDouble.empty();
    }

    static String currency(String symbol) {
        String s = symbol.strip();
        for (Map.Entry<String, Pattern> e : CURRENCY_LIST) {
            if (e.getValue().matcher(s).matches()) {
                return e.getKey();
            }
        }
        return "USD";
    }

    private static List<Map.Entry<String, Pattern>> loadCurrencies() {
        List<Map.Entry<String, Pattern>> list = new ArrayList<>();
        try (InputStream in = Quantities.class.getResourceAsStream(CURRENCIES)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CURRENCIES);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                list.add(Map.entry(f[0].strip(), Pattern.compile("(?:" + f[1].strip() + ")", LanguageRules.flags())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CURRENCIES, e);
        }
        return List.copyOf(list);
    }
}
