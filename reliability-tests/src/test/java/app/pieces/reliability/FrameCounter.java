package app.pieces.reliability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.FrameOutcome;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;

/**
 * Counts frame outcomes and error callbacks per stream (a client event listener bean: the starter adds it
 * to the websocket manager).
 */
class FrameCounter implements ClientEventListener {

	private final Map<PiecesStream, Map<FrameOutcome, AtomicInteger>> outcomes = new ConcurrentHashMap<>();

	private final Map<PiecesStream, AtomicInteger> errors = new ConcurrentHashMap<>();

	@Override
	public void onEvent(ClientEvent event) {
		if (event instanceof ClientEvent.FrameHandled frame) {
			this.outcomes.computeIfAbsent(frame.socket().stream(), (stream) -> {
				Map<FrameOutcome, AtomicInteger> counts = new EnumMap<>(FrameOutcome.class);
				for (FrameOutcome value : FrameOutcome.values()) {
					counts.put(value, new AtomicInteger());
				}
				return counts;
			}).get(frame.outcome()).incrementAndGet();
		}
		else if (event instanceof ClientEvent.Error error) {
			this.errors.computeIfAbsent(error.socket().stream(), (stream) -> new AtomicInteger()).incrementAndGet();
		}
	}

	int count(PiecesStream stream, FrameOutcome outcome) {
		Map<FrameOutcome, AtomicInteger> counts = this.outcomes.get(stream);
		return (counts != null) ? counts.get(outcome).get() : 0;
	}

	int total(PiecesStream stream) {
		int total = 0;
		for (FrameOutcome outcome : FrameOutcome.values()) {
			total += count(stream, outcome);
		}
		return total;
	}

	int errors(PiecesStream stream) {
		AtomicInteger count = this.errors.get(stream);
		return (count != null) ? count.get() : 0;
	}

}
