package dev.genstore.ops;

/**
 * Told about each housekeeping run, on the thread that runs it (the store's housekeeping thread, or the caller of
 * {@link Housekeeper#runNow}). A listener must return quickly and not throw; what it throws is logged and ignored.
 */
public interface HousekeepingListener {

    /** The task is about to do its work: this store holds the task's lock until the work ends. */
    default void started(HousekeepingTask task) {
    }

    /** The attempt ended: it ran, or found the task running elsewhere ({@link HousekeepingRun#ran()} false). */
    default void finished(HousekeepingRun run) {
    }

    /** The task's work threw; a scheduled task runs again at its next time. */
    default void failed(HousekeepingTask task, RuntimeException error) {
    }

    /** A listener that does nothing. */
    static HousekeepingListener none() {
        return NoListener.INSTANCE;
    }
}

/** The listener of {@link HousekeepingListener#none()}. */
final class NoListener implements HousekeepingListener {
    static final NoListener INSTANCE = new NoListener();

    private NoListener() {
    }
}
