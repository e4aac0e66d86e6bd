package app.pieces.boot.autoconfigure;

import java.net.URI;
import java.util.List;

import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.client.PiecesAssets;
import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesClientBuilder;
import app.pieces.client.PiecesConversations;
import app.pieces.client.PiecesLtm;
import app.pieces.client.PiecesWorkstream;
import app.pieces.model.Anchor;
import app.pieces.model.Range;
import app.pieces.model.WorkstreamSummary;
import app.pieces.copilot.CopilotFirstChunkObservationConvention;
import app.pieces.copilot.CopilotObservationConvention;
import app.pieces.copilot.CopilotSettings;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.copilot.PiecesCopilotBuilder;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.IdentifierStream;
import app.pieces.websocket.IdentifiersWebsocket;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.LTMVisionWS;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketSettings;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Pieces OS: the {@link PiecesClient},
 * the {@link PiecesWebsocketManager}, one bean per websocket (each switched by
 * {@code pieces.streams.<stream>.enabled}), the {@link PiecesCopilot} on the copilot stream
 * (observed when Micrometer's {@code ObservationRegistry} is available), the
 * {@link PiecesEventBridge} (switched by {@code pieces.events.enabled}) and the
 * {@link PiecesWebsocketLifecycle} that opens and closes the websockets with the
 * application. Every bean backs off when the application defines its own. Every
 * {@link ClientEventListener} bean is added to the manager whichever lifecycle and
 * manager the application uses.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ PiecesClient.class, PiecesWebsocketManager.class })
