package dev.genstore.images;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.jobs.JobId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which of a user's images a listing shows: each condition that is set must hold (an empty set means any).
 *
 * @param types      any of these types
 * @param statuses   any of these statuses
 * @param qcStatuses any of these QC statuses
 * @param jobId      only this job's images, or {@code null}
 * @param tag        only images with this tag (compared lower case), or {@code null}
 */
public record ImageFilter(Set<ImageType> types, Set<ImageStatus> statuses, Set<QcStatus> qcStatuses, JobId jobId,
                          String tag) {
    public ImageFilter {
        types = copy("types", types, ImageType.class);
        statuses = copy("statuses", statuses, ImageStatus.class);
        qcStatuses = copy("qcStatuses", qcStatuses, QcStatus.class);
    }

    /** Every image. */
    public static ImageFilter all() {
        return new ImageFilter(Set.of(), Set.of(), Set.of(), null, null);
    }

    /** This filter limited to these types. */
    public ImageFilter types(ImageType... values) {
        return new ImageFilter(set("types", values), statuses, qcStatuses, jobId, tag);
    }

    /** This filter limited to these statuses. */
    public ImageFilter statuses(ImageStatus... values) {
        return new ImageFilter(types, set("statuses", values), qcStatuses, jobId, tag);
    }

    /** This filter limited to these QC statuses. */
    public ImageFilter qcStatuses(QcStatus... values) {
        return new ImageFilter(types, statuses, set("qcStatuses", values), jobId, tag);
    }

    /** This filter limited to one job's images. */
    public ImageFilter job(JobId id) {
        return new ImageFilter(types, statuses, qcStatuses, id, tag);
    }

    /** This filter limited to images with this tag. */
    public ImageFilter tag(String value) {
        return new ImageFilter(types, statuses, qcStatuses, jobId, value);
    }

    private static <E> Set<E> set(String field, E[] values) {
        if (values == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        for (E value : values) {
            if (value == null) {
                throw new InvalidInputException(field, "must not hold null");
            }
        }
        return Set.copyOf(Arrays.asList(values));
    }

    private static <E extends Enum<E>> Set<E> copy(String field, Set<E> values, Class<E> type) {
        if (values == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        if (values.stream().anyMatch(v -> v == null)) {
            throw new InvalidInputException(field, "must not hold null");
        }
        return values.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(values));
    }
}
