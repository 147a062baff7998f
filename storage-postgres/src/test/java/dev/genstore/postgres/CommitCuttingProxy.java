package dev.genstore.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between genstore and PostgreSQL that cuts a connection at the worst moment of a write transaction: the
 * next {@code COMMIT} of a transaction that asked for its id (genstore's write transactions do, just before
 * committing) is either dropped before it reaches the server, or forwarded and the server's answer dropped. Needs the
 * driver to send SQL text every time ({@code prepareThreshold=0}) and no TLS.
 */
final class CommitCuttingProxy implements AutoCloseable {
    /** Where the next cut happens. */
    enum Cut {
        /** No cut pending. */
        NONE,
        /** The COMMIT never reaches the server: the transaction is rolled back. */
        BEFORE_COMMIT,
        /** The server commits; its answer is lost. */
        AFTER_COMMIT
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicReference<Cut> pending = new AtomicReference<>(Cut.NONE);
    private final AtomicInteger cuts = new AtomicInteger();
    private final Thread acceptor;

    CommitCuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "commit-cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts the next write transaction's COMMIT as said. */
    void arm(Cut cut) {
        pending.set(cut);
    }

    /** How many connections were cut so far. */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                new Pair(client, server).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One proxied connection. */
    private final class Pair {
        private final Socket client;
        private final Socket server;
        private volatile boolean askedForTransactionId;
        private volatile boolean cutAtNextAnswer;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump("to-server", client, server, true);
            pump("to-client", server, client, false);
        }

        private void pump(String name, Socket from, Socket to, boolean fromClient) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (fromClient ? !fromClient(buffer, n) : !fromServer()) {
                            cut();
                            return;
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the other side went away
                } finally {
                    cut();
                }
            }, "commit-cutting-proxy-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        /** False when this chunk must not be forwarded: the connection is cut before the COMMIT. */
        private boolean fromClient(byte[] buffer, int n) {
            String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            if (text.contains("pg_current_xact_id")) {
                askedForTransactionId = true;
            }
            if (askedForTransactionId && text.contains("COMMIT")) {
                askedForTransactionId = false;
                Cut cut = pending.getAndSet(Cut.NONE);
                if (cut == Cut.BEFORE_COMMIT) {
                    cuts.incrementAndGet();
                    return false;
                }
                if (cut == Cut.AFTER_COMMIT) {
                    cutAtNextAnswer = true;
                }
            }
            return true;
        }

        /** False when the server's answer must be dropped: the COMMIT was forwarded and the server answered it. */
        private boolean fromServer() {
            if (cutAtNextAnswer) {
                cutAtNextAnswer = false;
                cuts.incrementAndGet();
                return false;
            }
            return true;
        }

        private void cut() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
