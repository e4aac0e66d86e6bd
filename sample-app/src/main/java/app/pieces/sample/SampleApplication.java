package app.pieces.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample application showing the Pieces OS starter at work: a page at {@code /} with the
 * connection of each websocket, the user, the assets updating live and a copilot box, backed by
 * the {@code /api/*} endpoints. Run it with {@code --spring.profiles.active=simulator} to use an
 * embedded Pieces OS simulator instead of a real Pieces OS.
 *
 * @author Pieces starter team
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Start the sample.
	 * @param args the command line, e.g. {@code --spring.profiles.active=simulator}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
