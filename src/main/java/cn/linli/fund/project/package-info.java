/** Using the fund: repair projects, normal (plan, vote, approval) and emergency (joint confirmation, approval on a clock). */
@org.springframework.modulith.NamedInterface("project")
package cn.linli.fund.project;
