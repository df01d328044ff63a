package cn.linli.identity.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;


@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Password logins go through {@link Accounts}, which throttles them per username and address. */
	@Bean
	AuthenticationManager authenticationManager(Accounts accounts, AuthenticationEventPublisher publisher) {
		var manager = new ProviderManager(accounts);
		manager.setAuthenticationEventPublisher(publisher);
		return manager;
	}

	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(org.springframework.context.ApplicationEventPublisher events) {
		return new DefaultAuthenticationEventPublisher(events);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ActorResolver resolver) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new BearerTokenFilter(resolver), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new ActorFilter(resolver), AuthorizationFilter.class)
			// a payment gateway's notification carries the gateway's signature, which its adapter checks, not a user's token
			.authorizeHttpRequests(a -> a.requestMatchers("/api/v1/auth/token", "/api/v1/fees/payment-notifications").permitAll().anyRequest().authenticated())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> cn.linli.shared.web.ProblemResponses.write(res, HttpStatus.UNAUTHORIZED, "unauthorized", "未认证或令牌已失效"))
				.accessDeniedHandler((req, res, ex) -> cn.linli.shared.web.ProblemResponses.write(res, HttpStatus.FORBIDDEN, "forbidden", "无权访问")))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * Operations: the health probes are open (a load balancer asks them); everything else under
	 * {@code /actuator} (info, Prometheus metrics) needs a CITY or ADMIN user — by session or API
	 * token — or the monitoring system's own {@code linli.ops.metrics-token}.
	 */
	@Bean
	@Order(-1)
	SecurityFilterChain operations(HttpSecurity http, ActorResolver resolver,
			@org.springframework.beans.factory.annotation.Value("${linli.ops.metrics-token:}") String metricsToken) throws Exception {
		http.securityMatcher("/actuator/**")
			.csrf(c -> c.disable())
			.addFilterBefore(new BearerTokenFilter(resolver), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new ActorFilter(resolver), AuthorizationFilter.class)
			.addFilterBefore(new cn.linli.shared.ops.ScrapeToken(metricsToken), AuthorizationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.anyRequest().hasAnyRole("CITY", "ADMIN", cn.linli.shared.ops.ScrapeToken.ROLE))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> cn.linli.shared.web.ProblemResponses.write(res, HttpStatus.UNAUTHORIZED, "unauthorized", "未认证或令牌已失效"))
				.accessDeniedHandler((req, res, ex) -> cn.linli.shared.web.ProblemResponses.write(res, HttpStatus.FORBIDDEN, "forbidden", "无权访问")))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * Open311 GeoReport v2: civic apps call it without a session; a POST carries the client's
	 * {@code api_key}, which the appeal module checks, so no CSRF token and no login apply here.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain open311(HttpSecurity http) throws Exception {
		http.securityMatcher("/open311/**")
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http, ActorResolver resolver) throws Exception {
		http.authorizeHttpRequests(a -> a
				.requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/icons/**", "/webjars/**", "/manifest.webmanifest",
						"/sw.js", "/offline.html", "/app/signup/**", "/app/privacy", "/swagger-ui/**", "/swagger-ui.html", "/v3/api-docs/**",
						"/favicon.ico", "/public/**", "/vendor/**")
				.permitAll()
				.requestMatchers("/admin/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			// a multipart form's token comes from its action URL, so that nothing reads an upload before authorization
			.csrf(c -> c.csrfTokenRequestHandler(new cn.linli.shared.web.input.MultipartCsrf()))
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/home", true).failureHandler(new LoginFailureHandler()))
			// residents (/app/**) sign in by phone: a logout or an expired session leads them back there, not to the staff login
			.exceptionHandling(e -> e.authenticationEntryPoint(new cn.linli.identity.web.SignInEntryPoint()))
			.logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(new cn.linli.identity.web.SignOutHandler()))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.addFilterBefore(new ActorFilter(resolver), AuthorizationFilter.class)
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(self), geolocation=(self), microphone=()")));
		return http.build();
	}
}
