package io.newsroute.schema.serde;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.RawArticle;

/** The codecs and serdes of the three record types, built once (they are thread-safe). */
public final class NewsSerdes {
    private static final AvroCodec<RawArticle> RAW = new AvroCodec<>(RawArticle.class);
    private static final AvroCodec<EnrichedArticle> ENRICHED = new AvroCodec<>(EnrichedArticle.class);
    private static final AvroCodec<DeadLetter> DEAD_LETTER = new AvroCodec<>(DeadLetter.class);

    private NewsSerdes() {
    }

    public static AvroCodec<RawArticle> rawCodec() {
        return RAW;
    }

    public static AvroCodec<EnrichedArticle> enrichedCodec() {
        return ENRICHED;
    }

    public static AvroCodec<DeadLetter> deadLetterCodec() {
        return DEAD_LETTER;
    }

    public static AvroSerde<RawArticle> rawArticle() {
        return new AvroSerde<>(RAW);
    }

    public static AvroSerde<EnrichedArticle> enrichedArticle() {
        return new AvroSerde<>(ENRICHED);
    }

    public static AvroSerde<DeadLetter> deadLetter() {
        return new AvroSerde<>(DEAD_LETTER);
    }
}
