package dev.genstore.qa;

import java.util.List;
import java.util.Map;

/**
 * A checker's verdict on an image.
 *
 * @param status       PASSED or FAILED
 * @param overallScore the overall score (a finite number)
 * @param scores       named scores (finite numbers), e.g. {@code sharpness → 0.91}
 * @param reasons      why; at least one when FAILED
 */
public record CheckResult(CheckStatus status, double overallScore, Map<String, Double> scores, List<String> reasons) {
    /** A passing verdict. */
    public static CheckResult passed(double overallScore, Map<String, Double> scores) {
        return new CheckResult(CheckStatus.PASSED, overallScore, scores, List.of());
    }

    /** A failing verdict with its reasons. */
    public static CheckResult failed(double overallScore, Map<String, Double> scores, String... reasons) {
        return new CheckResult(CheckStatus.FAILED, overallScore, scores, reasons == null ? null : List.of(reasons));
    }
}
