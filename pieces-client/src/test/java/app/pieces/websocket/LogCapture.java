package app.pieces.websocket;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Captures what the client logs (loggers below {@code app.pieces}, the simulator excluded)
 * while it is open.
 */
final class LogCapture implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("app.pieces");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final @Nullable Level previousLevel;

	/**
	 * Capture at the configured level (INFO).
	 */
	LogCapture() {
		this(null);
	}

	/**
	 * Capture at the given level, restored on {@link #close()}.
	 */
	LogCapture(@Nullable Level level) {
		this.previousLevel = this.logger.getLevel();
		if (level != null) {
			this.logger.setLevel(level);
		}
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * Return the messages logged at INFO or above, in order.
	 */
	List<String> infoAndAbove() {
		return events().stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/**
	 * Return every message, in order.
	 */
	List<String> messages() {
		return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	private List<ILoggingEvent> events() {
		synchronized (this.appender) {
			return this.appender.list.stream()
				.filter((event) -> !event.getLoggerName().startsWith("app.pieces.simulator"))
				.toList();
		}
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
		this.logger.setLevel(this.previousLevel);
	}

}
