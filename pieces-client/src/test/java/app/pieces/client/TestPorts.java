package app.pieces.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds blocks of consecutive free loopback ports below the Linux ephemeral range, so that port-range discovery
 * can be tested with simulators on known ports.
 */
public final class TestPorts {

	private TestPorts() {
	}

	/**
	 * Return the first port of {@code size} consecutive ports that are free right now.
	 */
	public static int freeBlock(int size) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(12000);
			boolean free = true;
			for (int port = first; port < first + size && free; port++) {
				free = isFree(port);
			}
			if (free) {
				return first;
			}
		}
		throw new IllegalStateException("No block of " + size + " free ports found");
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
