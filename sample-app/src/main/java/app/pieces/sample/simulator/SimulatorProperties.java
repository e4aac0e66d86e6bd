package app.pieces.sample.simulator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded Pieces OS simulator ({@code sample.simulator.*}), used only under
 * the {@code simulator} profile.
 *
 * @param port the port the simulator listens on, {@code 0} for a random free port
 * @param assets how many demo assets the simulator is seeded with
 * @param conversations how many demo conversations the simulator is seeded with
 * @param chunkDelay the pause between two copilot frames, so that answers visibly stream in
 * @author Pieces starter team
 */
@ConfigurationProperties("sample.simulator")
public record SimulatorProperties(@DefaultValue("0") int port, @DefaultValue("12") int assets,
		@DefaultValue("3") int conversations, @DefaultValue("40ms") Duration chunkDelay) {

}
