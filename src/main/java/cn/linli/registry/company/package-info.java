/**
 * Property service companies (物业服务企业): their register entry and party organisation.
 * A named interface: other modules that keep or show this register use its use case.
 */
@org.springframework.modulith.NamedInterface("company")
package cn.linli.registry.company;
