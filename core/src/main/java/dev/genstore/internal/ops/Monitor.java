package dev.genstore.internal.ops;

import dev.genstore.errors.StoreClosedException;
import dev.genstore.metrics.StoreMetrics;
import dev.genstore.spi.StatementListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every public operation (a proxy per service interface, so no service method is edited), reports it to the
 * {@link StoreMetrics}, and logs the slow ones to {@value #SLOW_LOGGER} with the names of the statements they ran.
 * The slow log holds the operation, its duration, its outcome (an exception's class name) and statement names: never an
 * argument, a result or an exception message, which may hold emails, codes or prompts.
 *
 * <p>Cost per call when nothing is slow and metrics are off: two {@code System.nanoTime} calls, a thread-local lookup
 * and the reflective call; per statement, a thread-local lookup and a count per operation in progress.
 */
public final class Monitor implements StatementListener {
    /** The logger of slow operations. */
    public static final String SLOW_LOGGER = "dev.genstore.slow";
    private static final Logger SLOW = LoggerFactory.getLogger(SLOW_LOGGER);
    /** Distinct statement names kept per operation; more are counted, not named. */
    private static final int MAX_STATEMENT_NAMES = 256;
    /** The longest list of statement names a slow-log line carries before it says how many it left out. */
    private static final int MAX_LINE = 2_000;
    /** The statements of the operations running on this thread, outermost first. Shared by every store. */
    private static final ThreadLocal<Trace> TRACE = ThreadLocal.withInitial(Trace::new);

    private final StoreMetrics metrics;
    private final boolean reporting;
    private final long thresholdNanos;
    private final Duration threshold;
    /** Set when the store's {@code close()} begins: from then on every call through a proxy is refused. */
    private volatile boolean closed;

    public Monitor(StoreMetrics metrics, Duration slowThreshold) {
        this.metrics = metrics;
        this.reporting = metrics != StoreMetrics.none();
        this.threshold = slowThreshold;
        this.thresholdNanos = saturatedNanos(slowThreshold);
        Slf4jCheck.warnOnceIfSlowLogIsOff(SLOW_LOGGER);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The statements run on one thread by the operations in progress there: one level per nested operation. */
    private static final class Trace {
        Level[] levels = new Level[4];
        int depth;

        Level enter() {
            if (depth == levels.length) {
                levels = Arrays.copyOf(levels, depth * 2);
            }
            Level level = levels[depth];
            if (level == null) {
                level = new Level();
                levels[depth] = level;
            } else {
                level.clear();
            }
            depth++;
            return level;
        }

        void add(String name) {
            for (int i = 0; i < depth; i++) {
                levels[i].add(name);
            }
        }
    }

    /**
     * The statements of one operation, counted per name in the order first run (a transaction of 400 submits is a few
     * names with counts, not 3,200 entries). At most {@value #MAX_STATEMENT_NAMES} distinct names are kept; all are counted.
     */
    private static final class Level {
        final Map<String, int[]> counts = new LinkedHashMap<>();
        long total;
        /** Nanoseconds the operation spent waiting for work (a waiting claim), not working. */
        long waited;

        void add(String name) {
            total++;
            int[] count = counts.get(name);
            if (count == null) {
                if (counts.size() == MAX_STATEMENT_NAMES) {
                    return;
                }
                count = new int[1];
                counts.put(name, count);
            }
            count[0]++;
        }

        void clear() {
            counts.clear();
            total = 0;
            waited = 0;
        }
    }

    @Override
    public void statement(String name) {
        Trace trace = TRACE.get();
        if (trace.depth > 0) {
            trace.add(name);
        }
    }

    /**
     * The operations in progress on this thread spent {@code nanos} waiting for work (a claim waiting for jobs): their
     * duration, as reported and as judged slow, leaves it out.
     */
    public static void waited(long nanos) {
        Trace trace = TRACE.get();
        for (int i = 0; i < trace.depth; i++) {
            trace.levels[i].waited += nanos;
        }
    }

    /**
     * Refuses every later call of a service handed out, and every later transaction, with a {@link StoreClosedException}.
     *
     * @return true the first time, false when it was closed already
     */
    public synchronized boolean close() {
        boolean wasOpen = !closed;
        closed = true;
        return wasOpen;
    }

    /**
     * Throws {@link StoreClosedException} once {@link #close()} was called. One check at the door of every public
     * operation, so that no service method needs its own (and a method that would touch no storage, such as a flush
     * with nothing buffered, is refused all the same).
     */
    public void requireOpen() {
        if (closed) {
            throw new StoreClosedException("the store is closed");
        }
    }

    /** {@code target} behind a proxy of {@code type} that times each of its methods as {@code service.method}. */
    public <T> T wrap(Class<T> type, String service, T target) {
        InvocationHandler handler = new Timed(service, target);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Runs {@code work} as the operation {@code service.operation}. */
    public <T> T time(String service, String operation, Supplier<T> work) {
        requireOpen();
        Trace trace = TRACE.get();
        Level level = trace.enter();
        long start = System.nanoTime();
        Class<? extends Throwable> failure = null;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            failure = e.getClass();
            throw e;
        } finally {
            exit(trace, level, service, operation, failure, System.nanoTime() - start);
        }
    }

    private final class Timed implements InvocationHandler {
        private final String service;
        private final Object target;

        Timed(String service, Object target) {
            this.service = service;
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "genstore " + service;
                };
            }
            requireOpen();
            Trace trace = TRACE.get();
            Level level = trace.enter();
            long start = System.nanoTime();
            Class<? extends Throwable> failure = null;
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                failure = e.getCause().getClass();
                throw e.getCause();
            } finally {
                exit(trace, level, service, method.getName(), failure, System.nanoTime() - start);
            }
        }
    }

    private void exit(Trace trace, Level level, String service, String operation, Class<? extends Throwable> failure,
            long elapsed) {
        long nanos = Math.max(0, elapsed - level.waited);
        try {
            if (reporting) {
                metrics.operation(service, operation, failure, nanos);
            }
            if (nanos >= thresholdNanos && SLOW.isWarnEnabled()) {
                SLOW.warn(describe(level, service + "." + operation, failure, nanos));
            }
        } finally {
            trace.depth--;
        }
    }

    /**
     * The log line: what ran and how long, then the statement names, each once in the order first run with its count
     * over the whole operation ({@code INSERT jobs ×400}), cut at {@value #MAX_LINE} characters with a note of how many
     * names were left out: a transaction of 400 submits must not write a 300 KB line.
     */
    private String describe(Level level, String operation, Class<? extends Throwable> failure, long nanos) {
        StringBuilder line = new StringBuilder("slow genstore operation ").append(operation).append(" took ")
                .append(String.format(Locale.ROOT, "%.1f", nanos / 1e6)).append(" ms (threshold ")
                .append(threshold.toMillis()).append(" ms), ")
                .append(failure == null ? "succeeded" : "failed with " + failure.getSimpleName())
                .append(", ").append(level.total).append(" statements");
        String separator = ": ";
        long named = 0;
        for (Map.Entry<String, int[]> entry : level.counts.entrySet()) {
            int count = entry.getValue()[0];
            String item = count > 1 ? entry.getKey() + " \u00d7" + count : entry.getKey();
            if (line.length() + separator.length() + item.length() > MAX_LINE) {
                break;
            }
            line.append(separator).append(item);
            separator = ", ";
            named += count;
        }
        if (named < level.total) {
            line.append(separator).append("\u2026 ").append(level.total - named).append(" more left out");
        }
        return line.toString();
    }
}
