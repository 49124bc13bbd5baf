package io.newsroute.app.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named readiness checks, run in order on every {@link #check()}. The process is ready when every
 * check is up. A check that throws counts as down with the exception's message, so one broken
 * dependency never hides the others.
 */
public final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final Map<String, Supplier<Check>> checks = new LinkedHashMap<>();

    /** Adds (or replaces) the check called {@code name}. */
    public synchronized Readiness add(String name, Supplier<Check> check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Runs every check. */
    public Report check() {
        Map<String, Supplier<Check>> current;
        synchronized (this) {
            current = new LinkedHashMap<>(checks);
        }
        List<Result> results = new ArrayList<>(current.size());
        current.forEach((name, check) -> {
            Check outcome;
            try {
                outcome = check.get();
            } catch (RuntimeException e) {
                LOG.debug("readiness check {} failed", name, e);
                outcome = Check.down(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            results.add(new Result(name, outcome.up(), outcome.detail()));
        });
        return new Report(results);
    }

    /** The outcome of one check: up or down, and a short detail such as {@code RUNNING} or the error. */
    public record Check(boolean up, String detail) {
        public static Check up(String detail) {
            return new Check(true, detail);
        }

        public static Check down(String detail) {
            return new Check(false, detail);
        }
    }

    /** One named check's outcome as reported. */
    public record Result(String name, boolean up, String detail) {
    }

    /** Every check's outcome; ready when all are up (and there is at least one). */
    public record Report(List<Result> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public boolean ready() {
            return !checks.isEmpty() && checks.stream().allMatch(Result::up);
        }

        /** The JSON body of {@code /ready}: {@code {"status": "ready"|"not ready", "checks": [{name, status, detail}]}}. */
        public Map<String, Object> toJson() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Result result : checks) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", result.name());
                item.put("status", result.up() ? "up" : "down");
                item.put("detail", result.detail());
                list.add(item);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready() ? "ready" : "not ready");
            body.put("checks", list);
            return body;
        }
    }
}
