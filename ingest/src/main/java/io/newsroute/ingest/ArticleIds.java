package io.newsroute.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stable article ids: the first 32 hex characters (128 bits) of the SHA-256 of the canonical URL
 * when the article has an http(s) URL, else of the normalised content. The same article ingested
 * twice (from a feed, again from a file, with different tracking parameters) gets the same id, so
 * it is the same key on the raw topic and the same document in the search index.
 *
 * <p>The hash input is exactly the canonical URL string (UTF-8), so any other component can
 * recompute an id from a URL. Content ids hash {@code normalise(title) + "\n" + normalise(body)}
 * where normalise is Unicode NFC, whitespace runs collapsed to one space, trimmed; case is kept
 * (case can carry meaning: "AWS" vs "aws" in a ticker line). Because normalisation removes every
 * newline, the separator cannot be confused with content.
 */
public final class ArticleIds {
    /** Hex characters kept from the SHA-256 digest. */
    public static final int LENGTH = 32;

    /**
     * Query parameters that only track the click, never select content. Names are compared
     * lower-case; every {@code utm_*} parameter is dropped as well.
     */
    private static final Set<String> TRACKING_PARAMS = Set.of(
            "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
            "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id",
            "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "wt.mc_id", "ncid", "cmpid", "ref_src");

    /** scheme://authority path ?query #fragment, deliberately lenient (java.net.URI rejects many real URLs). */
    private static final Pattern URL = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?", Pattern.DOTALL);
    private static final Pattern AUTHORITY = Pattern.compile("(?:([^@]*)@)?(\\[[^\\]]*\\]|[^:]*)(?::(\\d*))?");
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9a-fA-F]{2}");
    /** ASCII whitespace, every Unicode space separator (no-break space, thin space...), zero-width space and BOM. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+");

    private ArticleIds() {
    }

    /**
     * The id of an article: {@link #forUrl} when {@code urlOrNull} canonicalises to an http(s) URL,
     * else {@link #forContent}. Never throws for a malformed or non-http URL; it falls back to
     * the content hash.
     */
    public static String of(String urlOrNull, String title, String body) {
        if (urlOrNull != null) {
            Optional<String> canonical = canonicalUrl(urlOrNull);
            if (canonical.isPresent()) {
                return sha256(canonical.get());
            }
        }
        return forContent(title, body);
    }

    /**
     * The id of an article with this URL, after {@link #canonicalUrl canonicalisation}.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host
     */
    public static String forUrl(String url) {
        Objects.requireNonNull(url, "url");
        return sha256(canonicalUrl(url).orElseThrow(() -> new IllegalArgumentException(
                "not an absolute http(s) URL: '" + url + "'")));
    }

    /** The id of an article without URL: hash of its normalised title and body ({@code null} counts as empty). */
    public static String forContent(String title, String body) {
        return sha256(normalise(title) + "\n" + normalise(body));
    }

    /**
     * The canonical form of an http(s) URL: scheme and host lower-cased, default port (80/443),
     * user info kept, fragment dropped, tracking parameters ({@code utm_*}, {@code fbclid},
     * {@code gclid}, ...) dropped with the order of the other parameters kept, empty query
     * dropped, percent escapes upper-cased, spaces encoded as {@code %20}, trailing slash of the path dropped except for the
     * root path {@code /} (an empty path becomes {@code /}).
     *
     * @return empty if the string is not an absolute http(s) URL with a host
     */
    public static Optional<String> canonicalUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        Matcher a = AUTHORITY.matcher(m.group(2));
        if (!a.matches()) {
            return Optional.empty();
        }
        String host = a.group(2).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || WHITESPACE.matcher(host).find()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(url.length()).append(scheme).append("://");
        if (a.group(1) != null) {
            out.append(a.group(1)).append('@');
        }
        out.append(host);
        String port = a.group(3);
        if (port != null && !port.isEmpty()) {
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (number > 65535) {
                return Optional.empty();
            }
            boolean isDefault = scheme.equals("http") ? number == 80 : number == 443;
            if (!isDefault) {
                out.append(':').append(number);
            }
        }
        String path = upperEscapes(m.group(3));
        if (path.isEmpty()) {
            path = "/";
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        out.append(path);
        String query = m.group(4);
        if (query != null) {
            List<String> kept = new ArrayList<>();
            for (String param : query.split("&")) {
                if (!param.isEmpty() && !isTracking(param)) {
                    kept.add(upperEscapes(param));
                }
            }
            if (!kept.isEmpty()) {
                out.append('?').append(String.join("&", kept));
            }
        }
        return Optional.of(out.toString());
    }

    private static boolean isTracking(String param) {
        int eq = param.indexOf('=');
        String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || TRACKING_PARAMS.contains(name);
    }

    private static String upperEscapes(String s) {
        return PERCENT_ESCAPE.matcher(s).replaceAll(r -> r.group().toUpperCase(Locale.ROOT)).replace(" ", "%20");
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return WHITESPACE.matcher(nfc).replaceAll(" ").strip();
    }

    private static String sha256(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
