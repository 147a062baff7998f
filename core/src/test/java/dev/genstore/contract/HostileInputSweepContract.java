package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.ledger.Hold;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public method of every service, called with extreme and malformed values in each parameter in turn (by
 * reflection, so a method added later is swept without anyone remembering), lets only {@link GenstoreException}s
 * escape, and the store keeps working afterwards. What the values are is in {@link HostileValues}; which valid values
 * fill the other parameters is in {@link SweepFixture}.
 */
public abstract class HostileInputSweepContract extends StoreContract {

    @Test
    void everyPublicMethodRefusesHostileValuesWithGenstoreExceptionsAndTheStoreKeepsWorking() {
        SweepFixture fixture = new SweepFixture(store, clock);
        HostileValues hostile = new HostileValues(fixture);
        Map<String, TreeSet<String>> leaks = new TreeMap<>();
        List<String> verbose = new ArrayList<>();
        List<String> brokenAfter = new ArrayList<>();
        List<String> unknownTypes = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, Object> service : fixture.services().entrySet()) {
            for (Method method : publicMethods(service.getValue())) {
                String name = service.getKey() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName).toList().toString().replace('[', '(').replace(']', ')');
                Object[] valid;
                try {
                    valid = fixture.validArguments(service.getKey(), method);
                } catch (IllegalArgumentException unknown) {
                    unknownTypes.add(name + ": " + unknown.getMessage());
                    continue;
                }
                for (int i = 0; i < valid.length; i++) {
                    for (HostileValues.Value value : hostile.of(method.getGenericParameterTypes()[i])) {
                        Object[] args = valid.clone();
                        String call = name + " #" + i + "=" + value.name();
                        calls++;
                        try {
                            args[i] = value.make();
                            close(method.invoke(service.getValue(), args));
                            if (value.malformedText()) {
                                accepted.add(call);
                            }
                        } catch (InvocationTargetException e) {
                            record(leaks, e.getCause(), call);
                            checkMessage(verbose, e.getCause(), call);
                        } catch (ReflectiveOperationException | IOException e) {
                            throw new AssertionError(call, e);
                        } catch (RuntimeException | Error e) {
                            record(leaks, e, call + " (making the value)");
                        }
                    }
                }
                try {
                    fixture.roundTrip();
                } catch (RuntimeException e) {
                    brokenAfter.add(name + ": " + e);
                }
            }
        }
        assertEquals(List.of(), unknownTypes, "parameter types the sweep has no valid value for (add them to SweepFixture)");
        assertEquals(Map.of(), leaks, "exception types other than GenstoreException that escaped, in " + calls + " calls");
        assertEquals(List.of(), brokenAfter, "the store stopped working after these methods' hostile calls");
        assertEquals(List.of(), accepted, "text with control characters or lone surrogates that was accepted");
        assertEquals(List.of(), verbose, "messages that quote more than a short prefix of caller input, or an email");
    }

    /** A message may quote a short prefix of caller input, never all of a huge text, never an email. */
    private static void checkMessage(List<String> verbose, Throwable thrown, String call) {
        String message = String.valueOf(thrown.getMessage());
        if (message.contains("x".repeat(InvalidInputException.QUOTED_CHARACTERS + 1))
                || message.contains(SweepFixture.EMAIL) || message.length() > 2_000) {
            verbose.add(call + ": " + message.substring(0, Math.min(200, message.length())));
        }
    }

    private static void record(Map<String, TreeSet<String>> leaks, Throwable thrown, String call) {
        if (thrown instanceof GenstoreException) {
            return;
        }
        String message = String.valueOf(thrown.getMessage());
        leaks.computeIfAbsent(thrown.getClass().getName(), k -> new TreeSet<>())
                .add(call + ": " + message.substring(0, Math.min(120, message.length())));
    }

    private static void close(Object result) throws IOException {
        if (result instanceof InputStream in) {
            in.close();
        } else if (result instanceof Optional<?> optional && optional.isPresent() && optional.get() instanceof InputStream in) {
            in.close();
        }
    }

    /** The public, non-static methods a service's interfaces declare, in a stable order. */
    static List<Method> publicMethods(Object service) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type : service.getClass().getInterfaces()) {
            if (!type.getPackageName().startsWith("dev.genstore")) {
                continue;
            }
            Stream.of(type.getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class)
                    .forEach(methods::add);
        }
        methods.sort(Comparator.comparing(Method::toGenericString));
        return methods;
    }

    /** Values that must never make a store misbehave, as a stream of bytes that fails half way. */
    static InputStream failingStream() {
        return new InputStream() {
            private int read;

            @Override
            public int read() throws IOException {
                if (read++ > 100) {
                    throw new IOException("the caller's stream failed");
                }
                return 0x89;
            }
        };
    }

    static InputStream bytes(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    /** A quick check that the fixture's own classes are what the sweep assumes. */
    @Test
    void theFixtureIsValid() {
        SweepFixture fixture = new SweepFixture(store, clock);
        fixture.roundTrip();
        UserId owner = fixture.owner();
        Hold hold = store.ledger().findHold(fixture.hold()).orElseThrow();
        assertEquals(owner, hold.userId());
        assertEquals(owner, store.images().get(owner, fixture.image()).owner());
        assertEquals(owner, store.jobs().get(fixture.job()).owner());
    }
}
