package app.pieces.sample;

import app.pieces.client.PiecesClient;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ConversationWS;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link PiecesCopilot} the sample asks questions with, built from the auto-configured
 * {@link AskStreamWS} and {@link PiecesClient} beans (and the conversation cache and
 * Actuator's {@link ObservationRegistry}, so every question is recorded as a
 * {@code pieces.copilot.ask} observation). The websockets are started by the starter; the
 * copilot only listens on the ask stream.
 *
 * @author Pieces starter team
 */
@Configuration(proxyBeanMethods = false)
class CopilotConfiguration {

	@Bean(destroyMethod = "close")
	PiecesCopilot piecesCopilot(AskStreamWS askStream, PiecesClient client, ObjectProvider<ConversationWS> conversations,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		ConversationWS conversationSocket = conversations.getIfAvailable();
		return PiecesCopilot.builder(askStream, client)
			.conversationCache((conversationSocket != null) ? conversationSocket.cache() : null)
			.observationRegistry(observationRegistry.getIfAvailable())
			.build();
	}

}
