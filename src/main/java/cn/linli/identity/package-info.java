/**
 * Users, roles and scopes; form login and API tokens; residents' sign-up by phone and their
 * binding to a registered house.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access", allowedDependencies = { "shared", "region", "registry" })
package cn.linli.identity;
