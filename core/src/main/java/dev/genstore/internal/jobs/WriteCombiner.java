package dev.genstore.internal.jobs;

import dev.genstore.errors.CommitOutcomeUnknownException;
import dev.genstore.errors.StorageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Group commit for one kind of write: while one thread's transaction runs, the same writes other threads ask for
 * queue up, and the next of them runs all that queued in one transaction (one commit, one WAL flush) for everyone. A
 * thread alone never waits: its batch is itself, and it runs its write as it would have without this class.
 *
 * <p>The batch work answers each input with its output, or empty when that input could not be done in the batch (its
 * guard failed): that caller then runs its write alone, after the batch, and gets that write's own answer (its
 * precise refusal). When the batch fails as a whole every caller runs alone and learns its own outcome, except when
 * the batch's commit outcome is unknown: running again could do a write twice, so every caller gets that exception.
 *
 * @param <I> what a caller asks for
 * @param <O> what it gets back
 */
final class WriteCombiner<I, O> {
    private final int maxBatch;
    private final Function<List<I>, List<Optional<O>>> together;
    private final Object lock = new Object();
    /** Requests not yet taken into a batch, oldest first; guarded by {@link #lock}. */
    private final ArrayDeque<Request<I, O>> waiting = new ArrayDeque<>();
    /** Whether a batch is running; guarded by {@link #lock}. */
    private boolean running;

    /**
     * @param maxBatch the most inputs one batch takes (at least 2)
     * @param together runs inputs in one transaction; answers one entry per input, in input order
     */
    WriteCombiner(int maxBatch, Function<List<I>, List<Optional<O>>> together) {
        if (maxBatch < 2) {
            throw new IllegalArgumentException("maxBatch must be at least 2, was " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.together = together;
    }

    /** Runs {@code input} in a batch with whatever other threads ask for meanwhile, or alone through {@code alone}. */
    O run(I input, Function<I, O> alone) {
        Request<I, O> mine = new Request<>(input);
        List<Request<I, O>> batch;
        boolean interrupted = false;
        synchronized (lock) {
            waiting.add(mine);
            while (running && !mine.answered) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is already asked for: finish it, then keep the interrupt
                }
            }
            if (mine.answered) {
                batch = List.of();
            } else {
                running = true;
                batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
                // The leader's own write goes first: with more waiting than a batch takes, it need not be among the
                // oldest, and no one else would answer it.
                waiting.remove(mine);
                batch.add(mine);
                while (batch.size() < maxBatch && !waiting.isEmpty()) {
                    batch.add(waiting.poll());
                }
            }
        }
        if (!batch.isEmpty()) {
            try {
                runTogether(batch, alone);
            } finally {
                synchronized (lock) {
                    running = false;
                    lock.notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // Happens-before: the answer was written under the lock this thread took (or by this thread itself).
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.alone ? alone.apply(input) : mine.output;
    }

    /** How many writes wait for the running batch to end (for tests that line callers up). */
    int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /**
     * Answers every request of the batch. A batch of one runs alone, as if this class did not exist, but still as the
     * running batch: the writes asked for meanwhile queue up behind it and go together next.
     */
    private void runTogether(List<Request<I, O>> batch, Function<I, O> alone) {
        if (batch.size() == 1) {
            Request<I, O> only = batch.get(0);
            try {
                O output = alone.apply(only.input);
                synchronized (lock) {
                    only.output = output;
                    only.answered = true;
                }
            } catch (RuntimeException e) {
                answer(batch, e);
            } catch (Error e) {
                answer(batch, new StorageException("a write failed: " + e, false, e));
                throw e;
            }
            return;
        }
        List<Optional<O>> outputs;
        try {
            outputs = together.apply(batch.stream().map(r -> r.input).toList());
        } catch (CommitOutcomeUnknownException e) {
            answer(batch, e);
            return;
        } catch (RuntimeException e) {
            answerAlone(batch); // each caller learns its own outcome by running alone
            return;
        } catch (Error e) {
            answer(batch, new StorageException("a write batched with this one failed: " + e, false, e));
            throw e;
        }
        synchronized (lock) {
            for (int i = 0; i < batch.size(); i++) {
                Request<I, O> request = batch.get(i);
                Optional<O> output = outputs.get(i);
                request.output = output.orElse(null);
                request.alone = output.isEmpty();
                request.answered = true;
            }
        }
    }

    private void answerAlone(List<Request<I, O>> batch) {
        synchronized (lock) {
            batch.forEach(request -> {
                request.alone = true;
                request.answered = true;
            });
        }
    }

    private void answer(List<Request<I, O>> batch, RuntimeException failure) {
        synchronized (lock) {
            batch.forEach(request -> {
                request.failure = failure;
                request.answered = true;
            });
        }
    }

    /** One caller's write and its answer; the answer fields are written and read under {@link #lock}. */
    private static final class Request<I, O> {
        final I input;
        boolean answered;
        boolean alone;
        O output;
        RuntimeException failure;

        Request(I input) {
            this.input = input;
        }
    }
}
