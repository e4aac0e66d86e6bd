package app.pieces.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * One server-sent event, parsed from a {@code text/event-stream} body.
 *
 * @param name the event name ({@code message} when the event has none)
 * @param data the data lines joined with a line feed
 */
record SseEvent(String name, String data) {

	/**
	 * Parse a complete {@code text/event-stream} body; comments and events without data are skipped.
	 * @param body the body
	 * @return the events in order
	 */
	static List<SseEvent> parse(String body) {
		List<SseEvent> events = new ArrayList<>();
		for (String block : body.split("\r?\n\r?\n")) {
			String name = "message";
			List<String> data = new ArrayList<>();
			for (String line : block.split("\r?\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					String value = line.substring(5);
					data.add(value.startsWith(" ") ? value.substring(1) : value);
				}
			}
			if (!data.isEmpty()) {
				events.add(new SseEvent(name, String.join("\n", data)));
			}
		}
		return events;
	}

}
