package app.pieces.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Thread and port helpers.
 */
final class Threads {

	private Threads() {
	}

	/**
	 * Whether a thread belongs to our client side (client, websockets, copilot, event bridge,
	 * the JDK HttpClient and Tomcat's websocket client), not to the simulator.
	 */
	static final Predicate<Thread> CLIENT_SIDE = (thread) -> {
		String name = thread.getName();
		return (name.startsWith("pieces-") && !name.startsWith("pieces-sim-")) || name.startsWith("HttpClient-")
				|| name.startsWith("WebSocketClient-");
	};

	static List<Thread> clientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter(CLIENT_SIDE)
			.toList();
	}

	static List<String> clientThreadNames() {
		return clientThreads().stream().map(Thread::getName).sorted().toList();
	}

	/**
	 * Client threads that did not exist before, each with the top of its stack.
	 */
	static List<String> clientThreadsExcept(Set<Thread> before) {
		return clientThreads().stream()
			.filter((thread) -> !before.contains(thread))
			.map((thread) -> thread.getName() + " " + Arrays.stream(thread.getStackTrace())
				.limit(12)
				.map(StackTraceElement::toString)
				.collect(Collectors.joining("\n\t", "\n\t", "")))
			.toList();
	}

	/**
	 * Find {@code size} consecutive free ports on the loopback interface.
	 */
	static int freePortRange(int size) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int first = freePort();
			if (first + size > 65535) {
				continue;
			}
			boolean free = true;
			for (int port = first + 1; port < first + size && free; port++) {
				free = isFree(port);
			}
			if (free) {
				return first;
			}
		}
		throw new IllegalStateException("No range of " + size + " free ports found");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
