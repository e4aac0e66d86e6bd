package app.pieces.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import app.pieces.client.PiecesClient;
import app.pieces.model.StreamedIdentifier;
import app.pieces.model.StreamedIdentifiers;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;
import org.apache.tomcat.websocket.WsWebSocketContainer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Benchmark 2: frames per second and latency from the simulator's socket to a listener, for
 * health, asset identifier and qgpt frames: our sockets' listeners, Spring
 * {@code @EventListener} methods (through the starter's event bridge), and a bare
 * {@link StandardWebSocketClient} handler that only counts frames.
 */
final class DispatchBenchmark {

	private DispatchBenchmark() {
	}

	enum Path {

		BARE("bare StandardWebSocketClient handler"), LISTENER("our socket listener"),
		EVENT_LISTENER("@EventListener via the starter");

		final String label;

		Path(String label) {
			this.label = label;
		}

	}

	/**
	 * One stream through one path.
	 * @param stream the stream
	 * @param path the path
	 * @param framesPerSecond flood throughput
	 * @param latency ping-pong latencies
	 */
	record Result(PiecesStream stream, Path path, double framesPerSecond, Stats latency) {
	}

	private static final List<PiecesStream> STREAMS = List.of(PiecesStream.HEALTH, PiecesStream.ASSETS,
			PiecesStream.QGPT);

	/**
	 * The paths measured for a stream: identifier frames become events only when the cache
	 * changes, so there is no {@code @EventListener} path for them.
	 */
	private static List<Path> paths(PiecesStream stream) {
		return (stream == PiecesStream.ASSETS) ? List.of(Path.BARE, Path.LISTENER) : List.of(Path.values());
	}

	static List<Result> run(int floodFrames, int pingPongFrames) throws Exception {
		List<Result> results = new ArrayList<>();
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.assets(5)
			.conversations(1)
			.healthInterval(Duration.ZERO)
			.build()
			.start()) {
			// a discarded pass over every variant first, so that no variant profits from a JIT (of the
			// simulator's sender, shared by all) warmed up by the variants measured before it
			for (PiecesStream stream : STREAMS) {
				for (Path path : paths(stream)) {
					measure(simulator, stream, path, Math.max(1_000, floodFrames / 4), Math.max(100, pingPongFrames / 4));
				}
			}
			for (PiecesStream stream : STREAMS) {
				for (Path path : paths(stream)) {
					Result result = measure(simulator, stream, path, floodFrames, pingPongFrames);
					System.out.printf("  dispatch %s via %s: %s frames/s, p50 %s, p99 %s%n", stream.tag(), path.label,
							Stats.number(result.framesPerSecond()), Stats.micros(result.latency().p50()),
							Stats.micros(result.latency().p99()));
					results.add(result);
				}
			}
		}
		return results;
	}

	private static Result measure(PiecesOsSimulator simulator, PiecesStream stream, Path path, int floodFrames,
			int pingPongFrames) throws Exception {
		FrameProbe probe = new FrameProbe();
		Waits.until(() -> simulator.openSessions(stream.tag()) == 0, Duration.ofSeconds(30),
				"previous " + stream.tag() + " sessions to close");
		try (AutoCloseable receiver = connect(simulator, stream, path, probe)) {
			Waits.until(() -> simulator.openSessions(stream.tag()) == 1, Duration.ofSeconds(30),
					stream.tag() + " session");
			handshake(simulator, stream, probe);
			// warm-up
			flood(simulator, stream, probe, Math.max(1_000, floodFrames / 10));
			long floodNanos = flood(simulator, stream, probe, floodFrames);
			probe.startPingPong(pingPongFrames);
			for (int i = 0; i < pingPongFrames; i++) {
				simulator.sendRawFrame(stream.tag(), frame(stream, System.nanoTime()));
				if (!probe.arrivals().tryAcquire(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("frame " + i + " did not arrive on " + stream.tag());
				}
			}
			long[] latencies = probe.stopPingPong();
			return new Result(stream, path, floodFrames * 1e9 / floodNanos, Stats.of(latencies));
		}
	}

	/**
	 * Send single frames until one arrives: the path from socket to listener is live.
	 */
	private static void handshake(PiecesOsSimulator simulator, PiecesStream stream, FrameProbe probe) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (probe.received() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("no frame arrived on " + stream.tag());
			}
			simulator.sendRawFrame(stream.tag(), frame(stream, System.nanoTime()));
			long wait = System.nanoTime() + Duration.ofMillis(200).toNanos();
			while (probe.received() == 0 && System.nanoTime() < wait) {
				LockSupport.parkNanos(100_000);
			}
		}
	}

	private static long flood(PiecesOsSimulator simulator, PiecesStream stream, FrameProbe probe, int frames) {
		int target = probe.received() + frames;
		long start = System.nanoTime();
		for (int i = 0; i < frames; i++) {
			simulator.sendRawFrame(stream.tag(), frame(stream, System.nanoTime()));
		}
		Waits.until(() -> probe.received() >= target, Duration.ofMinutes(2), "flood on " + stream.tag());
		return System.nanoTime() - start;
	}

	static String frame(PiecesStream stream, long nanos) {
		return switch (stream) {
			case HEALTH -> "OK " + nanos;
			case ASSETS -> "{\"iterable\":[{\"asset\":{\"id\":\"t" + nanos + "\"},\"deleted\":true}]}";
			case QGPT -> "{\"request\":\"t" + nanos
					+ "\",\"conversation\":\"c0\",\"status\":\"IN-PROGRESS\",\"question\":{\"answers\":{\"iterable\":"
					+ "[{\"score\":0,\"text\":\"chunk \"}]}}}";
			default -> throw new IllegalArgumentException(stream.name());
		};
	}

	private static AutoCloseable connect(PiecesOsSimulator simulator, PiecesStream stream, Path path,
			FrameProbe probe) throws Exception {
		return switch (path) {
			case BARE -> bare(simulator, stream, probe);
			case LISTENER -> listener(simulator, stream, probe);
			case EVENT_LISTENER -> eventListener(simulator, stream, probe);
		};
	}

	private static AutoCloseable bare(PiecesOsSimulator simulator, PiecesStream stream, FrameProbe probe)
			throws Exception {
		WsWebSocketContainer container = new WsWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(64 * 1024);
		StandardWebSocketClient client = new StandardWebSocketClient(container);
		WebSocketSession session = client.execute(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				probe.onFrame(message.getPayload());
			}

		}, simulator.webSocketUrl() + stream.path()).get(10, TimeUnit.SECONDS);
		return () -> {
			session.close();
			container.destroy();
		};
	}

	private static AutoCloseable listener(PiecesOsSimulator simulator, PiecesStream stream, FrameProbe probe) {
		PiecesClient client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
		PiecesWebsocketManager manager = new PiecesWebsocketManager(client, WebsocketSettings.defaults());
		BaseWebsocket<?> socket = switch (stream) {
			case HEALTH -> manager.health(WebsocketListener.onMessage(probe::onFrame));
			case ASSETS -> manager.assets(new AssetsListener() {

				@Override
				public void onMessage(StreamedIdentifiers message) {
					if (message.iterable().size() == 1) {
						StreamedIdentifier item = message.iterable().get(0);
						if (item.asset() != null) {
							probe.onFrame("\"" + item.asset().id());
						}
					}
				}

			});
			case QGPT -> manager.ask(WebsocketListener.onMessage((output) -> {
				if (output.request() != null) {
					probe.onFrame("\"" + output.request());
				}
			}));
			default -> throw new IllegalArgumentException(stream.name());
		};
		socket.start();
		return () -> {
			manager.closeAll();
			client.close();
		};
	}

	private static AutoCloseable eventListener(PiecesOsSimulator simulator, PiecesStream stream, FrameProbe probe) {
		BenchApplication.probe = probe;
		List<String> args = new ArrayList<>(List.of("--pieces.base-url=" + simulator.baseUrl(),
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		for (PiecesStream other : PiecesStream.values()) {
			if (other != stream) {
				args.add("--pieces.streams." + other.tag() + ".enabled=false");
			}
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
		return () -> {
			context.close();
			BenchApplication.probe = null;
		};
	}

}
