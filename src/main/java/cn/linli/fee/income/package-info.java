/** The common income (公共收益): its ledger, quarterly disclosure and the owners' audit demand. */
@org.springframework.modulith.NamedInterface("income")
package cn.linli.fee.income;
