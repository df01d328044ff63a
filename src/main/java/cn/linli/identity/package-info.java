/**
 * Users, roles and scopes; form login and API tokens; passwords; residents' sign-in by phone and
 * their binding to a registered house; the logins a company gives its staff.
 * <p>
 * The root holds the module's API ({@code IdentityApi}, {@code UserAdministration},
 * {@code NewUser}, the {@code SmsSender} port) and, for now, the login and token plumbing; the
 * capabilities live in sub-packages: {@code domain} (password rules), {@code onboarding}
 * (residents), {@code account} (one's own password), {@code administration} (the operator's and
 * the companies' user management) and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access", allowedDependencies = { "shared", "region", "registry", "registry :: compound", "registry :: company",
		"registry :: staff", "registry :: house" })
package cn.linli.identity;
