package app.pieces.client;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A Pieces OS version as reported by {@code GET /.well-known/version}: {@code major.minor.patch} with an optional
 * qualifier ({@code 12.3.2-staging}), or the literal {@code debug} of a development build.
 * <p>
 * Ordering compares major, minor and patch numerically and ignores the qualifier, so a {@code -staging} build
 * counts as its release ({@code compareTo} is therefore inconsistent with {@code equals}, which compares the
 * text too). {@code debug} sorts above every numbered version.
 *
 * @param major the major version ({@code 0} for debug)
 * @param minor the minor version
 * @param patch the patch version
 * @param qualifier the qualifier after {@code -} or {@code .}, e.g. {@code staging}; {@code null} if none
 * @param text the version text as reported (trimmed)
 */
public record PiecesVersion(int major, int minor, int patch, @Nullable String qualifier,
		String text) implements Comparable<PiecesVersion> {

	private static final Pattern PATTERN = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:[-.+](\\S+))?$");

	private static final String DEBUG = "debug";

	private static final Comparator<PiecesVersion> ORDER = Comparator.comparing(PiecesVersion::isDebug)
		.thenComparingInt(PiecesVersion::major)
		.thenComparingInt(PiecesVersion::minor)
		.thenComparingInt(PiecesVersion::patch);

	/**
	 * Parse a version.
	 * @param text the version text, e.g. {@code 12.3.2}, {@code 12.3.2-staging} or {@code debug}
	 * @return the version
	 * @throws IllegalArgumentException if the text is not a version
	 */
	public static PiecesVersion parse(String text) {
		String trimmed = text.trim();
		if (DEBUG.equalsIgnoreCase(trimmed)) {
			return new PiecesVersion(0, 0, 0, null, trimmed);
		}
		Matcher matcher = PATTERN.matcher(trimmed);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a Pieces OS version: '" + trimmed + "'");
		}
		try {
			return new PiecesVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
					Integer.parseInt(matcher.group(3)), matcher.group(4), trimmed);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a Pieces OS version: '" + trimmed + "'", ex);
		}
	}

	/**
	 * Return whether this is a development build ({@code debug}), which every client accepts.
	 * @return {@code true} for {@code debug}
	 */
	public boolean isDebug() {
		return DEBUG.equalsIgnoreCase(this.text);
	}

	/**
	 * Return whether this version lies in {@code [minInclusive, maxExclusive)}; {@code debug} always does.
	 * @param minInclusive the lowest supported version
	 * @param maxExclusive the first unsupported version
	 * @return {@code true} if supported
	 */
	public boolean isWithin(PiecesVersion minInclusive, PiecesVersion maxExclusive) {
		return isDebug() || (compareTo(minInclusive) >= 0 && compareTo(maxExclusive) < 0);
	}

	/**
	 * Parse a version Pieces OS reported and check it against a supported range.
	 * @throws PiecesIncompatibleVersionException if it is outside the range or unreadable; the message says
	 * whether Pieces OS or this client has to be updated
	 */
	static PiecesVersion checkSupported(String text, PiecesVersion min, PiecesVersion max) {
		String range = "[" + min + ", " + max + ") and debug builds";
		PiecesVersion version;
		try {
			version = parse(text);
		}
		catch (IllegalArgumentException ex) {
			String shown = (text.length() > 40) ? text.substring(0, 40) + "..." : text;
			throw new PiecesIncompatibleVersionException("Pieces OS reported version '" + shown
					+ "', which this client cannot read; supported versions are " + range, text,
					PiecesIncompatibleVersionException.Update.UNKNOWN);
		}
		if (version.isWithin(min, max)) {
			return version;
		}
		if (version.compareTo(min) < 0) {
			throw new PiecesIncompatibleVersionException("Pieces OS " + version + " is too old for this client ("
					+ "supported: " + range + "): update Pieces OS", text,
					PiecesIncompatibleVersionException.Update.PIECES_OS);
		}
		throw new PiecesIncompatibleVersionException("Pieces OS " + version + " is newer than this client supports ("
				+ "supported: " + range + "): update the Pieces client (app.pieces:pieces-client)", text,
				PiecesIncompatibleVersionException.Update.CLIENT);
	}

	@Override
	public int compareTo(PiecesVersion other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
