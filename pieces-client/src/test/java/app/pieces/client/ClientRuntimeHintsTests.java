package app.pieces.client;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints of the REST endpoints: the HTTP interface proxy of {@link PiecesApi}.
 */
class ClientRuntimeHintsTests {

	@Test
	void hintsShouldCoverTheHttpInterfaceProxy() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(RuntimeHintsPredicates.proxies()
			.forInterfaces(AopProxyUtils.completeJdkProxyInterfaces(PiecesApi.class))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(PiecesApi.class)).accepts(hints);
	}

}
