/**
 * Users, roles and scopes; form login and API tokens; passwords; residents' sign-in by phone and
 * their binding to a registered house; the logins a company gives its staff.
 * <p>
 * The root holds only the module's API: {@code IdentityApi} (who may act where, for other
 * modules), {@code UserAdministration} and {@code NewUser} (creating users, used by the demo data),
 * the {@code SmsSender} port and the {@code IdentityChanged} event. Everything else is internal, by
 * capability: {@code domain} (the user account, password rules, what makes a binding valid),
 * {@code security} (the filter chain, form and token logins, the login throttle, resolving a
 * request to an actor), {@code onboarding} (residents: SMS sign-in, privacy notice, binding a
 * house), {@code account} (one's own password), {@code administration} (the operator's and the
 * companies' user management) and {@code web} (the pages).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access", allowedDependencies = { "shared", "region", "registry", "registry :: compound", "registry :: company",
		"registry :: staff", "registry :: house" })
package cn.linli.identity;
