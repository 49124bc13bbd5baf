package io.newsroute.classify.extract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start and end times of an outage when the article states them: a range ("from 07:00 to 21:00 UTC",
 * "tussen 10.15 en 13.30 uur", "von 9 bis 17 Uhr"), a start ("seit 9:40 Uhr MEZ", "since 09:40 GMT",
 * "depuis 9h40") or an end ("bis 14 Uhr", "until 3pm ET"). Built once per language; thread-safe.
 *
 * <p>A clock time needs minutes, an hour word ({@code Uhr}, {@code uur}, {@code h}), am/pm or a zone to count;
 * a bare number never does. The date is the one written in the time's sentence ("am 28. Februar", "on 4 March
 * 2024", "2024-03-04"), else the first one in the text, else the publication date; the year, when not written,
 * is the publication year. The zone is the one written (UTC, GMT, MEZ/CET, MESZ/CEST, BST, ET, PT...), else the
 * language's home zone (de: Europe/Berlin, nl: Europe/Amsterdam, fr: Europe/Paris, es: Europe/Madrid,
 * it: Europe/Rome, pt: Europe/Lisbon, pl: Europe/Warsaw); English has no home zone, so an English time without a
 * zone gives no timestamp. Without a date the times give no timestamps, but a range still gives its duration.
 */
final class Times {
    /** Start and end (either may be null) and the duration of a range in minutes (null unless both ends are given). */
    record Found(Instant start, Instant end, Long rangeMinutes, List<Text.Span> spans) {
    }

    private static final Map<String, ZoneId> ZONES = new LinkedHashMap<>();
    private static final Map<String, ZoneId> HOME = Map.of(
            "de", ZoneId.of("Europe/Berlin"), "nl", ZoneId.of("Europe/Amsterdam"), "fr", ZoneId.of("Europe/Paris"),
            "es", ZoneId.of("Europe/Madrid"), "it", ZoneId.of("Europe/Rome"), "pt", ZoneId.of("Europe/Lisbon"),
            "pl", ZoneId.of("Europe/Warsaw"));

    static {
        ZONES.put("UTC", ZoneOffset.UTC);
        ZONES.put("GMT", ZoneOffset.UTC);
        ZONES.put("Z", ZoneOffset.UTC);
        ZONES.put("MEZ", ZoneOffset.ofHours(1));
        ZONES.put("CET", ZoneOffset.ofHours(1));
        ZONES.put("MESZ", ZoneOffset.ofHours(2));
        ZONES.put("CEST", ZoneOffset.ofHours(2));
        ZONES.put("BST", ZoneOffset.ofHours(1));
        ZONES.put("WET", ZoneOffset.UTC);
        ZONES.put("WEST", ZoneOffset.ofHours(1));
        ZONES.put("EET", ZoneOffset.ofHours(2));
        ZONES.put("EEST", ZoneOffset.ofHours(3));
        ZONES.put("EST", ZoneOffset.ofHours(-5));
        ZONES.put("EDT", ZoneOffset.ofHours(-4));
        ZONES.put("ET", ZoneId.of("America/New_York"));
        ZONES.put("CST", ZoneOffset.ofHours(-6));
        ZONES.put("CDT", ZoneOffset.ofHours(-5));
        ZONES.put("PST", ZoneOffset.ofHours(-8));
        ZONES.put("PDT", ZoneOffset.ofHours(-7));
        ZONES.put("PT", ZoneId.of("America/Los_Angeles"));
        ZONES.put("AEST", ZoneOffset.ofHours(10));
        ZONES.put("AEDT", ZoneOffset.ofHours(11));
        ZONES.put("JST", ZoneOffset.ofHours(9));
    }

    private static final String ZONE = "(?:\\(?(" + String.join("|", ZONES.keySet()) + ")(?![\\p{L}])\\)?)";
    private static final String HOUR_WORD = "(?:Uhr|uur|u\\.|h|hrs|heures?|horas?|hs|ore|godz\\.?|godzin[aey]?)";

    private static final Pattern NOT_A_TIME = Pattern.compile("\\s*(?:[%€$£¥]|(?:Prozent|percent|per cent|procent|pour cent|por ciento|"
            + "per cento|por cento|proc|Euro|euros?|Dollar|dollars?|zł|Cent|cents?|Millionen|million|miljoen|millions|millones|milioni|"
            + "milhões|mln|Punkte|points|punten|puntos|punti|pontos|pkt)(?![\\p{L}]))", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final String language;
    private final Pattern clock;
    private final Pattern range;
    private final Pattern since;
    private final Pattern until;
    private final Pattern dayMonth;
    private final Pattern monthDay;
    private final Map<String, Integer> months = new LinkedHashMap<>();
    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(20\\d\\d)-(\\d\\d)-(\\d\\d)(?!\\d)");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(20\\d\\d)(?!\\d)");

