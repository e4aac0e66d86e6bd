package app.pieces.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point of the Pieces OS simulator: starts one simulator, prints
 * {@code Pieces OS simulator listening on http://127.0.0.1:<port>} and runs until the process is killed.
 * <pre>
 * java -jar pieces-os-simulator-&lt;version&gt;-exec.jar --port=39300 --assets=200 --conversations=5 --latency=PT0S
 * </pre>
 */
public final class PiecesOsSimulatorMain {

	static final String USAGE = """
			Usage: java -jar pieces-os-simulator-<version>-exec.jar [options]
			  --port=N                 port on 127.0.0.1 (default 39300; 0 = a free port)
			  --assets=N               seeded assets (default 5)
			  --conversations=N        seeded conversations (default 2)
			  --latency=DURATION       added to every REST snapshot call, ISO-8601 (default PT0S)
			  --version=TEXT           answer of /.well-known/version (default 12.3.2)
			  --signed-in=BOOL         start signed in (default true)
			  --explicit-nulls=BOOL    write explicit nulls for unset optional fields (default false)
			  --initialized-frame=BOOL send INITIALIZED first on /qgpt/stream (default false)
			  --chunk-delay=DURATION   pause between copilot frames (default PT0.005S)
			  --health-interval=DURATION periodic OK on the health stream (default PT5S; PT0S = off)
			  --updated-in-identifiers=BOOL full identifier lists carry each object's updated (default false)""";

	private PiecesOsSimulatorMain() {
	}

	/**
	 * Start the simulator and block until the process ends.
	 * @param args the options, see {@code --help}
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		PiecesOsSimulator simulator;
		try {
			simulator = launch(args, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		catch (IllegalStateException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			System.err.println(ex.getMessage() + ": " + cause.getMessage());
			System.exit(1);
			return;
		}
		if (simulator == null) {
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}, "pieces-sim-shutdown"));
		stopped.await();
	}

	/**
	 * Parse the options, start a simulator and print the line with its address.
	 * @param args the options
	 * @param out where to print
	 * @return the running simulator, or {@code null} when only help was asked for
	 * @throws IllegalArgumentException for unknown or malformed options
	 */
	static PiecesOsSimulator launch(String[] args, PrintStream out) {
		PiecesOsSimulator.Builder builder = PiecesOsSimulator.builder().port(39300);
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				out.println(USAGE);
				return null;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Unknown argument: " + arg);
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			switch (name) {
				case "port" -> builder.port(integer(name, value));
				case "assets" -> builder.assets(integer(name, value));
				case "conversations" -> builder.conversations(integer(name, value));
				case "latency" -> builder.restLatency(duration(name, value));
				case "version" -> builder.version(value);
				case "signed-in" -> builder.signedIn(bool(name, value));
				case "explicit-nulls" -> builder.explicitNulls(bool(name, value));
				case "initialized-frame" -> builder.initializedFrame(bool(name, value));
				case "chunk-delay" -> builder.chunkDelay(duration(name, value));
				case "health-interval" -> builder.healthInterval(duration(name, value));
				case "updated-in-identifiers" -> builder.updatedInIdentifiers(bool(name, value));
				default -> throw new IllegalArgumentException("Unknown option: --" + name);
			}
		}
		PiecesOsSimulator simulator = builder.build().start();
		out.println("Pieces OS simulator listening on " + simulator.baseUrl());
		out.flush();
		return simulator;
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number: " + value);
		}
	}

	private static boolean bool(String name, String value) {
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("--" + name + " must be true or false: " + value);
		}
		return Boolean.parseBoolean(value);
	}

	private static Duration duration(String name, String value) {
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("--" + name + " must be an ISO-8601 duration such as PT0.5S: " + value);
		}
	}

}
