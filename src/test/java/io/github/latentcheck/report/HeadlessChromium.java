package io.github.latentcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives Debian's headless Chromium over the DevTools protocol (a WebSocket on loopback): open a
 * page, record every failed request, evaluate an expression in it, and take a full-page screenshot.
 * The flags keep Chromium off the network (this machine has none) and out of any profile.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Path profile;
    private final List<String> failedRequests = new ArrayList<>();
    private String session;

    private HeadlessChromium(Process process, WebSocket.Builder builder, URI endpoint, Path profile) {
        this.process = process;
        this.profile = profile;
        this.socket = builder.buildAsync(endpoint, new Collector()).join();
    }

    /** @return the Chromium executable, when one is installed */
    static Optional<Path> executable() {
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static HeadlessChromium start(Path executable) throws IOException {
        Path profile = Files.createTempDirectory("latentcheck-chromium");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = stderr.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && at >= 0) {
                Thread drain = new Thread(() -> drain(stderr), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
                return new HeadlessChromium(process, builder, URI.create(line.substring(at).trim()), profile);
            }
        }
        process.destroyForcibly();
        throw new IOException("chromium exited before it opened its DevTools endpoint");
    }

    private static void drain(BufferedReader stderr) {
        try {
            while (stderr.readLine() != null) {
                continue;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code page} in a new tab and waits for its load event.
     */
    void open(Path page, int width, int height) throws IOException, InterruptedException {
        String target = call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                .path("targetId").asText();
        session = call(null, "Target.attachToTarget",
                JSON.createObjectNode().put("targetId", target).put("flatten", true)).path("sessionId").asText();
        call(session, "Network.enable", JSON.createObjectNode());
        call(session, "Page.enable", JSON.createObjectNode());
        call(session, "Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
        call(session, "Page.navigate", JSON.createObjectNode().put("url", page.toUri().toString()));
        await("Page.loadEventFired");
    }

    /** @return the requests that failed while the page loaded (URL and error text) */
    List<String> failedRequests() {
        return List.copyOf(failedRequests);
    }

    /** @return the value of a JavaScript expression evaluated in the open page */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        JsonNode result = call(session, "Runtime.evaluate",
                JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        return result.path("result").path("value");
    }

    /** @return a PNG of the whole page */
    byte[] screenshot() throws IOException, InterruptedException {
        JsonNode shot = call(session, "Page.captureScreenshot",
                JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        socket.sendText(JSON.writeValueAsString(message), true).join();
        while (true) {
            JsonNode reply = next(method);
            if (reply.path("id").asInt(-1) == id) {
                if (reply.has("error")) {
                    throw new IOException(method + " failed: " + reply.get("error"));
                }
                return reply.path("result");
            }
        }
    }

    private void await(String event) throws IOException, InterruptedException {
        while (!event.equals(next(event).path("method").asText())) {
            continue;
        }
    }

    private JsonNode next(String waitingFor) throws IOException, InterruptedException {
        JsonNode m = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new IOException("chromium sent nothing for " + TIMEOUT_SECONDS + " s while waiting for " + waitingFor);
        }
        if ("Network.loadingFailed".equals(m.path("method").asText())) {
            failedRequests.add(m.path("params").path("requestId").asText() + ": "
                    + m.path("params").path("errorText").asText());
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for chromium to exit", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("chromium process " + p.pid() + " did not exit", e);
            }
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Joins text frames into messages and queues them parsed. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
