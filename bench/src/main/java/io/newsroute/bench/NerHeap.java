package io.newsroute.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.classify.extract.Extractor;

/**
 * Heap used by the extract stage with NER models loaded: creates the extractor with
 * {@code extract.ner.languages=LANGS} (argument; default de,en,fr,es; "" for none, then every article is extracted without NER), extracts a labelled
 * breach article in each of those languages three times (so each model loads and runs), then prints the
 * used heap after {@code System.gc()}. One run per language, minus the run with "", gives each model's cost.
 *
 * <pre>
 * mvn -B -q -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp "bench/target/classes:$(cat bench/target/cp.txt)" io.newsroute.bench.NerHeap [LANGS]
 * </pre>
 */
public final class NerHeap {
    private static final List<String[]> ARTICLES = List.of(
            new String[] {"de", "Cyberangriff auf Klinikum Nordstadt", "Das Klinikum Nordstadt in Hannover ist Opfer eines "
                    + "Hackerangriffs geworden, teilte Geschäftsführerin Anna Weber mit. Die Polizei ermittelt."},
            new String[] {"en", "Hackers hit Harbourside City Council", "Harbourside City Council in Queensland said John Smith, "
                    + "its chief executive, found the breach on Monday."},
            new String[] {"fr", "Rançongiciel chez Armor Hébergement", "L'hébergeur Armor Hébergement a été frappé, selon "
                    + "Jean Dupont, son directeur, à Rennes."},
            new String[] {"es", "Ciberataque al Hospital Santa Lucía", "El Hospital Santa Lucía de Cartagena sufrió un ataque, "
                    + "dijo María García, su portavoz, en Murcia."});

    private NerHeap() {
    }

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        String languages = args.length > 0 ? args[0] : "de,en,fr,es";
        Set<String> wanted = Set.of(languages.split(","));
        Extractor extractor = Extractor.create(new ExtractConfig(Map.of(ExtractConfig.NER_LANGUAGES, languages)));
        int extractions = 0;
        for (int round = 0; round < 3; round++) {
            for (String[] a : ARTICLES) {
                if (!languages.isBlank() && !wanted.contains(a[0])) {
                    continue;
                }
                extractor.extract(a[1], a[2], a[0], Set.of("security-breach"));
                extractions++;
            }
        }
        long after = used(rt);
        System.out.printf(Locale.ROOT, "heap used before the extractor: %d MB%n", before >> 20);
        System.out.printf(Locale.ROOT, "heap used with NER [%s] loaded, after %d extractions and System.gc(): %d MB (max heap %d MB)%n",
                languages, extractions, after >> 20, rt.maxMemory() >> 20);
    }

    private static long used(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
