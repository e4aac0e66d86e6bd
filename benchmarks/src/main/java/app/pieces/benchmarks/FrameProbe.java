package app.pieces.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiving end of the dispatch benchmark: counts frames that carry a send timestamp and,
 * in ping-pong mode, records each frame's latency and lets the sender go on.
 */
final class FrameProbe {

	private final AtomicInteger received = new AtomicInteger();

	private final Semaphore arrived = new Semaphore(0);

	private volatile long[] latencies = new long[0];

	private final AtomicInteger latencyIndex = new AtomicInteger();

	private volatile boolean pingPong;

	/**
	 * A frame arrived at the listener; {@code text} is the part carrying the timestamp.
	 */
	void onFrame(String text) {
		long sent = parseNanos(text);
		if (sent < 0) {
			return;
		}
		long latency = System.nanoTime() - sent;
		this.received.incrementAndGet();
		if (this.pingPong) {
			int index = this.latencyIndex.getAndIncrement();
			if (index < this.latencies.length) {
				this.latencies[index] = latency;
			}
			this.arrived.release();
		}
	}

	int received() {
		return this.received.get();
	}

	void startPingPong(int count) {
		this.latencies = new long[count];
		this.latencyIndex.set(0);
		this.pingPong = true;
	}

	Semaphore arrivals() {
		return this.arrived;
	}

	long[] stopPingPong() {
		this.pingPong = false;
		return this.latencies.clone();
	}

	/**
	 * Find the digits after the first {@code "t} marker or after {@code "OK "}.
	 */
	static long parseNanos(String text) {
		int start;
		if (text.startsWith("OK ")) {
			start = 3;
		}
		else {
			int marker = text.indexOf("\"t");
			if (marker < 0) {
				return -1;
			}
			start = marker + 2;
		}
		long value = 0;
		int i = start;
		while (i < text.length() && Character.isDigit(text.charAt(i))) {
			value = value * 10 + (text.charAt(i) - '0');
			i++;
		}
		return (i > start) ? value : -1;
	}

}
