package io.newsroute.classify.stage;

import java.util.Optional;

import io.newsroute.schema.RawArticle;

/**
 * Stage {@code validate}: rejects articles that cannot or should not be classified. Reads
 * {@code id}, {@code title}, {@code body}; adds nothing. Rejects a blank id, an article whose title
 * and body are both blank, and a title or body longer than {@code classify.max.body.chars}
 * (checked before any other work, so a huge record costs nothing). Stateless and thread-safe.
 */
public final class ArticleValidator {
    private final int maxChars;

    /** @param maxChars the value of {@code classify.max.body.chars} */
    public ArticleValidator(int maxChars) {
        this.maxChars = maxChars;
    }

    /** @return the reason the article is rejected, or empty when it is valid */
    public Optional<String> check(RawArticle raw) {
        if (raw == null) {
            return Optional.of("null article");
        }
        if (raw.getId() == null || raw.getId().isBlank()) {
            return Optional.of("article id is blank");
        }
        String title = raw.getTitle() == null ? "" : raw.getTitle();
        String body = raw.getBody() == null ? "" : raw.getBody();
        if (body.length() > maxChars) {
            return Optional.of("body has " + body.length() + " chars, more than classify.max.body.chars=" + maxChars);
        }
        if (title.length() > maxChars) {
            return Optional.of("title has " + title.length() + " chars, more than classify.max.body.chars=" + maxChars);
        }
        if (title.isBlank() && body.isBlank()) {
            return Optional.of("empty title and body: nothing to classify");
        }
        return Optional.empty();
    }
}
