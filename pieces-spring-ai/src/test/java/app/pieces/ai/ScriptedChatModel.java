package app.pieces.ai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A chat model that is not Pieces: it records every prompt and answers "answer N" for the N-th one, so tests can
 * see what a Spring AI advisor put into the prompt and what it kept afterwards.
 */
final class ScriptedChatModel implements ChatModel {

	final List<Prompt> prompts = new CopyOnWriteArrayList<>();

	@Override
	public ChatResponse call(Prompt prompt) {
		this.prompts.add(prompt);
		return new ChatResponse(List.of(new Generation(new AssistantMessage("answer " + this.prompts.size()))));
	}

	String lastPromptText() {
		return this.prompts.get(this.prompts.size() - 1).getContents();
	}

}
