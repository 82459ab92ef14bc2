package com.leadresponse.settings;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a staff member an admin has disabled, on their next request, on any
 * instance: sessions last 12 hours, a disabled account must not.
 */
@Component
class DisabledAccountFilter extends OncePerRequestFilter {

	private final StaffAccounts accounts;

	DisabledAccountFilter(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
				|| path.startsWith("/actuator/") || path.startsWith("/api/webhooks/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof StaffPrincipal staff
				&& !this.accounts.isEnabled(staff.user().id())) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "This staff account is disabled");
			}
			else if ("true".equals(request.getHeader("HX-Request"))) {
				response.setHeader("HX-Redirect", request.getContextPath() + "/login?disabled");
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else {
				response.sendRedirect(request.getContextPath() + "/login?disabled");
			}
			return;
		}
		chain.doFilter(request, response);
	}

}
