package app.pieces.model.other;

import java.util.Locale;

/**
 * A record outside the model package with an {@code equals} of its own, for {@code ModelSupportTests}.
 *
 * @param name the name, compared without regard to case
 */
public record CaseInsensitiveName(String name) {

	@Override
	public boolean equals(Object other) {
		return other instanceof CaseInsensitiveName that && this.name.equalsIgnoreCase(that.name);
	}

	@Override
	public int hashCode() {
		return this.name.toLowerCase(Locale.ROOT).hashCode();
	}

}
