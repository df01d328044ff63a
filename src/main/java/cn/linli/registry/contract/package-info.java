/**
 * Service contracts between a compound and a company: which company serves where, and until when.
 * A named interface: other modules that keep or show this register use its use case.
 */
@org.springframework.modulith.NamedInterface("contract")
package cn.linli.registry.contract;
