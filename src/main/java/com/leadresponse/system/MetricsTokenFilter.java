package com.leadresponse.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the metrics scraper by {@code Authorization: Bearer} against
 * {@code LEAD_RESPONSE_METRICS_TOKEN}, compared in constant time.
 */
class MetricsTokenFilter extends OncePerRequestFilter {

	static final String ROLE = "METRICS";

	private final byte[] token;

	MetricsTokenFilter(MetricsProperties properties) {
		this.token = properties.configured() ? properties.token().getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader("Authorization");
		if (this.token != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& MessageDigest.isEqual(this.token,
						authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
			SecurityContextHolder.getContext()
				.setAuthentication(new UsernamePasswordAuthenticationToken("metrics", null,
						List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
		}
		chain.doFilter(request, response);
	}

}
