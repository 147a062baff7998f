package dev.genstore.console;

import dev.genstore.Genstore;
import dev.genstore.console.internal.ConsoleServer;
import dev.genstore.errors.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The operator's console: a small web application over a store, served by the JDK's HTTP server. Pages show the queue,
 * jobs, users and their ledger, images, prompts, budgets and the store's health; actions (cancel, pause, resume and
 * retry a job, credit, debit, verify, maintenance, a purge dry run) call the public API, so every rule of the API holds.
 *
 * <p>Safe by default: it listens on 127.0.0.1 unless {@link Builder#bindAddress} says otherwise; an action needs a
 * session made with the operator token and the session's CSRF token; read-only mode shows no actions and refuses them;
 * every value is HTML-escaped.
 *
 * <pre>{@code
 * try (GenstoreConsole console = GenstoreConsole.builder(store).port(8080).start()) {
 *     System.out.println(console.url() + " token " + console.token());
 * }
 * }</pre>
 */
public final class GenstoreConsole implements AutoCloseable {
    private final ConsoleServer server;
    private final String host;

    private GenstoreConsole(ConsoleServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** A console over {@code store} (which the caller keeps open, and closes after the console). */
    public static Builder builder(Genstore store) {
        if (store == null) {
            throw new InvalidInputException("store", "must not be null");
        }
        return new Builder(store);
    }

    /** Where the console answers, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + host + ":" + server.port();
    }

    /** The operator token that signs in for actions (the one set, or a random one made at start). */
    public String token() {
        return server.token();
    }

    /** The port it listens on (the one the system chose when asked for port 0). */
    public int port() {
        return server.port();
    }

    /** Stops answering. The store stays open. */
    @Override
    public void close() {
        server.close();
    }

    /** How the console is started. */
    public static final class Builder {
        private final Genstore store;
        private int port = 8080;
        private String bindAddress = "127.0.0.1";
        private String token;
        private boolean readOnly;

        private Builder(Genstore store) {
            this.store = store;
        }

        /** The TCP port (8080 by default; 0 lets the system choose). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new InvalidInputException("port", "must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on: 127.0.0.1 by default; anything else exposes the console to that network. */
        public Builder bindAddress(String address) {
            if (address == null || address.isBlank()) {
                throw new InvalidInputException("bindAddress", "must not be blank");
            }
            this.bindAddress = address.strip();
            return this;
        }

        /** The operator token (at least 16 characters); without it, a random one is made at start. */
        public Builder token(String token) {
            if (token == null || token.strip().length() < 16) {
                throw new InvalidInputException("token", "must have at least 16 characters");
            }
            this.token = token.strip();
            return this;
        }

        /** Read-only: no page shows an action and every action is refused. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws InvalidInputException when the bind address is not an address or host name that resolves
         * @throws InvalidInputException (field {@code port}) when the port cannot be bound (in use, or not allowed)
         */
        public GenstoreConsole start() {
            InetAddress address;
            try {
                address = InetAddress.getByName(bindAddress);
            } catch (UnknownHostException e) {
                throw new InvalidInputException("bindAddress", "does not resolve: " + bindAddress);
            }
            String chosen = token == null ? randomToken() : token;
            try {
                ConsoleServer server = new ConsoleServer(store, address, port, chosen, readOnly);
                String host = address.isAnyLocalAddress() ? "localhost"
                        : address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
                return new GenstoreConsole(server, host);
            } catch (IOException e) {
                throw new InvalidInputException("port", "cannot be listened on at " + bindAddress + ":" + port + ": " + e);
            }
        }

        private static String randomToken() {
            byte[] bytes = new byte[24];
            new java.security.SecureRandom().nextBytes(bytes);
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
