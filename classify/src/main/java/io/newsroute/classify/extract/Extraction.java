package io.newsroute.classify.extract;

import java.util.List;
import java.util.Objects;

import io.newsroute.schema.Entity;
import io.newsroute.schema.Facts;

/**
 * What {@link Extractor#extract} found in one article: entities (gazetteers and patterns always, NER
 * for labelled articles) and per-label facts, each fact record carrying its evidence spans.
 */
public record Extraction(List<Entity> entities, Facts facts) {
    public Extraction {
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
        Objects.requireNonNull(facts, "facts");
    }
}
