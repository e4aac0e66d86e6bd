package app.pieces.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.client.PiecesClient;

/**
 * Adds {@code pieces} to {@code /actuator/info}: the version of this client and of the Pieces OS it talks to (as
 * last read by the health indicator, never read here: the info endpoint does not call Pieces OS).
 *
 * @since 0.1.0
 */
public class PiecesInfoContributor implements InfoContributor {

	private final @Nullable PiecesHealthIndicator healthIndicator;

	/**
	 * Create the contributor.
	 * @param healthIndicator the health indicator that reads the Pieces OS version, or {@code null}
	 */
	public PiecesInfoContributor(@Nullable PiecesHealthIndicator healthIndicator) {
		this.healthIndicator = healthIndicator;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> pieces = new LinkedHashMap<>();
		String clientVersion = PiecesClient.class.getPackage().getImplementationVersion();
		pieces.put("client", (clientVersion != null) ? clientVersion : "development");
		pieces.put("piecesOs", (this.healthIndicator != null) ? this.healthIndicator.getVersion().orElse("unknown")
				: "unknown");
		builder.withDetail("pieces", pieces);
	}

}
