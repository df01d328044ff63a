/**
 * Owners' assemblies and committees (业主大会、业委会): formed, filed and in term.
 * A named interface: other modules that keep or show this register use its use case.
 */
@org.springframework.modulith.NamedInterface("committee")
package cn.linli.registry.committee;
