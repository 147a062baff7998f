package dev.genstore.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of the test S3 server, so a test can make the server vanish at a chosen moment: after
 * {@code cutAfter} bytes of requests have gone through, it closes every connection and stops listening, which is what
 * a client sees when the server process dies (a reset connection, then connection refused). It also records the
 * request lines it relayed, so a test can tell a multipart upload from a single PUT.
 */
final class FaultRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final long cutAfter;
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    /** A relay to {@code target} that stops after {@code cutAfter} request bytes ({@link Long#MAX_VALUE}: never). */
    FaultRelay(URI target, long cutAfter) throws IOException {
        this.target = target;
        this.cutAfter = cutAfter;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients reach the relay. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** True once the relay has cut the connections. */
    boolean stopped() {
        return stopped;
    }

    /** The first lines of the requests relayed so far, e.g. {@code PUT /bucket/key?partNumber=1&uploadId=… HTTP/1.1}. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Closes every connection and the listener: the server is gone for the client. */
    @Override
    public void close() {
        stopped = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void acceptLoop() {
        while (!stopped) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                pipe(client, server, true);
                pipe(server, client, false);
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    /** Copies what {@code source} sends to {@code sink}; when either ends, both are closed. */
    private void pipe(Socket source, Socket sink, boolean upstream) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (Socket in = source; Socket out = sink) {
                InputStream from = in.getInputStream();
                OutputStream to = out.getOutputStream();
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    if (upstream) {
                        noteRequestLine(buffer, n);
                        if (upstreamBytes.addAndGet(n) > cutAfter) {
                            close();
                            return;
                        }
                    }
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // a side closed, or the relay was cut
            }
        }, upstream ? "fault-relay-up" : "fault-relay-down");
        thread.setDaemon(true);
        thread.start();
    }

    /** HttpURLConnection writes a request's head in one piece, so a request line starts a read. */
    private void noteRequestLine(byte[] buffer, int n) {
        String start = new String(buffer, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
        int end = start.indexOf("\r\n");
        if (end > 0 && start.matches("(?s)(GET|PUT|POST|HEAD|DELETE) /.*")) {
            requestLines.add(start.substring(0, end));
        }
    }
}
