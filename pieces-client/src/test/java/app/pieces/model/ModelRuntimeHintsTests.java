package app.pieces.model;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints of the wire models: registered through {@code aot.factories}, with reflection on what
 * Jackson binds (records with their accessors and constructors, nested records, enums) and the models' own
 * deserializer.
 */
class ModelRuntimeHintsTests {

	@Test
	void hintsShouldLetJacksonBindTheModelsInANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		for (Class<?> model : new Class<?>[] { Asset.class, Conversation.class, StreamedIdentifiers.class,
				QGPTStreamOutput.class, Anchor.class, Range.class, WorkstreamSummary.class, UserProfile.class,
				FlattenedReferences.class, ConversationGrounding.Temporal.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(model)).as(model.getSimpleName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Asset.class, "name")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(AnchorTypeEnum.class)).accepts(hints);
		// an asset compares its formats' contents through the records' fields
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(Format.class, "classification")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(Classification.class, "specific")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(LenientInstantDeserializer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
	}

}
