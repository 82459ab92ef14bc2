package com.leadresponse.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what: lead sources post leads with an API key; Twilio and the cron caller
 * prove themselves in their endpoints (signature, bearer secret); the metrics scraper
 * with its bearer token; staff use the JSON API with a session or HTTP Basic, and the
 * pages with a session, CSRF-protected, signing in through the {@link ThrottledSignIn}
 * either way; with a second factor, the pages' sign-in has a second step
 * ({@link SecondStepSignIn}) and HTTP Basic takes an API token instead of the password.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * No tracing observation around every security filter, authentication and
	 * authorization: they cost the webhook path a measurable share of its CPU (the
	 * benchmark's profile) and nobody reads them; request metrics
	 * ({@code http_server_requests}) stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The Prometheus scrape: a bearer token of its own, no session, nothing else (SPEC 3
	 * Operations).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain metrics(HttpSecurity http, MetricsProperties metrics, ProblemAuthenticationEntryPoint problems)
			throws Exception {
		http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().hasRole(MetricsTokenFilter.ROLE))
			.addFilterBefore(new MetricsTokenFilter(metrics), AnonymousAuthenticationFilter.class)
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.exceptionHandling((e) -> e.authenticationEntryPoint(problems.metricsToken())
				.accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain intake(HttpSecurity http, ApiKeyAuthenticator keys, ProblemAuthenticationEntryPoint problems)
			throws Exception {
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/leads"))
			.authorizeHttpRequests((auth) -> auth.anyRequest().hasRole("LEAD_SOURCE"))
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.exceptionHandling((e) -> e
				.authenticationEntryPoint(
						problems.withDetail("A valid API key is required (X-Api-Key or Authorization: Bearer)"))
				.accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

	/**
	 * Callers that prove themselves in their endpoints, never with a staff sign-in:
	 * Twilio's webhooks (the signature, {@code webhook.TwilioWebhookGuard}), the cron
	 * caller (its bearer secret) and the lead sources' connectors (SPEC 9: a key,
	 * Thumbtack's HTTP Basic credentials, Meta's signature), so credentials in their
	 * requests are never taken for a staff account's. Nothing of a browser's is needed
	 * either: no session or its management, security context, saved request, anonymous
	 * user, logout, CSRF token or the servlet API's security wrapper, filters that cost
	 * every webhook CPU for nothing (the benchmark's profile). The security headers stay.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain provenInTheEndpoint(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/webhooks/**", "/api/cron/**", "/api/sources/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.sessionManagement((s) -> s.disable())
			.servletApi((api) -> api.disable())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain api(HttpSecurity http, ThrottledSignIn signIn, ProblemAuthenticationEntryPoint problems)
			throws Exception {
		http.securityMatcher("/api/**", "/v3/api-docs/**")
			// HTTP Basic takes an API token instead of the password once the account
			// has a second factor (SPEC 11).
			.authenticationManager(signIn.api())
			// The OpenAPI document is public: it describes the API (no data, no secrets),
			// and lead sources without staff accounts build their intake against it.
			.authorizeHttpRequests((auth) -> auth.requestMatchers("/v3/api-docs/**")
				.permitAll()
				// Settings decide how every lead is texted: admins only (SPEC 3).
				.requestMatchers("/api/settings/**", "/api/settings", "/api/users/**", "/api/users")
				.hasRole("ADMIN")
				// Importing and exporting every lead at once is the owner's (SPEC 9).
				.requestMatchers("/api/leads/import", "/api/leads/export.csv")
				.hasRole("ADMIN")
				// Who did what: admins only (SPEC 11).
				.requestMatchers("/api/audit-log/**", "/api/audit-log")
				.hasRole("ADMIN")
				// Outbound webhooks hand every lead to another system (SPEC 11); quick
				// replies are read by every staff member and managed by admins.
				.requestMatchers("/api/webhook-endpoints/**", "/api/webhook-endpoints")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/quick-replies/**", "/api/quick-replies")
				.hasAnyRole("ADMIN", "AGENT")
				.requestMatchers("/api/quick-replies/**", "/api/quick-replies")
				.hasRole("ADMIN")
				.anyRequest()
				.hasAnyRole("ADMIN", "AGENT"))
			.httpBasic((basic) -> basic
				.authenticationEntryPoint(problems.withDetail("Staff sign-in required (session or HTTP Basic)")))
			// The JSON API is called with HTTP Basic or a SameSite=Strict session cookie,
			// so no CSRF token is needed.
			.csrf((csrf) -> csrf.disable())
			.exceptionHandling((e) -> e
				.authenticationEntryPoint(problems.withDetail("Staff sign-in required (session or HTTP Basic)"))
				.accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

	/**
	 * The hosted web forms (SPEC 9), public: no sign-in, no session and no CSRF token. A
	 * CSRF token protects what a signed-in person's browser may be tricked into doing;
	 * the form acts for nobody, so a forged post can do no more than a direct one. What
	 * protects it instead is {@code forms.FormGuard}: a signed fill-time token from the
	 * form's own page, a honeypot, a per-address limit, and the Origin of a cross-site
	 * post checked against the allowed origins. Which sites may frame it is the form
	 * page's own {@code frame-ancestors}, set by its controller.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain forms(HttpSecurity http) throws Exception {
		http.securityMatcher("/forms/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers.frameOptions((frame) -> frame.disable()));
		return http.build();
	}

	/**
	 * What the staff pages may load: only this service's own scripts, styles and images,
	 * so text a lead typed can never run as script even if a template forgot to escape
	 * it.
	 */
	static final String PAGE_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			+ "base-uri 'none'; object-src 'none'";

	@Bean
	@Order(5)
	SecurityFilterChain pages(HttpSecurity http, ThrottledSignIn signIn, SecondStepSignIn secondStep) throws Exception {
		http.authenticationManager(signIn)
			.authorizeHttpRequests((auth) -> auth
				// The installed app's service worker, manifest and icons hold no data.
				// The second step of signing in checks its own sign-in
				// (SecondStepSignIn).
				.requestMatchers("/login", SecondStepSignIn.CODE_PAGE, SecondStepSignIn.SETUP_PAGE, "/css/**", "/js/**",
						"/webjars/**", "/favicon.ico", "/favicon.svg", "/error", "/sw.js", "/manifest.webmanifest",
						"/icons/**", "/actuator/health/**", "/actuator/health", "/swagger-ui/**", "/swagger-ui.html",
						"/v3/api-docs.yaml")
				.permitAll()
				// A media link the service signed works without a login (SPEC 10: Twilio
				// fetches staff's photos); MediaController checks the signature.
				.requestMatchers((request) -> request.getRequestURI().startsWith(request.getContextPath() + "/media/")
						&& request.getParameter("signature") != null)
				.permitAll()
				// Settings decide how every lead is texted and who may sign in: admins
				// only (SPEC 1). The dashboard is open to every staff member.
				.requestMatchers("/settings/**")
				.hasRole("ADMIN")
				.anyRequest()
				.hasAnyRole("ADMIN", "AGENT"))
			// A throttled sign-in says so and how long to wait, for an e-mail with or
			// without an account alike.
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", false)
				.failureHandler((request, response, ex) -> response
					.sendRedirect(request.getContextPath() + ((ex instanceof SignInThrottledException throttled)
							? "/login?error=throttled&wait=" + throttled.retryAfterSeconds() : "/login?error")))
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(PAGE_CONTENT_SECURITY_POLICY)))
			.exceptionHandling((e) -> e
				// A sign-in that proved only its password is sent to its second step.
				.accessDeniedHandler(secondStep)
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
				// An htmx poll after the session ended: send the whole page to the
				// login form instead of swapping the login form into a fragment.
				.defaultAuthenticationEntryPointFor((request, response, ex) -> {
					response.setHeader("HX-Redirect", request.getContextPath() + "/login");
					response.setStatus(HttpStatus.UNAUTHORIZED.value());
				}, (request) -> "true".equals(request.getHeader("HX-Request"))));
		return http.build();
	}

}