    Times(LanguageRules rules) {
        this.language = rules.language();
        int flags = LanguageRules.flags();
        // one clock: 9:40, 09.40, 9h40, 10 Uhr, 3pm, 3 p.m., with an optional zone
        String clockText = "(?<![\\d.,:])(?:(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?\\s?([aApP])\\.?[mM]\\.?|([01]?\\d|2[0-3])[:.h]([0-5]\\d)(?:\\s?"
                + HOUR_WORD + ")?|([01]?\\d|2[0-3])\\s?" + HOUR_WORD + "(?![\\p{L}]))(?![\\d\\p{L}])(?:\\s?" + ZONE + ")?";
        clock = Pattern.compile(clockText, Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
        String from = rules.alternation("time.from");
        String to = rules.alternation("time.to");
        // a range: "from 7:00 to 21:00 UTC", "tussen 10.15 en 13.30 uur", "10:15-13:30", "von 9 bis 17 Uhr"
        String loose = "(?:(?<![\\d.,:])\\d{1,2}(?:[:.h]\\d{2})?(?!\\d)(?:\\s?[aApP]\\.?[mM]\\.?)?)";
        range = Pattern.compile("(?:(?<![\\p{L}])" + from + "\\s+)?(" + loose + "(?:\\s?" + HOUR_WORD + ")?(?:\\s?" + ZONE + ")?)"
                + "\\s*(?:[-–]|(?<![\\p{L}])" + to + "(?![\\p{L}]))\\s*(" + loose + "(?:\\s?" + HOUR_WORD + ")?(?:\\s?" + ZONE + ")?)", flags);
        since = Pattern.compile("(?<![\\p{L}])" + rules.alternation("time.since") + "\\s+$", flags);
        until = Pattern.compile("(?<![\\p{L}])" + rules.alternation("time.until") + "\\s+$", flags);
        Locale locale = Locale.forLanguageTag(language);
        List<String> names = new ArrayList<>();
        for (Month m : Month.values()) {
            for (TextStyle style : List.of(TextStyle.FULL, TextStyle.FULL_STANDALONE, TextStyle.SHORT, TextStyle.SHORT_STANDALONE)) {
                String name = m.getDisplayName(style, locale).toLowerCase(locale).replace(".", "");
                if (name.length() >= 3 && !name.matches("\\d+")) {
                    months.putIfAbsent(name, m.getValue());
                }
            }
        }
        names.addAll(months.keySet());
        names.sort((a, b) -> b.length() - a.length());
        String monthAlt = "(" + String.join("|", names.stream().map(Pattern::quote).toList()) + ")\\.?";
        dayMonth = Pattern.compile("(?<![\\d\\p{L}])(\\d{1,2})(?:\\.|er|º)?\\s+(?:de\\s+)?" + monthAlt + "(?![\\p{L}])(?:\\s+(?:de\\s+)?(20\\d\\d))?", flags);
        monthDay = Pattern.compile("(?<![\\p{L}])" + monthAlt + "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(20\\d\\d))?", flags);
    }

    /** The first stated range, start or end in title then body; empty when the article states none. */
    Optional<Found> find(Text title, Text body, Instant publishedAt) {
        for (Text t : List.of(title, body)) {
            Optional<Found> f = find(t, title, body, publishedAt);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Optional<Found> find(Text t, Text title, Text body, Instant publishedAt) {
        Matcher r = range.matcher(t.text());
        while (r.find()) {
            Clock a = clockIn(r.group(1));
            Clock b = clockIn(r.group(3));
            if (a == null || b == null || r.group(0).matches("(?s).*\\d{4}.*")) {
                continue;
            }
            String zone = b.zone != null ? b.zone : a.zone;
            // one end must be unmistakably a clock, and the range no amount ("von 9.50 bis 12.30 Euro")
            if (!a.strong && !b.strong || NOT_A_TIME.matcher(t.text().substring(r.end())).lookingAt()) {
                continue;
            }
            long minutes = Math.floorMod((b.hour * 60L + b.minute) - (a.hour * 60L + a.minute), 24 * 60);
            Optional<LocalDate> date = date(t, r.start(), title, body, publishedAt);
            Instant start = date.map(d -> instant(d, a, zone)).orElse(null);
            Instant end = date.map(d -> instant(minutes + a.hour * 60L + a.minute >= 24 * 60 ? d.plusDays(1) : d, b, zone)).orElse(null);
            return Optional.of(new Found(start, end, minutes == 0 ? null : minutes,
                    List.of(new Text.Span(t.field(), r.start(), r.end(), r.group()))));
        }
        Matcher c = clock.matcher(t.text());
        while (c.find()) {
            String before = t.text().substring(Math.max(t.sentenceStart(c.start()), c.start() - 30), c.start());
            boolean isStart = since.matcher(before).find();
            boolean isEnd = !isStart && until.matcher(before).find();
            if (!isStart && !isEnd || NOT_A_TIME.matcher(t.text().substring(c.end())).lookingAt()) {
                continue;
            }
            Clock k = clockIn(c.group());
            if (k == null) {
                continue;
            }
            Optional<LocalDate> date = date(t, c.start(), title, body, publishedAt);
            Instant at = date.map(d -> instant(d, k, k.zone)).orElse(null);
            if (at == null) {
                continue;
            }
            List<Text.Span> spans = List.of(new Text.Span(t.field(), c.start(), c.end(), c.group()));
            return Optional.of(isStart ? new Found(at, null, null, spans) : new Found(null, at, null, spans));
        }
        return Optional.empty();
    }

    private record Clock(int hour, int minute, String zone, boolean strong) {
    }

    /** Parses one clock text; strong when it is unmistakably a time (minutes, an hour word, am/pm or a zone). */
    private Clock clockIn(String text) {
        Matcher m = clock.matcher(text.strip());
        if (m.find() && m.start() == 0) {
            String zone = m.group(7);
            if (m.group(1) != null) {
                int hour = Integer.parseInt(m.group(1)) % 12 + (m.group(3).equalsIgnoreCase("p") ? 12 : 0);
                return new Clock(hour, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), zone, true);
            }
            if (m.group(4) != null) {
                return new Clock(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), zone, true);
            }
            return new Clock(Integer.parseInt(m.group(6)), 0, zone, true);
        }
        Matcher bare = Pattern.compile("^(\\d{1,2})(?:[:.h](\\d{2}))?").matcher(text.strip());
        if (bare.find()) {
            int h = Integer.parseInt(bare.group(1));
            int min = bare.group(2) == null ? 0 : Integer.parseInt(bare.group(2));
            if (h <= 24 && min < 60) {
                return new Clock(h % 24, min, null, false);
            }
        }
        return null;
    }

    private Instant instant(LocalDate date, Clock clock, String zoneName) {
        ZoneId zone = zoneName != null ? ZONES.get(zoneName.toUpperCase(Locale.ROOT)) : HOME.get(language);
        if (zone == null) {
            return null;
        }
        return LocalDateTime.of(date, LocalTime.of(clock.hour(), clock.minute())).atZone(zone).toInstant();
    }

    /** The date written in the sentence at {@code at}, else the first in the article, else the publication date. */
    private Optional<LocalDate> date(Text t, int at, Text title, Text body, Instant publishedAt) {
        Integer defaultYear = publishedAt == null ? null : publishedAt.atZone(ZoneOffset.UTC).getYear();
        String sentence = t.text().substring(t.sentenceStart(at), t.sentenceEnd(at));
        Optional<LocalDate> d = dateIn(sentence, defaultYear);
        if (d.isEmpty()) {
            d = dateIn(title.text() + "\n" + body.text(), defaultYear);
        }
        if (d.isEmpty() && publishedAt != null) {
            d = Optional.of(publishedAt.atZone(HOME.getOrDefault(language, ZoneOffset.UTC)).toLocalDate());
        }
        return d;
    }

    private Optional<LocalDate> dateIn(String text, Integer defaultYear) {
        List<int[]> found = new ArrayList<>(); // position, year, month, day
        Matcher iso = ISO_DATE.matcher(text);
        while (iso.find()) {
            found.add(new int[] {iso.start(), Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3))});
        }
        Matcher num = NUMERIC_DATE.matcher(text);
        while (num.find()) {
            found.add(new int[] {num.start(), Integer.parseInt(num.group(3)), Integer.parseInt(num.group(2)), Integer.parseInt(num.group(1))});
        }
        Matcher dm = dayMonth.matcher(text);
        while (dm.find()) {
            Integer month = months.get(dm.group(2).toLowerCase(Locale.forLanguageTag(language)));
            Integer year = dm.group(3) != null ? Integer.valueOf(dm.group(3)) : defaultYear;
            if (month != null && year != null) {
                found.add(new int[] {dm.start(), year, month, Integer.parseInt(dm.group(1))});
            }
        }
        Matcher md = monthDay.matcher(text);
        while (md.find()) {
            Integer month = months.get(md.group(1).toLowerCase(Locale.forLanguageTag(language)));
            Integer year = md.group(3) != null ? Integer.valueOf(md.group(3)) : defaultYear;
            if (month != null && year != null) {
                found.add(new int[] {md.start(), year, month, Integer.parseInt(md.group(2))});
            }
        }
        found.sort((x, y) -> Integer.compare(x[0], y[0]));
        for (int[] f : found) {
            try {
                return Optional.of(LocalDate.of(f[1], f[2], f[3]));
            } catch (DateTimeException e) {
                // "31. Februar": not a date, try the next one
            }
        }
        return Optional.empty();
    }
}
