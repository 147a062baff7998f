package dev.genstore.internal;

import dev.genstore.metrics.StoreMetrics;
import dev.genstore.spi.StatementListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
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
 * and the reflective call; per statement, a thread-local lookup and an array store.
 */
public final class Monitor implements StatementListener {
    /** The logger of slow operations. */
    public static final String SLOW_LOGGER = "dev.genstore.slow";
    private static final Logger SLOW = LoggerFactory.getLogger(SLOW_LOGGER);
    /** Statement names kept per outermost operation; more are counted, not kept. */
    private static final int MAX_STATEMENTS = 1024;
    /** The statements of the operations running on this thread, outermost first. Shared by every store. */
    private static final ThreadLocal<Trace> TRACE = ThreadLocal.withInitial(Trace::new);

    private final StoreMetrics metrics;
    private final boolean reporting;
    private final long thresholdNanos;
    private final Duration threshold;

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

    /** The statements run on one thread by the operations in progress there. */
    private static final class Trace {
        String[] names = new String[16];
        int size;
        int dropped;
        int depth;

        void add(String name) {
            if (size == names.length) {
                if (size == MAX_STATEMENTS) {
                    dropped++;
                    return;
                }
                names = Arrays.copyOf(names, Math.min(MAX_STATEMENTS, size * 2));
            }
            names[size++] = name;
        }
    }

    @Override
    public void statement(String name) {
        Trace trace = TRACE.get();
        if (trace.depth > 0) {
            trace.add(name);
        }
    }

    /** {@code target} behind a proxy of {@code type} that times each of its methods as {@code service.method}. */
    public <T> T wrap(Class<T> type, String service, T target) {
        InvocationHandler handler = new Timed(service, target);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Runs {@code work} as the operation {@code service.operation}. */
    public <T> T time(String service, String operation, Supplier<T> work) {
        Trace trace = TRACE.get();
        int mark = enter(trace);
        long start = System.nanoTime();
        Class<? extends Throwable> failure = null;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            failure = e.getClass();
            throw e;
        } finally {
            exit(trace, mark, service, operation, failure, System.nanoTime() - start);
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
            Trace trace = TRACE.get();
            int mark = enter(trace);
            long start = System.nanoTime();
            Class<? extends Throwable> failure = null;
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                failure = e.getCause().getClass();
                throw e.getCause();
            } finally {
                exit(trace, mark, service, method.getName(), failure, System.nanoTime() - start);
            }
        }
    }

    private static int enter(Trace trace) {
        trace.depth++;
        return trace.size;
    }

    private void exit(Trace trace, int mark, String service, String operation, Class<? extends Throwable> failure,
            long nanos) {
        try {
            if (reporting) {
                metrics.operation(service, operation, failure, nanos);
            }
            if (nanos >= thresholdNanos && SLOW.isWarnEnabled()) {
                SLOW.warn(describe(trace, mark, service + "." + operation, failure, nanos));
            }
        } finally {
            if (--trace.depth == 0) {
                Arrays.fill(trace.names, 0, trace.size, null);
                trace.size = 0;
                trace.dropped = 0;
            }
        }
    }

    /** The log line: what ran and how long, then the statement names with repeats folded (`INSERT image_tags x3`). */
    private String describe(Trace trace, int mark, String operation, Class<? extends Throwable> failure, long nanos) {
        StringBuilder line = new StringBuilder("slow genstore operation ").append(operation).append(" took ")
                .append(String.format(Locale.ROOT, "%.1f", nanos / 1e6)).append(" ms (threshold ")
                .append(threshold.toMillis()).append(" ms), ")
                .append(failure == null ? "succeeded" : "failed with " + failure.getSimpleName());
        int count = trace.size - mark;
        line.append(", ").append(count + (trace.depth == 1 ? trace.dropped : 0)).append(" statements");
        String separator = ": ";
        for (int i = mark; i < trace.size; ) {
            int run = 1;
            while (i + run < trace.size && trace.names[i + run].equals(trace.names[i])) {
                run++;
            }
            line.append(separator).append(trace.names[i]);
            if (run > 1) {
                line.append(" x").append(run);
            }
            separator = ", ";
            i += run;
        }
        return line.toString();
    }
}
