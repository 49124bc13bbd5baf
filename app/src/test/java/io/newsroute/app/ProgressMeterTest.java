package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    private ProgressMeter meter(long total, ProgressMeter.Unit unit, ProgressMeter.Mode mode) {
        return new ProgressMeter("ingest", total, unit, "articles", out, mode, clock::get);
    }

    @Test
    void terminalBarWithRateAndEta() {
        ProgressMeter meter = meter(1_000, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.TERMINAL);
        clock.addAndGet(2 * SECOND);
        meter.advance(250);

        // 250 in 2 s: 125/s, 750 left: 6 s
        assertThat(text.toString()).isEqualTo("\ringest [######------------------]  25%  250/1,000 articles  125/s  ETA 0:06");
        assertThat(meter.terminalLine(clock.get())).isEqualTo("ingest [######------------------]  25%  250/1,000 articles  125/s  ETA 0:06");
    }

    @Test
    void terminalRedrawsAtMostEveryIntervalAndPadsShorterLines() {
        ProgressMeter meter = meter(0, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.TERMINAL);
        clock.addAndGet(SECOND);
        meter.advance(12_345);
        String first = text.toString();
        meter.advance(1);                                // no time passed: no redraw
        assertThat(text.toString()).isEqualTo(first);

        meter.set(5);
        clock.addAndGet(SECOND);
        meter.advance(0);
        String second = text.toString().substring(first.length());
        assertThat(first).isEqualTo("\ringest  12,345 articles  12,345/s  elapsed 0:01");
        // shorter line: padded with spaces so nothing of the longer one stays visible
        assertThat(second).isEqualTo("\ringest  5 articles  2.5/s  elapsed 0:02" + " ".repeat(first.length() - 1 - "ingest  5 articles  2.5/s  elapsed 0:02".length()));

        meter.close();
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void bytesWithBinaryUnits() {
        ProgressMeter meter = meter(10L * 1024 * 1024, ProgressMeter.Unit.BYTES, ProgressMeter.Mode.TERMINAL);
        meter.note("1,234 articles");
        clock.addAndGet(4 * SECOND);
        meter.advance(5L * 1024 * 1024);

        assertThat(meter.terminalLine(clock.get()))
                .isEqualTo("ingest [############------------]  50%  5.0/10.0 MiB  1.3 MiB/s  ETA 0:04  1,234 articles");
    }

    @Test
    void plainLinesEveryFiveSecondsWhenNotOnATerminal() {
        ProgressMeter meter = meter(600, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.LINES);
        clock.addAndGet(SECOND);
        meter.advance(60);
        assertThat(text.toString()).isEmpty();           // 1 s: too early for a line

        clock.addAndGet(4 * SECOND);
        meter.advance(40);                               // 100 in 5 s
        clock.addAndGet(4 * SECOND);
        meter.advance(80);                               // 4 s after the last line: none
        clock.addAndGet(SECOND);
        meter.advance(20);                               // 200 in 10 s
        clock.addAndGet(20 * SECOND);
        meter.set(600);
        meter.close();

        String n = System.lineSeparator();
        assertThat(text.toString()).isEqualTo(
                "ingest: 16% (100/600 articles), 20/s, ETA 0:25" + n
                        + "ingest: 33% (200/600 articles), 20/s, ETA 0:20" + n
                        + "ingest: 100% (600/600 articles), 20/s, ETA 0:00" + n
                        + "ingest: done, 600 articles in 0:30 (20/s)" + n);
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void shortOperationsPrintNothing() {
        ProgressMeter terminal = meter(10, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.TERMINAL);
        terminal.advance(10);
        terminal.close();
        ProgressMeter lines = meter(10, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.LINES);
        clock.addAndGet(SECOND);
        lines.advance(10);
        lines.close();

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void etaIsUnknownBeforeAnyProgress() {
        ProgressMeter meter = meter(100, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.LINES);
        clock.addAndGet(6 * SECOND);
        meter.advance(0);

        assertThat(text.toString().strip()).isEqualTo("ingest: 0% (0/100 articles), 0/s, ETA ?");
    }

    @Test
    void durations() {
        assertThat(ProgressMeter.duration(0)).isEqualTo("0:00");
        assertThat(ProgressMeter.duration(59.6)).isEqualTo("1:00");
        assertThat(ProgressMeter.duration(3_725)).isEqualTo("1:02:05");
    }

    @Test
    void linesPrintedAboveTheBarDoNotMixWithIt() {
        StringWriter other = new StringWriter();
        PrintWriter log = new PrintWriter(other, true);
        ProgressMeter meter = meter(10, ProgressMeter.Unit.ITEMS, ProgressMeter.Mode.TERMINAL);
        meter.printAbove(log, "before any bar");          // nothing drawn yet: nothing to clear
        clock.addAndGet(SECOND);
        meter.advance(5);
        String bar = "ingest [############------------]  50%  5/10 articles  5.0/s  ETA 0:01";

        meter.printAbove(log, "corpus: 1,645 items");

        assertThat(other.toString()).isEqualTo("before any bar" + System.lineSeparator() + "corpus: 1,645 items" + System.lineSeparator());
        assertThat(text.toString()).isEqualTo("\r" + bar + "\r" + " ".repeat(bar.length()) + "\r" + "\r" + bar);
    }
}
