/**
 * The staff of property companies (项目物业人员) and the compounds each serves.
 * A named interface: other modules that keep or show this register use its use case.
 */
@org.springframework.modulith.NamedInterface("staff")
package cn.linli.registry.staff;
