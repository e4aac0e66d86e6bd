package app.pieces.copilot;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import app.pieces.model.QGPTStreamInput;
import app.pieces.websocket.AskStreamWS;

/**
 * How answers end on this side: silence checks on the manager's scheduler (one per answer, cancelled when it
 * ends) and the stop frames that tell Pieces OS to stop generating an answer nobody waits for any more.
 */
final class AnswerStops {

	private static final Log logger = LogFactory.getLog(PiecesCopilot.class);

	private final AskStreamWS askStream;

	private final CopilotSettings settings;

	AnswerStops(AskStreamWS askStream, CopilotSettings settings) {
		this.askStream = askStream;
		this.settings = settings;
	}

	/**
	 * Watch an answer for silence: it times out when Pieces OS sends nothing for it for the timeout.
	 */
	void watch(CopilotAnswer answer, Duration delay) {
		try {
			answer.timeoutCheck(this.askStream.manager().schedule(() -> checkTimeout(answer), delay));
		}
		catch (RejectedExecutionException ex) {
			// the manager is closed: closing the socket fails the answer
		}
	}

	private void checkTimeout(CopilotAnswer answer) {
		if (answer.isDone()) {
			return;
		}
		Duration timeout = this.settings.timeout();
		Duration silence = answer.silence();
		if (silence.compareTo(timeout) < 0) {
			watch(answer, timeout.minus(silence));
			return;
		}
		if (answer.isAwaitingConnection()) {
			// the question never left the JVM: say so, rather than blaming a silent Pieces OS
			String message = "Copilot question " + answer.requestId() + " was never sent: Pieces OS unreachable for "
					+ timeout + " (the copilot socket is " + this.askStream.state().name().toLowerCase(Locale.ROOT)
					+ ")";
			if (answer.fail(CopilotOutcome.CONNECTION_LOST,
					new CopilotConnectionLostException(answer.requestId(), message, null))) {
				logger.warn(message + "; withdrawn from the queue");
				// in case the socket was writing it at this very moment: then a stop frame follows the write
				sendStop(answer);
			}
			return;
		}
		logger.warn("Copilot answer " + answer.requestId() + " timed out: no frame from Pieces OS for " + timeout
				+ "; stopping it");
		timeOut(answer, new CopilotTimeoutException(answer.requestId(), timeout,
				"Pieces OS sent nothing for copilot answer " + answer.requestId() + " for " + timeout));
	}

	boolean timeOut(CopilotAnswer answer, CopilotTimeoutException exception) {
		// end the answer first: the STOPPED frame the stop provokes must find it ended (and be dropped)
		boolean timedOut = answer.fail(CopilotOutcome.TIMEOUT, exception);
		if (timedOut) {
			sendStop(answer);
		}
		return timedOut;
	}

	/**
	 * Ask Pieces OS to stop generating an answer that ended on this side: only once the question was written (a
	 * question withdrawn from the queue needs no stop; one being written right now gets its stop after the write).
	 */
	void sendStop(CopilotAnswer answer) {
		CompletableFuture<Void> sent = answer.pendingSend();
		if (sent == null) {
			// not handed to the socket yet: ask() withdraws it when it does
			return;
		}
		if (!sent.isDone()) {
			sent.thenRun(() -> writeStop(answer));
			return;
		}
		if (sent.isCompletedExceptionally()) {
			logger.debug("No stop frame for copilot answer " + answer.requestId() + ": the question was never sent");
			return;
		}
		writeStop(answer);
	}

	private void writeStop(CopilotAnswer answer) {
		if (!this.askStream.isConnected()) {
			logger.debug("Not sending a stop frame for copilot answer " + answer.requestId() + ": not connected");
			return;
		}
		if (!answer.claimStopFrame()) {
			return;
		}
		try {
			this.askStream.sendMessage(new QGPTStreamInput(answer.requestId(), answer.knownConversationId(), null,
					null, true, null, null));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send a stop frame for copilot answer " + answer.requestId() + ": " + ex.getMessage());
		}
	}

}
