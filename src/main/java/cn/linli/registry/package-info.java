/**
 * The registries of DOMAIN.md §2: compounds, buildings, houses, owners, property companies,
 * service contracts, staff, owners' assemblies and committees — every read filtered by the
 * caller's scope in SQL.
 *
 * <p>The root is what other modules may ask, split by who asks: {@link cn.linli.registry.RegistryAccess}
 * (identity resolves scopes and checks bindings), {@link cn.linli.registry.OwnerRolls} (governance draws
 * rolls and names candidates), {@link cn.linli.registry.RegistryDirectory} (facts and names for appeals and
 * lists) and {@link cn.linli.registry.RegistryFigures} (coverage and sizes); reads of people's data take the
 * caller's scope. Each register is a sub-package with its use case ({@code compound}, {@code house},
 * {@code company}, {@code contract}, {@code staff}, {@code committee}), exposed as a named interface to the
 * modules that keep or show it; {@code domain} holds the rules they share (scope SQL, permissions, typed
 * cells, the ID-number hasher) and {@code web} the pages and the REST API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registries", allowedDependencies = { "shared", "region" })
package cn.linli.registry;
