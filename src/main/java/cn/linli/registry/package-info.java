/**
 * The registries of DOMAIN.md §2: compounds, buildings, houses, owners, property companies,
 * service contracts, staff, owners' assemblies and committees — every read filtered by the
 * caller's scope in SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registries", allowedDependencies = { "shared", "region" })
package cn.linli.registry;
