package app.pieces.sample.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the sample a local tool on a developer's laptop: the API answers only requests addressed to this machine
 * by a loopback name ({@code Host: localhost}, {@code 127.0.0.1}, {@code [::1]}), so a web page that rebinds its
 * own domain name to 127.0.0.1 cannot read the user's snippets; and only requests from the sample's own page, or
 * from tools such as curl that send no browser headers: a request a browser marks as coming from another site
 * ({@code Origin} of another origin, or {@code Sec-Fetch-Site} {@code cross-site}/{@code same-site}) is refused, so an
 * {@code <img>} or a form on another page can neither ask the copilot nor change the library. Refusals are
 * {@code 403} problem details and one DEBUG line. The server itself listens on 127.0.0.1 only
 * ({@code server.address}).
 *
 * @author Pieces starter team
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LocalOnlyFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LocalOnlyFilter.class);

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = refusal(request);
		if (refusal != null) {
			logger.debug("Refused " + request.getMethod() + " " + request.getRequestURI() + ": " + refusal);
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
					+ refusal + "\"}");
			return;
		}
		chain.doFilter(request, response);
	}

	private static @Nullable String refusal(HttpServletRequest request) {
		String host = hostName(request.getHeader("Host"));
		if (host == null || !LOOPBACK_HOSTS.contains(host)) {
			return "the sample answers requests to localhost only";
		}
		if (!request.getRequestURI().startsWith("/api/")) {
			return null;
		}
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
			return "the sample's API answers its own page only";
		}
		String origin = request.getHeader("Origin");
		if (origin != null && !isOwnOrigin(origin, request)) {
			return "the sample's API answers its own page only";
		}
		return null;
	}

	private static boolean isOwnOrigin(String origin, HttpServletRequest request) {
		String own = request.getScheme() + "://" + request.getHeader("Host");
		return origin.equalsIgnoreCase(own);
	}

	/** The host part of a {@code Host} header, lower case, without the port; {@code null} when absent. */
	private static @Nullable String hostName(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String host = header.trim().toLowerCase(Locale.ROOT);
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(0, end + 1) : null;
		}
		int colon = host.indexOf(':');
		return (colon >= 0) ? host.substring(0, colon) : host;
	}

}
