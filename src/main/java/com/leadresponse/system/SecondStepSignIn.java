package com.leadresponse.system;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The second step of signing in with a second factor (SPEC 11): sends a sign-in that
 * proved only its password to the code page (or, when an admin requires a second factor
 * it has not set up, to setting one up), and completes it once the code is right, in a
 * new session id, returning to the page first asked for.
 */
@Component
public class SecondStepSignIn implements AccessDeniedHandler {

	/** Where a sign-in that proved its password enters its code. */
	public static final String CODE_PAGE = "/login/code";

	/** Where an account an admin requires a second factor of sets one up. */
	public static final String SETUP_PAGE = "/login/two-factor-setup";

	private final SecondFactor secondFactor;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final RequestCache requests = new HttpSessionRequestCache();

	private final AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();

	SecondStepSignIn(SecondFactor secondFactor) {
		this.secondFactor = secondFactor;
	}

	/** The current sign-in, when it waits for its second step. */
	public Authentication pending() {
		Authentication current = this.contexts.getContext().getAuthentication();
		return SignInFactors.awaitingSecondFactor(current) ? current : null;
	}

	/**
	 * Completes the pending sign-in whose second factor was just proved (a code checked
	 * by the setup that made it); answers where to go next.
	 */
	public String complete(HttpServletRequest request, HttpServletResponse response) {
		Authentication pending = pending();
		if (pending == null) {
			throw new AccessDeniedException("No sign-in waits for its second step");
		}
		return signIn(SignInFactors.withSecondFactor(pending), request, response);
	}

	/**
	 * Makes {@code full} the session's sign-in, in a new session id; answers where to go.
	 */
	String signIn(Authentication full, HttpServletRequest request, HttpServletResponse response) {
		request.changeSessionId();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(full);
		this.contexts.setContext(context);
		this.repository.saveContext(context, request, response);
		SavedRequest saved = this.requests.getRequest(request, response);
		this.requests.removeRequest(request, response);
		return (saved != null) ? saved.getRedirectUrl() : "/";
	}

	/**
	 * A sign-in that waits for its second step may open nothing else: it is sent to its
	 * code (or its setup), the page it asked for kept for after. Other refusals are the
	 * 403 page.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		Authentication pending = pending();
		if (pending == null) {
			this.otherwise.handle(request, response, denied);
			return;
		}
		String next = request.getContextPath()
				+ (this.secondFactor.configured(pending.getName()) ? CODE_PAGE : SETUP_PAGE);
		if ("true".equals(request.getHeader("HX-Request"))) {
			response.setHeader("HX-Redirect", next);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		if ("GET".equals(request.getMethod())) {
			this.requests.saveRequest(request, response);
		}
		response.sendRedirect(next);
	}

}
