package io.newsroute.classify.stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out English brand and product names before language detection, because Lingua reads
 * "PlayStation Network" or "Amazon Web Services" as English evidence and a 5-word Spanish headline
 * has little else. Three rules, each replacing the matched characters by spaces (offsets are kept):
 * <ol>
 *   <li>terms of {@code io/newsroute/classify/language/common/brands.txt}, case-sensitive, whole
 *       words, longest first;</li>
 *   <li>inner-capital words such as {@code iCloud}, {@code WhatsApp}, {@code OneDrive};</li>
 *   <li>all-capital Latin acronyms of 2 to 5 letters ({@code AWS}, {@code PSN}, {@code SAP}).</li>
 * </ol>
 * The caller decides whether enough text is left (see {@link LanguageStage}); an all-capital
 * headline, for instance, is masked away completely and is then detected unmasked.
 */
final class BrandMask {
    static final String RESOURCE = FunctionWords.RESOURCE_DIR + "common/brands.txt";

    private static final Pattern INNER_CAPITAL = Pattern.compile("(?<![\\p{L}\\p{M}])\\p{L}*\\p{Ll}\\p{Lu}[\\p{L}]*");
    private static final Pattern ACRONYM = Pattern.compile("(?<![\\p{L}\\p{M}])[A-Z]{2,5}(?![\\p{L}\\p{M}])");

    private final Pattern brands;

    private BrandMask(List<String> terms) {
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{M}\\p{N}])(?:");
        for (int i = 0; i < sorted.size(); i++) {
            regex.append(i == 0 ? "" : "|").append(Pattern.quote(sorted.get(i)));
        }
        regex.append(")(?![\\p{L}\\p{M}\\p{N}])");
        this.brands = Pattern.compile(regex.toString());
    }

    static BrandMask load() {
        List<String> terms = new ArrayList<>();
        try (InputStream in = BrandMask.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String term = line.strip();
                if (!term.isEmpty() && !term.startsWith("#")) {
                    terms.add(term);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BrandMask(terms);
    }

    /** The text with brand names, inner-capital words and acronyms replaced by spaces; same length. */
    String mask(String text) {
        char[] chars = text.toCharArray();
        blank(brands.matcher(text), chars);
        blank(INNER_CAPITAL.matcher(text), chars);
        blank(ACRONYM.matcher(text), chars);
        return new String(chars);
    }

    private static void blank(Matcher matcher, char[] chars) {
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                chars[i] = ' ';
            }
        }
    }
}
