package app.pieces.copilot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import app.pieces.model.QGPTStreamOutput;
import app.pieces.websocket.AskStreamWS;

/**
 * The demultiplexer of one copilot: knows its answers in flight and routes each {@link QGPTStreamOutput} to one of
 * them.
 * <ol>
 * <li>by {@code request} id (our own, or an alias learned in step 3);</li>
 * <li>a frame whose {@code request} belongs to an answer that already ended, or to an answer of another copilot
 * (several copilots may share one socket), is dropped;</li>
 * <li>a frame with a {@code request} the server generated itself goes by conversation: the oldest answer in
 * flight in that conversation, else the oldest answer still waiting for a new conversation's id. That request id
 * becomes an alias of the answer;</li>
 * <li>a frame without {@code request} (Pieces OS's model says it is always present) only reaches an answer it
 * provably belongs to: the one answer in flight in the frame's conversation. Anything else (no conversation, an
 * unknown one, or two answers in that conversation) is dropped rather than guessed, so an injected or stray frame
 * cannot fail or extend an unrelated answer.</li>
 * </ol>
 * What step 2 needs to know about other copilots lives in the socket, not here and not in the JVM: every
 * request id is {@linkplain AskStreamWS#claimRequestId(String) claimed} on the {@link AskStreamWS} the frames
 * come from (our own ids when answers register, server-generated ones before they become aliases), and the
 * socket also counts every id sent through it as claimed. An id this router does not know and cannot claim is
 * another sender's, or one of an answer that ended. Copilots on different sockets share nothing.
 */
final class AnswerRouter {

	private static final Log logger = LogFactory.getLog(AnswerRouter.class);

	private final AskStreamWS socket;

	private final Map<String, CopilotAnswer> pending = new ConcurrentHashMap<>();

	private final Map<String, CopilotAnswer> aliases = new ConcurrentHashMap<>();

	/**
	 * Create a router for the frames of one socket.
	 * @param socket the socket the frames come from, which keeps the request ids of every copilot on it
	 */
	AnswerRouter(AskStreamWS socket) {
		this.socket = socket;
	}

	/**
	 * Start routing frames to an answer, claiming its request id on the socket.
	 * @param answer the answer
	 */
	void register(CopilotAnswer answer) {
		if (!this.socket.claimRequestId(answer.requestId())) {
			// a fresh random UUID is never taken; should it be, frames carrying it still reach this answer first
			logger.debug("Request id " + answer.requestId() + " was already known to the copilot socket");
		}
		this.pending.put(answer.requestId(), answer);
	}

	/**
	 * Stop routing frames to an answer that ended; later frames with its ids are dropped (the socket keeps them
	 * claimed).
	 * @param answer the answer
	 */
	void finished(CopilotAnswer answer) {
		this.pending.remove(answer.requestId(), answer);
		this.aliases.values().removeIf((aliased) -> aliased == answer);
	}

	/**
	 * Return the answers in flight, oldest first.
	 * @return a snapshot
	 */
	List<CopilotAnswer> inFlight() {
		List<CopilotAnswer> answers = new ArrayList<>(this.pending.values());
		answers.sort(Comparator.comparingLong(CopilotAnswer::sequence));
		return answers;
	}

	/**
	 * Find the answer a frame belongs to.
	 * @param frame the frame
	 * @return the answer, or {@code null} if the frame belongs to none in flight
	 */
	@Nullable CopilotAnswer route(QGPTStreamOutput frame) {
		String request = frame.request();
		if (request != null) {
			CopilotAnswer answer = this.pending.get(request);
			if (answer == null) {
				answer = this.aliases.get(request);
			}
			if (answer != null) {
				return answer;
			}
		}
		if (request == null) {
			return onlyAnswerIn(frame.conversation());
		}
		CopilotAnswer candidate = byConversation(frame.conversation());
		if (candidate == null) {
			return null;
		}
		if (!this.socket.claimRequestId(request)) {
			// sent on this socket (by another copilot, or for one of our answers that ended) or claimed by another
			// copilot
			return null;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Routing copilot frames with unknown request id " + request + " to answer "
					+ candidate.requestId() + " by conversation");
		}
		this.aliases.put(request, candidate);
		return candidate;
	}

	private @Nullable CopilotAnswer onlyAnswerIn(@Nullable String conversation) {
		if (conversation == null) {
			return null;
		}
		CopilotAnswer only = null;
		for (CopilotAnswer answer : this.pending.values()) {
			if (conversation.equals(answer.knownConversationId())) {
				if (only != null) {
					return null;
				}
				only = answer;
			}
		}
		return only;
	}

	private @Nullable CopilotAnswer byConversation(@Nullable String conversation) {
		CopilotAnswer sameConversation = null;
		CopilotAnswer newConversation = null;
		for (CopilotAnswer answer : this.pending.values()) {
			String known = answer.knownConversationId();
			if (known != null) {
				if (known.equals(conversation)) {
					sameConversation = older(sameConversation, answer);
				}
			}
			else {
				newConversation = older(newConversation, answer);
			}
		}
		return (sameConversation != null) ? sameConversation : newConversation;
	}

	private static CopilotAnswer older(@Nullable CopilotAnswer current, CopilotAnswer candidate) {
		return (current == null || candidate.sequence() < current.sequence()) ? candidate : current;
	}

}
