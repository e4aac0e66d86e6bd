package app.pieces.ai;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import app.pieces.copilot.CopilotRequest;

/**
 * Maps a Spring AI {@link Prompt} to the one question Pieces Copilot takes per request.
 * <p>
 * Pieces OS answers one question at a time and keeps the history of a conversation itself, so the messages of
 * a prompt become a single question text:
 * <ol>
 * <li>The <b>last {@code USER} message</b> is the question. A prompt without a user message is rejected
 * ({@link IllegalArgumentException}), as is a prompt with {@code TOOL} messages (Pieces Copilot has no tool
 * calling).</li>
 * <li>The text of every <b>{@code SYSTEM} message</b> (in order, blank ones skipped) comes first, each followed by
 * a blank line.</li>
 * <li><b>Earlier turns</b> ({@code USER} and {@code ASSISTANT} messages before the last user message):
 * <ul>
 * <li>when the options carry a {@link PiecesChatOptions#getConversationId() conversation id}, the turns are
 * taken to be that Pieces conversation's history, which Pieces OS already holds: they are <b>not</b> re-sent,
 * the question is sent in that conversation;</li>
 * <li>otherwise a new conversation starts and the turns are written into the question as a transcript,
 * {@code "Earlier in this conversation:"} followed by one {@code "User: ..."} / {@code "Assistant: ..."} line
 * per turn and a blank line.</li>
 * </ul>
 * </li>
 * <li>Other messages after the last user message are ignored (logged at debug level).</li>
 * </ol>
 * So a prompt holding just one user message is sent exactly as written. Only the text of messages is sent:
 * media attached to a user message are not. The model comes from
 * {@link PiecesChatOptions#getModel()} and the asset ids from {@link PiecesChatOptions#getAssetIds()}.
 */
public final class PiecesPromptMapper {

	/** The line that introduces earlier turns written into the question. */
	public static final String TRANSCRIPT_HEADER = "Earlier in this conversation:";

	private static final Log logger = LogFactory.getLog(PiecesPromptMapper.class);

	private PiecesPromptMapper() {
	}

	/**
	 * Map a prompt and its (already merged) options to a copilot request.
	 * @param prompt the prompt
	 * @param options the options to use (the prompt's own options are not read)
	 * @return the copilot request
	 * @throws IllegalArgumentException if the prompt has no user message, a blank question or a tool message
	 */
	public static CopilotRequest toRequest(Prompt prompt, PiecesChatOptions options) {
		Assert.notNull(prompt, "'prompt' must not be null");
		Assert.notNull(options, "'options' must not be null");
		String question = question(prompt.getInstructions(), options.getConversationId() != null);
		CopilotRequest.Builder builder = CopilotRequest.builder(question)
			.conversation(options.getConversationId())
			.model(options.getModel());
		List<String> assetIds = options.getAssetIds();
		if (assetIds != null) {
			builder.assets(assetIds);
		}
		List<String> paths = options.getPaths();
		if (paths != null) {
			builder.paths(paths.toArray(String[]::new));
		}
		return builder.longTermMemory(options.getLongTermMemory())
			.keepChat(!Boolean.FALSE.equals(options.getKeepChat()))
			.build();
	}

	/**
	 * Build the question text from the messages of a prompt.
	 * @param messages the messages
	 * @param continuingConversation whether the question is sent in an existing Pieces conversation (earlier
	 * turns are then not re-sent)
	 * @return the question
	 * @throws IllegalArgumentException if there is no user message, the question is blank or a message is a
	 * tool message
	 */
	public static String question(List<Message> messages, boolean continuingConversation) {
		Assert.notNull(messages, "'messages' must not be null");
		int lastUser = -1;
		for (int i = 0; i < messages.size(); i++) {
			MessageType type = messages.get(i).getMessageType();
			if (type == MessageType.TOOL) {
				throw new IllegalArgumentException(
						"Pieces Copilot does not support tool calling: the prompt holds a TOOL message");
			}
			if (type == MessageType.USER) {
				lastUser = i;
			}
		}
		if (lastUser < 0) {
			throw new IllegalArgumentException(
					"The prompt has no user message: Pieces Copilot needs a question to answer");
		}
		String userText = text(messages.get(lastUser));
		if (!StringUtils.hasText(userText)) {
			throw new IllegalArgumentException("The last user message of the prompt is blank");
		}
		List<String> parts = new ArrayList<>();
		List<String> turns = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			String text = text(message);
			switch (message.getMessageType()) {
				case SYSTEM -> {
					if (StringUtils.hasText(text)) {
						parts.add(text);
					}
				}
				case USER, ASSISTANT -> {
					if (i < lastUser && StringUtils.hasText(text)) {
						turns.add(((message.getMessageType() == MessageType.USER) ? "User: " : "Assistant: ") + text);
					}
				}
				default -> {
					// TOOL was rejected above
				}
			}
		}
		long ignored = messages.subList(lastUser + 1, messages.size())
			.stream()
			.filter((message) -> message.getMessageType() != MessageType.SYSTEM)
			.count();
		if (ignored > 0 && logger.isDebugEnabled()) {
			logger.debug("Ignoring " + ignored + " message(s) after the last user message of the prompt");
		}
		if (!turns.isEmpty() && !continuingConversation) {
			parts.add(TRANSCRIPT_HEADER + "\n" + String.join("\n", turns));
		}
		parts.add(userText);
		return String.join("\n\n", parts);
	}

	private static String text(Message message) {
		String text = message.getText();
		return (text != null) ? text : "";
	}

}