@ConditionalOnBooleanProperty(name = "pieces.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PiecesProperties.class)
public final class PiecesAutoConfiguration {

	private static final String MAX_TEXT_MESSAGE_SIZE_PROPERTY = "pieces.streams.max-text-message-size";

	@Bean
	@ConditionalOnMissingBean
	PiecesClient piecesClient(PiecesProperties properties, PiecesConnectionDetails connectionDetails,
			ObjectProvider<PiecesClientCustomizer> customizers) {
		PiecesPropertiesValidator.validate(properties);
		PiecesClientBuilder builder = PiecesClient.builder();
		PropertyMapper map = PropertyMapper.get();
		URI baseUrl = connectionDetails.getBaseUrl();
		if (baseUrl != null) {
			builder.baseUrl(baseUrl.toString());
		}
		PiecesProperties.Discovery discovery = properties.getDiscovery();
		builder.portRange(discovery.getFirstPort(), discovery.getLastPort());
		if (!discovery.isPortFilesEnabled()) {
			builder.portFiles(List.of());
		}
		else if (!discovery.getPortFiles().isEmpty()) {
			builder.portFiles(List.copyOf(discovery.getPortFiles()));
		}
		builder.legacyPorts(discovery.isLegacyPorts());
		map.from(properties::getConnectTimeout).to(builder::connectTimeout);
		map.from(properties::getReadTimeout).to(builder::readTimeout);
		map.from(properties::getApplicationName).to(builder::applicationName);
		PiecesProperties.VersionCheck versionCheck = properties.getVersionCheck();
		builder.versionCheck(versionCheck.isEnabled());
		builder.supportedVersions(versionCheck.getMinVersion(), versionCheck.getMaxVersion());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(PiecesConnectionDetails.class)
	PropertiesPiecesConnectionDetails piecesConnectionDetails(PiecesProperties properties) {
		return new PropertiesPiecesConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PiecesWebsocketManager piecesWebsocketManager(PiecesClient piecesClient, PiecesProperties properties) {
		return new PiecesWebsocketManager(piecesClient, websocketSettings(properties));
	}

	static WebsocketSettings websocketSettings(PiecesProperties properties) {
		PiecesProperties.Reconnect reconnect = properties.getReconnect();
		ReconnectSettings reconnectSettings = new ReconnectSettings(reconnect.isEnabled(),
				reconnect.getInitialInterval(), reconnect.getMultiplier(), reconnect.getMaxInterval(),
				reconnect.getJitter(), reconnect.getMaxAttempts());
		return new WebsocketSettings(maxTextMessageSize(properties.getStreams().getMaxTextMessageSize()),
				reconnectSettings, properties.getCache().getHydrationConcurrency(), properties.getConnectTimeout(),
				properties.getStreams().getPingInterval(), properties.getCache().isBulkSync());
	}

	/**
	 * The websocket client takes the size as an {@code int}: fail with the property's name
	 * rather than a bare {@link ArithmeticException} for 2 GB and more.
	 */
	private static int maxTextMessageSize(DataSize size) {
		long bytes = size.toBytes();
		if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(MAX_TEXT_MESSAGE_SIZE_PROPERTY, size,
					"It must be at least 1 byte and less than 2GB (at most " + Integer.MAX_VALUE + " bytes)");
		}
		return (int) bytes;
	}

	@Bean
	@ConditionalOnMissingBean
	PiecesAssets piecesAssets(PiecesClient piecesClient) {
		// the client's own: the assets stream keeps its cache current with what it writes
		return piecesClient.assets();
	}

	@Bean
	@ConditionalOnMissingBean
	PiecesConversations piecesConversations(PiecesClient piecesClient) {
		// the client's own: the conversations stream keeps its cache current with what it writes
		return piecesClient.conversations();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.streams.health.enabled", matchIfMissing = true)
	HealthWS piecesHealthWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return new HealthWS(piecesWebsocketManager, null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.streams.user.enabled", matchIfMissing = true)
	AuthWS piecesAuthWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return new AuthWS(piecesWebsocketManager, null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.streams.assets.enabled", matchIfMissing = true)
	AssetsIdentifiersWS piecesAssetsWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return new AssetsIdentifiersWS(piecesWebsocketManager, null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.streams.conversations.enabled", matchIfMissing = true)
	ConversationWS piecesConversationWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return new ConversationWS(piecesWebsocketManager, null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.streams.qgpt.enabled", matchIfMissing = true)
	AskStreamWS piecesAskStreamWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return new AskStreamWS(piecesWebsocketManager, null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.streams.ltm.enabled", matchIfMissing = true)
	LTMVisionWS piecesLtmVisionWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return new LTMVisionWS(piecesWebsocketManager, null);
	}

	@Bean
	@ConditionalOnMissingBean(name = "piecesAnchorsWebsocket")
	@ConditionalOnBooleanProperty(name = "pieces.streams.anchors.enabled", matchIfMissing = true)
	IdentifiersWebsocket<Anchor> piecesAnchorsWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return piecesWebsocketManager.identifiers(IdentifierStream.ANCHORS, null);
	}

	@Bean
	@ConditionalOnMissingBean(name = "piecesRangesWebsocket")
	@ConditionalOnBooleanProperty(name = "pieces.streams.ranges.enabled", matchIfMissing = true)
	IdentifiersWebsocket<Range> piecesRangesWebsocket(PiecesWebsocketManager piecesWebsocketManager) {
		return piecesWebsocketManager.identifiers(IdentifierStream.RANGES, null);
	}

	@Bean
	@ConditionalOnMissingBean(name = "piecesWorkstreamSummariesWebsocket")
	@ConditionalOnBooleanProperty(name = "pieces.streams.summaries.enabled")
	IdentifiersWebsocket<WorkstreamSummary> piecesWorkstreamSummariesWebsocket(
			PiecesWebsocketManager piecesWebsocketManager) {
		return piecesWebsocketManager.identifiers(IdentifierStream.WORKSTREAM_SUMMARIES, null);
	}

	@Bean
	@ConditionalOnMissingBean
	PiecesWorkstream piecesWorkstream(PiecesClient piecesClient) {
		return piecesClient.workstream();
	}

	@Bean
	@ConditionalOnMissingBean
	PiecesLtm piecesLtm(PiecesClient piecesClient) {
		return piecesClient.ltm();
	}

	static CopilotSettings copilotSettings(PiecesProperties properties) {
		return new CopilotSettings(properties.getCopilot().getTimeout(), properties.getCopilot().getDefaultModel());
	}

	/**
	 * Start a copilot on the copilot stream with the {@code pieces.copilot.*} settings and
	 * the conversation cache, if the conversations stream is enabled.
	 */
	static PiecesCopilotBuilder copilotBuilder(AskStreamWS askStream, PiecesClient piecesClient,
			PiecesProperties properties, ObjectProvider<ConversationWS> conversations) {
		return PiecesCopilot.builder(askStream, piecesClient)
			.settings(copilotSettings(properties))
			.conversationCache(conversations.stream().map(ConversationWS::cache).findFirst().orElse(null));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pieces.events.enabled", matchIfMissing = true)
	PiecesEventBridge piecesEventBridge(ApplicationEventPublisher applicationEventPublisher,
			PiecesProperties properties, PiecesWebsocketManager piecesWebsocketManager) {
		// published one at a time on the manager's workers: no thread of its own
		return new PiecesEventBridge(applicationEventPublisher, properties.getEvents().getBacklogWarningThreshold(),
				piecesWebsocketManager.serialExecutor("events"));
	}

	@Bean
	@ConditionalOnMissingBean
	PiecesWebsocketLifecycle piecesWebsocketLifecycle(PiecesWebsocketManager piecesWebsocketManager,
			ObjectProvider<BaseWebsocket<?>> websockets, PiecesProperties properties) {
		return new PiecesWebsocketLifecycle(piecesWebsocketManager, websockets.orderedStream().toList(), List.of(),
				properties.getStreams().isAutoStartup(), properties.getStreams().getPhase());
	}

	@Bean
	ClientEventListeners piecesClientEventListeners(ObjectProvider<PiecesWebsocketManager> manager,
			ObjectProvider<ClientEventListener> listeners) {
		return new ClientEventListeners(manager, listeners);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	static class ObservedRestConfiguration {

		/**
		 * Observe the client's REST calls ({@code http.client.requests}, with the meters Boot derives from it) with
		 * the application's registry; discovery probes are not REST calls and stay unobserved.
		 */
		@Bean
		PiecesClientCustomizer piecesRestObservations(ObjectProvider<ObservationRegistry> observationRegistry) {
			return (builder) -> observationRegistry.ifUnique(
					(registry) -> builder.restClientCustomizer((rest) -> rest.observationRegistry(registry)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBooleanProperty(name = "pieces.streams.qgpt.enabled", matchIfMissing = true)
	static class ObservedCopilotConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PiecesCopilot piecesCopilot(AskStreamWS askStream, PiecesClient piecesClient, PiecesProperties properties,
				ObjectProvider<ConversationWS> conversations, ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<CopilotObservationConvention> convention,
				ObjectProvider<CopilotFirstChunkObservationConvention> firstChunkConvention) {
			return copilotBuilder(askStream, piecesClient, properties, conversations)
				.observationRegistry(observationRegistry.getIfUnique())
				.observationConvention(convention.getIfUnique())
				.firstChunkObservationConvention(firstChunkConvention.getIfUnique())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.observation.ObservationRegistry")
	@ConditionalOnBooleanProperty(name = "pieces.streams.qgpt.enabled", matchIfMissing = true)
	static class CopilotConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PiecesCopilot piecesCopilot(AskStreamWS askStream, PiecesClient piecesClient, PiecesProperties properties,
				ObjectProvider<ConversationWS> conversations) {
			return copilotBuilder(askStream, piecesClient, properties, conversations).build();
		}

	}

}
