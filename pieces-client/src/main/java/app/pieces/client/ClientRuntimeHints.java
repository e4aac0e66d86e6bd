package app.pieces.client;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for the client's REST endpoints: the JDK proxy {@code HttpServiceProxyFactory} makes
 * of {@link PiecesApi}, and reflection on its methods, whose {@code @HttpExchange} annotations describe the
 * requests. Registered through {@code META-INF/spring/aot.factories}.
 */
final class ClientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.proxies().registerJdkProxy(AopProxyUtils.completeJdkProxyInterfaces(PiecesApi.class));
		hints.reflection().registerType(PiecesApi.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
