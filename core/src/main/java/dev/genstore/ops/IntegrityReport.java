package dev.genstore.ops;

import java.util.List;

/**
 * What {@link Operations#verify()} found: every problem, in the order the checks ran; empty on a healthy store.
 *
 * @param problems the inconsistencies found
 */
public record IntegrityReport(List<IntegrityProblem> problems) {
    public IntegrityReport {
        problems = List.copyOf(problems);
    }

    /** True when no check found a problem. */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The problems one check found, e.g. {@code problemsOf(IntegrityProblem.LEDGER)}. */
    public List<IntegrityProblem> problemsOf(String check) {
        return problems.stream().filter(p -> p.check().equals(check)).toList();
    }
}
