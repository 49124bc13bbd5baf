package io.newsroute.ingest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines that are page furniture rather than text: image captions, photo credits, "image no longer
 * available" placeholders. Plain-text articles copied from web pages start with them, and they
 * must not become the headline. One list for every language; add a pattern here, not a branch
 * elsewhere. Patterns match the whole stripped line, case-insensitively.
 */
final class PageFurniture {
    private static final List<Pattern> PATTERNS = List.of(
            // credit or caption label at the start: "Foto: AP", "Photo: Reuters", "Bild: dpa", "(Foto: dpa)"
            line("\\(?\\s*(foto|fotos|photo|photos|bild|bilder|beeld|afbeelding|image|picture|grafik|graphic"
                    + "|illustration|quelle|source|bron|credit|credits|crédit|video)\\s*:.*"),
            // a caption that ends with its credit: "... Was, wenn die Cloud einmal versagt? (Foto: dpa)"
            line(".*\\(\\s*(foto|photo|bild|beeld|image|picture|quelle|source|bron|credit|crédit)\\s*:[^)]*\\)"),
            // copyright lines: "© dpa", "(c) Reuters", "Copyright 2017 ..."
            line("(©|\\(c\\)|copyright\\b).*"),
            // placeholders of removed images and videos
            line("(bild|foto|video) nicht mehr verfügbar\\.?"),
            line("(image|photo|picture|video) (is )?(no longer|not) available\\.?"),
            line("(afbeelding|foto|video) (is )?niet (meer )?beschikbaar\\.?"),
            line("(image|photo|vidéo) (n'est plus|non) disponible\\.?"));

    private PageFurniture() {
    }

    static boolean isFurniture(String line) {
        String s = line.strip();
        for (Pattern p : PATTERNS) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern line(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
