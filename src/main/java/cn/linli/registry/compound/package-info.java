/**
 * Registering compounds: the register of 住宅小区, searched, revised, imported and exported by region.
 * A named interface: other modules that keep or show this register use its use case.
 */
@org.springframework.modulith.NamedInterface("compound")
package cn.linli.registry.compound;
