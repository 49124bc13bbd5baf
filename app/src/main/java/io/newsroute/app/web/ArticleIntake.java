package io.newsroute.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.stage.ArticleValidator;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.IngestException;
import io.newsroute.ingest.InvalidArticleException;
import io.newsroute.schema.RawArticle;

/**
 * {@code POST /api/articles}: crawlers push articles over HTTP into the raw topic.
 *
 * <ul>
 *   <li>{@code Content-Type: application/json}: one article object; {@code application/x-ndjson}
 *       (also {@code application/jsonl}): one article object per line, blank lines skipped. The
 *       fields are those of a {@code .json} file ({@link ArticleReader#fromJson}). Anything else is
 *       {@code 415}.</li>
 *   <li>A request larger than the limit (default {@value #DEFAULT_MAX_REQUEST_BYTES} bytes) is
 *       {@code 413}, decided from {@code Content-Length} before reading when it is sent.</li>
 *   <li>Each article must pass the reader's checks and the classify stage's validator (body, title
 *       and short-field limits of {@code classify.max.*}), so nothing is accepted that classify
 *       would dead-letter as invalid. One bad article makes the whole request {@code 400} and
 *       nothing is sent: the answer lists every bad line with its field, so the crawler fixes
 *       them and sends the batch again (ids are stable, so resending is harmless).</li>
 *   <li>Otherwise every article is sent and acknowledged by Kafka, then the answer is
 *       {@code 202 {"accepted": n, "ids": [...]}} (accepted for classification, which is
 *       asynchronous). A Kafka failure is {@code 503}; the client sends the batch again, and the
 *       next request is written afresh (see {@code RawArticleBatchWriter}).</li>
 * </ul>
 * Thread-safe when the sink is.
 */
public final class ArticleIntake {
    /** Default request limit: 5 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 5L * 1024 * 1024;
    /** Source of articles that do not name their own. */
    static final String SOURCE = "api";
    private static final Logger LOG = LoggerFactory.getLogger(ArticleIntake.class);
    private static final int MAX_ERRORS_LISTED = 100;

    /** Where accepted articles go: the raw topic's producer. */
    @FunctionalInterface
    public interface Sink {
        /** Sends the articles and blocks until all are acknowledged; throws {@link IngestException} if any failed. */
        void write(List<RawArticle> articles);
    }

    /** An answer: HTTP status and JSON body. */
    public record Response(int status, Map<String, Object> body) {
    }

    private final ArticleReader reader;
    private final ArticleValidator validator;
    private final Sink sink;
    private final long maxRequestBytes;
    private final ObjectReader json = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param validator the classify stage's validator, built from the classify configuration
     * @param maxRequestBytes largest request body accepted, at least 1 KiB
     */
    public ArticleIntake(ArticleReader reader, ArticleValidator validator, Sink sink, long maxRequestBytes) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("the request limit must be at least 1024 bytes, was " + maxRequestBytes);
        }
        this.maxRequestBytes = maxRequestBytes;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * Handles one request.
     *
     * @param contentType the Content-Type header, or {@code null}
     * @param contentLength the Content-Length header, or -1 when absent (chunked)
     * @param body the request body (read up to the limit, not closed)
     */
    public Response handle(String contentType, long contentLength, InputStream body) throws IOException {
        String type = mediaType(contentType);
        boolean lines;
        if (type.equals("application/json")) {
            lines = false;
        } else if (type.equals("application/x-ndjson") || type.equals("application/jsonl") || type.equals("application/json-lines")) {
            lines = true;
        } else {
            return error(415, "Content-Type must be application/json (one article) or application/x-ndjson (one article per line), was "
                    + (contentType == null || contentType.isBlank() ? "none" : "'" + contentType + "'"));
        }
        if (contentLength > maxRequestBytes) {
            return tooLarge(contentLength + " bytes");
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
        if (bytes.length > maxRequestBytes) {
            return tooLarge("more than " + maxRequestBytes + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return error(400, "the body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<RawArticle> articles = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        if (lines) {
            String[] split = text.split("\r?\n", -1);
            for (int i = 0; i < split.length; i++) {
                if (!split[i].isBlank()) {
                    parse(split[i], i + 1, articles, errors);
                }
            }
        } else if (!text.isBlank()) {
            parse(text, 1, articles, errors);
        }
        if (!errors.isEmpty()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", errors.size() == 1
                    ? "invalid article at line " + errors.get(0).get("line") + ", field '" + errors.get(0).get("field") + "': "
                            + errors.get(0).get("message") + "; nothing was accepted"
                    : errors.size() + " invalid articles; nothing was accepted");
            answer.put("errors", errors.subList(0, Math.min(errors.size(), MAX_ERRORS_LISTED)));
            return new Response(400, answer);
        }
        if (articles.isEmpty()) {
            return error(400, "no article in the request body");
        }
        List<String> ids = new ArrayList<>();
        try {
            sink.write(articles);
            for (RawArticle article : articles) {
                ids.add(article.getId());
            }
        } catch (IngestException e) {
            LOG.warn("POST /api/articles: Kafka refused the articles: {}", e.getMessage());
            return error(503, "the articles could not be written to Kafka; try again later");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", ids.size());
        answer.put("ids", ids);
        return new Response(202, answer);
    }

    private void parse(String line, int lineNo, List<RawArticle> articles, List<Map<String, Object>> errors) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            errors.add(problem(lineNo, "", "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        RawArticle article;
        try {
            article = reader.fromJson(node, SOURCE);
        } catch (InvalidArticleException e) {
            errors.add(problem(lineNo, e.field(), e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            errors.add(problem(lineNo, "", e.getMessage()));
            return;
        }
        Optional<String> reason = validator.check(article);
        if (reason.isPresent()) {
            // the validator's reasons start with the field: "body has 1200000 chars, more than classify.max.body.chars=..."
            String field = reason.get().split(" ", 2)[0];
            errors.add(problem(lineNo, field.equals("article") || field.equals("empty") ? "" : field, reason.get()));
            return;
        }
        articles.add(article);
    }

    private static Map<String, Object> problem(int line, String field, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("line", line);
        problem.put("field", field);
        problem.put("message", message);
        return problem;
    }

    private Response tooLarge(String size) {
        return error(413, "request body too large: " + size + "; the limit is " + maxRequestBytes
                + " bytes per request: send smaller batches");
    }

    private static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new Response(status, body);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
