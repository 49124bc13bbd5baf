package io.newsroute.classify.stage;

import java.lang.Character.UnicodeScript;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.github.pemistahl.lingua.api.Language;

/**
 * Which writing systems a configured language set can read. A text whose letters are mostly in
 * other scripts (a Thai or Hindi body when neither is configured) is undetermined rather than
 * assigned to whichever configured language owns the few Latin brand names in it.
 */
final class Scripts {
    /** Scripts of the languages whose script is not Latin, Cyrillic, Arabic or Devanagari. */
    private static final Map<Language, Set<UnicodeScript>> OTHER = Map.ofEntries(
            Map.entry(Language.GREEK, EnumSet.of(UnicodeScript.GREEK)),
            Map.entry(Language.CHINESE, EnumSet.of(UnicodeScript.HAN)),
            Map.entry(Language.JAPANESE, EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA)),
            Map.entry(Language.KOREAN, EnumSet.of(UnicodeScript.HANGUL, UnicodeScript.HAN)),
            Map.entry(Language.HEBREW, EnumSet.of(UnicodeScript.HEBREW)),
            Map.entry(Language.THAI, EnumSet.of(UnicodeScript.THAI)),
            Map.entry(Language.ARMENIAN, EnumSet.of(UnicodeScript.ARMENIAN)),
            Map.entry(Language.GEORGIAN, EnumSet.of(UnicodeScript.GEORGIAN)),
            Map.entry(Language.BENGALI, EnumSet.of(UnicodeScript.BENGALI)),
            Map.entry(Language.GUJARATI, EnumSet.of(UnicodeScript.GUJARATI)),
            Map.entry(Language.PUNJABI, EnumSet.of(UnicodeScript.GURMUKHI)),
            Map.entry(Language.TAMIL, EnumSet.of(UnicodeScript.TAMIL)),
            Map.entry(Language.TELUGU, EnumSet.of(UnicodeScript.TELUGU)));

    private final Set<UnicodeScript> covered;

    private Scripts(Set<UnicodeScript> covered) {
        this.covered = covered;
    }

    static Scripts of(Collection<Language> languages) {
        EnumSet<UnicodeScript> covered = EnumSet.noneOf(UnicodeScript.class);
        for (Language language : languages) {
            if (Language.allWithLatinScript().contains(language)) {
                covered.add(UnicodeScript.LATIN);
            }
            if (Language.allWithCyrillicScript().contains(language)) {
                covered.add(UnicodeScript.CYRILLIC);
            }
            if (Language.allWithArabicScript().contains(language)) {
                covered.add(UnicodeScript.ARABIC);
            }
            if (Language.allWithDevanagariScript().contains(language)) {
                covered.add(UnicodeScript.DEVANAGARI);
            }
            covered.addAll(OTHER.getOrDefault(language, Set.of()));
        }
        return new Scripts(covered);
    }

    /** Letters of {@code text} in a covered script, and all letters: {@code [covered, total]}. */
    int[] letters(String text) {
        int coveredLetters = 0;
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                total++;
                if (covered.contains(UnicodeScript.of(cp))) {
                    coveredLetters++;
                }
            }
        }
        return new int[] {coveredLetters, total};
    }
}
