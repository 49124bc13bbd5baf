package io.newsroute.app;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Entity;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;

/** The JSON shape `./newsroute classify` writes: one object per article, stable field names. */
final class ArticleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ArticleJson() {
    }

    static ObjectNode of(EnrichedArticle article, List<String> topics) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", article.getId());
        node.put("source", article.getSource());
        node.put("title", article.getTitle());
        node.put("language", article.getLanguage().getCode());
        node.put("languageConfidence", round(article.getLanguage().getConfidence()));
        if (article.getLanguage().getRunnerUp() != null) {
            node.put("languageRunnerUp", article.getLanguage().getRunnerUp());
        }
        node.put("classificationSupported", article.getLanguage().getClassificationSupported());
        ArrayNode labels = node.putArray("labels");
        article.getLabels().forEach(label -> labels.add(label.getName()));
        ObjectNode scores = node.putObject("scores");
        for (String label : Labels.ALL) {
            Double score = article.getScores().get(label);
            scores.put(label, round(score == null ? 0.0 : score));
        }
        ObjectNode evidence = node.putObject("evidence");
        for (Label label : article.getLabels()) {
            ArrayNode spans = evidence.putArray(label.getName());
            for (Evidence e : label.getEvidence()) {
                ObjectNode span = spans.addObject();
                span.put("field", e.getField());
                span.put("start", e.getStart());
                span.put("end", e.getEnd());
                span.put("text", e.getText());
                if (e.getConcept() != null) {
                    span.put("concept", e.getConcept());
                }
                span.put("weight", round(e.getWeight()));
            }
        }
        if (!topics.isEmpty()) {
            ArrayNode routed = node.putArray("topics");
            topics.forEach(routed::add);
        }
        ArrayNode entities = node.putArray("entities");
        for (Entity e : article.getEntities()) {
            entities.addObject().put("text", e.getText()).put("type", e.getType()).put("normalized", e.getNormalized())
                    .put("field", e.getField()).put("start", e.getStart()).put("end", e.getEnd());
        }
        ObjectNode facts = node.putObject("facts");
        if (article.getFacts() != null) {
            for (Schema.Field field : article.getFacts().getSchema().getFields()) {
                Object value = article.getFacts().get(field.pos());
                if (value != null) {
                    facts.set(field.name(), json(value));
                }
            }
        }
        node.put("modelVersion", article.getModelVersion());
        node.put("pipelineVersion", article.getPipelineVersion());
        return node;
    }

    /** Avro facts records as JSON: null fields left out, evidence as {field, start, end, text, concept}. */
    private static JsonNode json(Object value) {
        if (value instanceof IndexedRecord record) {
            ObjectNode object = MAPPER.createObjectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                Object v = record.get(field.pos());
                if (v != null && !(record instanceof Evidence && "weight".equals(field.name()))) {
                    object.set(field.name(), json(v));
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = MAPPER.createArrayNode();
            list.forEach(v -> array.add(json(v)));
            return array;
        }
        if (value instanceof Double d) {
            return MAPPER.getNodeFactory().numberNode(d);
        }
        if (value instanceof Long l) {
            return MAPPER.getNodeFactory().numberNode(l);
        }
        if (value instanceof Integer i) {
            return MAPPER.getNodeFactory().numberNode(i);
        }
        return MAPPER.getNodeFactory().textNode(value.toString()); // strings, Instants (ISO-8601)
    }

    static String toLine(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
