package app.pieces.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs to bind the wire models with Jackson: reflection on every type of this package
 * (records, their components, enums and their creators), as {@link BindingReflectionHintsRegistrar} registers for
 * bound types, plus the deserializers the models name themselves. Registered through
 * {@code META-INF/spring/aot.factories}.
 */
final class ModelRuntimeHints implements RuntimeHintsRegistrar {

	private static final String MODELS = "classpath*:" + ClassUtils.convertClassNameToResourcePath(
			ModelRuntimeHints.class.getPackageName()) + "/*.class";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		for (Class<?> model : models(classLoader)) {
			binding.registerReflectionHints(hints.reflection(), model);
		}
		// named by @JsonDeserialize(using = ...), created by Jackson through its constructor
		hints.reflection().registerType(LenientInstantDeserializer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
	}

	private static Class<?>[] models(@Nullable ClassLoader classLoader) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver(classLoader).getResources(MODELS);
			return Arrays.stream(resources)
				.map(Resource::getFilename)
				.filter((name) -> name != null && !name.equals("package-info.class")
						&& !name.startsWith(ModelRuntimeHints.class.getSimpleName()))
				.map((name) -> ModelRuntimeHints.class.getPackageName() + "." + name.substring(0, name.length() - 6))
				.map((className) -> ClassUtils.resolveClassName(className, classLoader))
				.toArray(Class<?>[]::new);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list the Pieces models for the native image hints", ex);
		}
	}

}
