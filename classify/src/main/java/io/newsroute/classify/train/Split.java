package io.newsroute.classify.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The fixed train/dev/test split: the first byte of SHA-256(id, UTF-8), unsigned, mod 10: 0-6
 * {@link #TRAIN}, 7 {@link #DEV}, 8-9 {@link #TEST}. It depends on the id only, so adding items never
 * moves existing ones between splits. TEST is never used for training or tuning; the trainer
 * tunes thresholds and the L2 sigma by cross-validation over TRAIN and DEV and fits the final
 * models on both.
 */
public enum Split {
    TRAIN, DEV, TEST;

    /** The split of the item with this id. */
    public static Split of(String id) {
        int bucket = bucket(id);
        return bucket <= 6 ? TRAIN : bucket == 7 ? DEV : TEST;
    }

    /** 0..9: the first byte of SHA-256(id) mod 10. */
    static int bucket(String id) {
        try {
            byte first = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8))[0];
            return (first & 0xff) % 10;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Lower-case name, as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
