package app.pieces.copilot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import app.pieces.model.QGPTStreamOutput;

/**
 * The demultiplexer: knows the answers in flight and routes each {@link QGPTStreamOutput} to one of them.
 * <ol>
 * <li>by {@code request} id (our own, or an alias learned in step 3);</li>
 * <li>a frame whose {@code request} belongs to an answer that already ended, or to an answer of another copilot
 * (several copilots may share one socket), is dropped;</li>
 * <li>otherwise (no {@code request}, or one the server generated itself) by conversation: the oldest answer in
 * flight in that conversation, else the oldest answer still waiting for a new conversation's id. A
 * server-generated request id routed this way becomes an alias of that answer.</li>
 * </ol>
 */
final class AnswerRouter {

	private static final Log logger = LogFactory.getLog(AnswerRouter.class);

	private static final int RETIRED_REQUEST_IDS = 4096;

	/**
	 * Request ids of every answer in flight in this JVM, of any copilot: a frame carrying one that this router
	 * does not know belongs to another copilot on the same socket and must not be taken by the fallback.
	 */
	private static final Set<String> IN_FLIGHT = ConcurrentHashMap.newKeySet();

	/**
	 * Request ids of answers that ended recently, of any copilot: late frames for them are dropped.
	 */
	private static final Set<String> RETIRED = Collections
		.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > RETIRED_REQUEST_IDS;
			}

		}));

	private final Map<String, CopilotAnswer> pending = new ConcurrentHashMap<>();

	private final Map<String, CopilotAnswer> aliases = new ConcurrentHashMap<>();

	/**
	 * Start routing frames to an answer.
	 * @param answer the answer
	 */
	void register(CopilotAnswer answer) {
		IN_FLIGHT.add(answer.requestId());
		this.pending.put(answer.requestId(), answer);
	}

	/**
	 * Stop routing frames to an answer that ended; later frames with its ids are dropped.
	 * @param answer the answer
	 */
	void finished(CopilotAnswer answer) {
		RETIRED.add(answer.requestId());
		IN_FLIGHT.remove(answer.requestId());
		this.pending.remove(answer.requestId(), answer);
		this.aliases.entrySet().removeIf((entry) -> {
			if (entry.getValue() == answer) {
				RETIRED.add(entry.getKey());
				IN_FLIGHT.remove(entry.getKey());
				return true;
			}
			return false;
		});
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
			if (IN_FLIGHT.contains(request) || RETIRED.contains(request)) {
				return null;
			}
		}
		CopilotAnswer candidate = byConversation(frame.conversation());
		if (candidate != null && request != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Routing copilot frames with unknown request id " + request + " to answer "
						+ candidate.requestId() + " by conversation");
			}
			this.aliases.put(request, candidate);
			IN_FLIGHT.add(request);
		}
		return candidate;
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
