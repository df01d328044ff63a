/**
 * Buildings, houses and their owners: the house ledger, with owners' personal data kept hashed or masked.
 * A named interface: other modules that keep or show this register use its use case.
 */
@org.springframework.modulith.NamedInterface("house")
package cn.linli.registry.house;
