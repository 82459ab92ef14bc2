package com.leadresponse.system;

import java.io.IOException;
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
 * Authenticates lead sources by {@code X-Api-Key} or {@code Authorization: Bearer} (SPEC
 * 3).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final ApiKeyAuthenticator keys;

	ApiKeyAuthenticationFilter(ApiKeyAuthenticator keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader("X-Api-Key");
		String authorization = request.getHeader("Authorization");
		if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			presented = authorization.substring(7);
		}
		this.keys.authenticate(presented).ifPresent((client) -> {
			var authentication = new UsernamePasswordAuthenticationToken("apikey:" + client, null,
					List.of(new SimpleGrantedAuthority("ROLE_LEAD_SOURCE")));
			SecurityContextHolder.getContext().setAuthentication(authentication);
		});
		chain.doFilter(request, response);
	}

}
