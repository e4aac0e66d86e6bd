package app.pieces;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of pieces-client, kept by the build: free of Spring Boot, no package cycles, Tomcat behind one seam,
 * no protected hooks, a public surface that only grows on purpose.
 */
@AnalyzeClasses(packages = "app.pieces",
		importOptions = { ImportOption.DoNotIncludeTests.class, ArchitectureTests.WithoutSimulator.class })
class ArchitectureTests {

	@ArchTest
	static final ArchRule clientShouldNotDependOnSpringBoot = noClasses().that()
		.resideInAPackage("app.pieces..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.boot..")
		.because("pieces-client is the framework-light client; Boot support lives in the auto-configuration");

	@ArchTest
	static final ArchRule packagesShouldBeFreeOfCycles = slices().matching("app.pieces.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule tomcatShouldStayBehindOneSeam = noClasses().that()
		.doNotHaveFullyQualifiedName("app.pieces.websocket.TomcatSupport")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.apache.tomcat..")
		.because("the client depends on JSR-356 and StandardWebSocketClient; Tomcat specifics live in TomcatSupport");

	@ArchTest
	static final ArchRule noProtectedMembers = noMembers().that()
		.areDeclaredInClassesThat()
		.resideInAPackage("app.pieces..")
		.should()
		.haveModifier(JavaModifier.PROTECTED)
		.because("users extend the client through listeners and observers, not through protected hooks");

	/**
	 * The public top-level types outside {@code app.pieces.model}: what users may touch. A type joins or leaves
	 * this list on purpose, never as a side effect of crossing a package line.
	 */
	private static final Set<String> PUBLIC_API = Set.of(
			"app.pieces.client.PiecesApiException",
			"app.pieces.client.PiecesAssets",
			"app.pieces.client.PiecesClient",
			"app.pieces.client.PiecesClientBuilder",
			"app.pieces.client.PiecesConversations",
			"app.pieces.client.PiecesLtm",
			"app.pieces.client.PiecesException",
			"app.pieces.client.PiecesGoneException",
			"app.pieces.client.PiecesIncompatibleVersionException",
			"app.pieces.client.PiecesNotFoundException",
			"app.pieces.client.PiecesStatus",
			"app.pieces.client.PiecesUnavailableException",
			"app.pieces.client.PiecesVersion",
			"app.pieces.client.PiecesWorkstream",
			"app.pieces.copilot.CopilotAnswer",
			"app.pieces.copilot.CopilotCancelledException",
			"app.pieces.copilot.CopilotConnectionLostException",
			"app.pieces.copilot.CopilotException",
			"app.pieces.copilot.CopilotFailedException",
			"app.pieces.copilot.CopilotFirstChunkObservationConvention",
			"app.pieces.copilot.CopilotObservationContext",
			"app.pieces.copilot.CopilotObservationConvention",
			"app.pieces.copilot.CopilotObservationDocumentation",
			"app.pieces.copilot.CopilotOutcome",
			"app.pieces.copilot.CopilotRequest",
			"app.pieces.copilot.CopilotSettings",
			"app.pieces.copilot.CopilotTimeoutException",
			"app.pieces.copilot.DefaultCopilotFirstChunkObservationConvention",
			"app.pieces.copilot.DefaultCopilotObservationConvention",
			"app.pieces.copilot.PiecesCopilot",
			"app.pieces.copilot.PiecesCopilotBuilder",
			"app.pieces.copilot.ReactorCopilot",
			"app.pieces.copilot.UnknownModelException",
			"app.pieces.websocket.AskStreamWS",
			"app.pieces.websocket.AssetsIdentifiersWS",
			"app.pieces.websocket.AssetsListener",
			"app.pieces.websocket.AuthWS",
			"app.pieces.websocket.BaseWebsocket",
			"app.pieces.websocket.ClientEvent",
			"app.pieces.websocket.ClientEventListener",
			"app.pieces.websocket.ConnectionState",
			"app.pieces.websocket.ConversationWS",
			"app.pieces.websocket.ConversationsListener",
			"app.pieces.websocket.FrameOutcome",
			"app.pieces.websocket.HealthWS",
			"app.pieces.websocket.IdentifierCache",
			"app.pieces.websocket.IdentifierStream",
			"app.pieces.websocket.IdentifiersListener",
			"app.pieces.websocket.IdentifiersWebsocket",
			"app.pieces.websocket.LTMVisionWS",
			"app.pieces.websocket.PiecesStream",
			"app.pieces.websocket.PiecesWebsocketManager",
			"app.pieces.websocket.ReconnectSettings",
			"app.pieces.websocket.StreamUnsupportedException",
			"app.pieces.websocket.WebsocketFrameException",
			"app.pieces.websocket.WebsocketListener",
			"app.pieces.websocket.WebsocketSettings");

	@ArchTest
	static void publicTypesOutsideTheModelShouldBeThePromisedApi(JavaClasses classes) {
		Set<String> actual = classes.stream()
			.filter((type) -> type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC))
			.map(JavaClass::getName)
			.filter((name) -> !name.startsWith("app.pieces.model."))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(actual).as("public top-level types outside app.pieces.model").containsExactlyInAnyOrderElementsOf(PUBLIC_API);
	}

	/**
	 * The simulator shares the root package but is another module (a test dependency here).
	 */
	static final class WithoutSimulator implements ImportOption {

		@Override
		public boolean includes(Location location) {
			return !location.contains("/app/pieces/simulator/");
		}

	}

}
