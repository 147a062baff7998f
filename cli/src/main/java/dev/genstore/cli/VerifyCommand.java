package dev.genstore.cli;

import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;

@Command(name = "verify", description = {
        "Checks the whole store: the ledger, foreign keys, blobs missing or orphaned, job and cache counters, and the"
                + " database's own integrity check. Changes nothing.",
        "Exit 1, with every problem listed, when a check fails. Run it on a quiet store for a definite answer."})
final class VerifyCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        Report report = newReport();
        IntegrityReport integrity = withExisting(true, report, store -> store.operations().verify());
        List<Map<String, Object>> problems = integrity.problems().stream().map(VerifyCommand::problem).toList();
        report.put("healthy", integrity.healthy()).put("problemCount", problems.size()).put("problems", problems);
        print(report);
        if (integrity.healthy()) {
            return Exit.OK;
        }
        TreeSet<String> checks = new TreeSet<>(integrity.problems().stream().map(IntegrityProblem::check).toList());
        err().println("the store at " + location().describe() + " has " + problems.size() + " problem(s) (checks "
                + String.join(", ", checks) + "): see the problems listed; restore a backup or repair the rows named");
        return Exit.PROBLEMS;
    }

    private static Map<String, Object> problem(IntegrityProblem problem) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("check", problem.check());
        p.put("subject", problem.subject());
        p.put("detail", problem.detail());
        return p;
    }
}
