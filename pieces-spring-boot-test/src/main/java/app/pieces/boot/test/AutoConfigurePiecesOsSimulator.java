package app.pieces.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Runs a Pieces OS simulator for a Spring Boot test and points the Pieces starter at it:
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigurePiecesOsSimulator(assets = 5)
 * class MyTests {
 *
 *     &#64;Autowired
 *     PiecesOsSimulator simulator;      // script it: createAsset, restart, copilot().failNext, ...
 *
 *     &#64;Autowired
 *     AssetsIdentifiersWS assets;
 * }
 * </pre>
 * The simulator starts on a free port with the test's application context, is a bean to inject, replaces the
 * application's {@code PiecesConnectionDetails} (so discovery never picks a real Pieces OS on the machine), and
 * stops when the context closes, after the starter's streams have closed: no test leaves a client retrying
 * against a stopped simulator. The attributes map to {@code pieces.test.simulator.*} properties.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(PiecesOsSimulatorTestAutoConfiguration.class)
@PropertyMapping("pieces.test.simulator")
public @interface AutoConfigurePiecesOsSimulator {

	/**
	 * How many demo assets the simulator holds at start.
	 * @return the number of assets
	 */
	int assets() default 12;

	/**
	 * How many demo conversations the simulator holds at start.
	 * @return the number of conversations
	 */
	int conversations() default 3;

	/**
	 * The delay between two chunks of a copilot answer, e.g. {@code 40ms}.
	 * @return the delay
	 */
	String chunkDelay() default "0ms";

}
