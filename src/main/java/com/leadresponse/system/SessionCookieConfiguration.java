package com.leadresponse.system;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The session cookie is {@code Secure} whenever staff reach the service over https
 * ({@code APP_PUBLIC_URL}), so a browser never sends it over plain http, even behind a
 * TLS proxy where the service itself sees http.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

	@Bean
	ServletContextInitializer secureSessionCookie(AppProperties app) {
		return (servletContext) -> {
			if ("https".equalsIgnoreCase(app.publicUrl().getScheme())) {
				servletContext.getSessionCookieConfig().setSecure(true);
			}
		};
	}

}
