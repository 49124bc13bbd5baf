package io.newsroute.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress of a long CLI operation (ingesting a large file, a replay, training, an evaluation),
 * with rate and ETA.
 *
 * <ul>
 *   <li>{@link Mode#TERMINAL} (a console is attached): one line redrawn in place with {@code \r} at
 *       most every {@value #TERMINAL_INTERVAL_MS} ms: {@code ingest [########--------]  50%  5.0/10.0 MiB  1.2 MiB/s  ETA 0:04}.</li>
 *   <li>{@link Mode#LINES} (output is a file or a pipe, e.g. CI logs): a plain line every
 *       {@value #LINE_INTERVAL_MS} ms: {@code ingest: 50% (5.0/10.0 MiB), 1.2 MiB/s, ETA 0:04}.</li>
 * </ul>
 * Without a known total (0 or less) it shows the count, the rate and the elapsed time instead of
 * the bar and the ETA. The rate is the average since the start, the ETA the remaining work at that
 * rate. An operation that ends before the first redraw prints nothing at all, so short runs stay
 * quiet; otherwise {@link #close()} prints a final line. Thread-safe.
 */
public final class ProgressMeter implements AutoCloseable {
    static final long TERMINAL_INTERVAL_MS = 200;
    static final long LINE_INTERVAL_MS = 5_000;
    private static final int BAR_WIDTH = 24;

    /** How counts are shown. */
    public enum Unit {
        /** Whole things: "1,234/5,000 articles", "312/s". */
        ITEMS,
        /** Bytes: "5.0/10.0 MiB", "1.2 MiB/s". */
        BYTES
    }

    /** Where the output goes. */
    public enum Mode {
        /** Redraw one line in place. */
        TERMINAL,
        /** Append a plain line now and then. */
        LINES
    }

    private final String task;
    private final Unit unit;
    private final String itemName;
    private final PrintWriter out;
    private final Mode mode;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long total;
    private long done;
    private long lastRenderNanos;
    private boolean rendered;
    private int lastWidth;
    private String note = "";
    private boolean closed;

    ProgressMeter(String task, long total, Unit unit, String itemName, PrintWriter out, Mode mode, LongSupplier nanoTime) {
        this.task = Objects.requireNonNull(task, "task");
        this.total = total;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.itemName = Objects.requireNonNull(itemName, "itemName");
        this.out = Objects.requireNonNull(out, "out");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.startNanos = nanoTime.getAsLong();
        this.lastRenderNanos = startNanos;
    }

    /**
     * A meter that redraws in place when this JVM has a console ({@code System.console() != null}),
     * else prints plain lines.
     *
     * @param total the amount of work, or 0 when unknown
     * @param itemName what is counted, for {@link Unit#ITEMS} ("articles"); ignored for bytes
     */
    public static ProgressMeter start(String task, long total, Unit unit, String itemName, PrintWriter out) {
        return new ProgressMeter(task, total, unit, itemName, out, System.console() != null ? Mode.TERMINAL : Mode.LINES, System::nanoTime);
    }

    /** Adds work done. */
    public synchronized void advance(long amount) {
        done += amount;
        maybeRender();
    }

    /** Sets the work done (for sources that report a position, like committed offsets). */
    public synchronized void set(long value) {
        done = value;
        maybeRender();
    }

    /** Changes the total (0: unknown). */
    public synchronized void total(long value) {
        total = value;
    }

    /** A short text shown after the numbers, e.g. "1,234 articles" while bytes are counted. */
    public synchronized void note(String text) {
        note = text == null ? "" : text;
    }

    public synchronized long done() {
        return done;
    }

    /**
     * Prints a line of other output (to {@code target}, which may be another stream on the same
     * terminal) without mixing it into the bar: on a terminal the bar is cleared, the line printed
     * and the bar drawn again below it.
     */
    public synchronized void printAbove(PrintWriter target, String line) {
        boolean redraw = mode == Mode.TERMINAL && rendered && !closed;
        if (redraw) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            out.flush();
            lastWidth = 0;
        }
        target.println(line);
        target.flush();
        if (redraw) {
            draw(terminalLine(nanoTime.getAsLong()));
            out.flush();
        }
    }

    /** Prints the final state and ends the line, if anything was printed before. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!rendered) {
            return;
        }
        if (mode == Mode.TERMINAL) {
            draw(terminalLine(nanoTime.getAsLong()));
            out.println();
        } else {
            out.println(finalLine(nanoTime.getAsLong()));
        }
        out.flush();
    }

    private void maybeRender() {
        if (closed) {
            return;
        }
        long now = nanoTime.getAsLong();
        long interval = (mode == Mode.TERMINAL ? TERMINAL_INTERVAL_MS : LINE_INTERVAL_MS) * 1_000_000L;
        if (now - lastRenderNanos < interval) {
            return;
        }
        lastRenderNanos = now;
        rendered = true;
        if (mode == Mode.TERMINAL) {
            draw(terminalLine(now));
        } else {
            out.println(plainLine(now));
        }
        out.flush();
    }

    private void draw(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        lastWidth = line.length();
    }

    /** The line drawn on a terminal at {@code now} (nanoTime). */
    synchronized String terminalLine(long now) {
        StringBuilder line = new StringBuilder(task);
        double seconds = elapsedSeconds(now);
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            line.append(" [").append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)))
                    .append("  ").append(amount(done, total));
        } else {
            line.append("  ").append(amount(done, 0));
        }
        line.append("  ").append(rate(seconds));
        line.append("  ").append(total > 0 ? "ETA " + eta(seconds) : "elapsed " + duration(seconds));
        if (!note.isEmpty()) {
            line.append("  ").append(note);
        }
        return line.toString();
    }

    /** The periodic line written when there is no terminal. */
    synchronized String plainLine(long now) {
        double seconds = elapsedSeconds(now);
        StringBuilder line = new StringBuilder(task).append(": ");
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%d%% (%s)", (int) Math.floor(Math.min(1.0, (double) done / total) * 100), amount(done, total)))
                    .append(", ").append(rate(seconds)).append(", ETA ").append(eta(seconds));
        } else {
            line.append(amount(done, 0)).append(", ").append(rate(seconds)).append(", elapsed ").append(duration(seconds));
        }
        if (!note.isEmpty()) {
            line.append(", ").append(note);
        }
        return line.toString();
    }

    synchronized String finalLine(long now) {
        double seconds = elapsedSeconds(now);
        StringBuilder line = new StringBuilder(task).append(": done, ").append(amount(done, 0))
                .append(" in ").append(duration(seconds)).append(" (").append(rate(seconds)).append(")");
        if (!note.isEmpty()) {
            line.append(", ").append(note);
        }
        return line.toString();
    }

    private double elapsedSeconds(long now) {
        return Math.max(0, now - startNanos) / 1e9;
    }

    private String amount(long value, long of) {
        if (unit == Unit.BYTES) {
            return of > 0 ? bytes(value, of) + "/" + bytes(of, of) + " " + byteUnit(of) : bytes(value, value) + " " + byteUnit(value);
        }
        return of > 0 ? String.format(Locale.ROOT, "%,d/%,d %s", value, of, itemName) : String.format(Locale.ROOT, "%,d %s", value, itemName);
    }

    private String rate(double seconds) {
        double perSecond = seconds > 0 ? done / seconds : 0;
        if (unit == Unit.BYTES) {
            long r = Math.round(perSecond);
            return bytes(r, r) + " " + byteUnit(r) + "/s";
        }
        return perSecond >= 10 || perSecond == 0 ? String.format(Locale.ROOT, "%,d/s", Math.round(perSecond))
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    private String eta(double seconds) {
        if (done >= total) {
            return "0:00";
        }
        if (done <= 0 || seconds <= 0) {
            return "?";
        }
        return duration((total - done) * seconds / done);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        Duration d = Duration.ofSeconds(s);
        return d.toHours() > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private static int byteExponent(long scale) {
        int e = 0;
        double v = scale;
        while (v >= 1024 && e < BYTE_UNITS.length - 1) {
            v /= 1024;
            e++;
        }
        return e;
    }

    private static String byteUnit(long scale) {
        return BYTE_UNITS[byteExponent(scale)];
    }

    /** {@code value} in the unit that suits {@code scale}, one decimal (none for bytes). */
    private static String bytes(long value, long scale) {
        int e = byteExponent(scale);
        return e == 0 ? Long.toString(value) : String.format(Locale.ROOT, "%.1f", value / Math.pow(1024, e));
    }
}
