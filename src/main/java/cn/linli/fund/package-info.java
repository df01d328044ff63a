/**
 * 专项维修资金 (DOMAIN.md §6a; 建设部、财政部令第165号): an account per compound with a ledger per
 * house (分户账), every movement an append-only entry, the sum of the house ledgers equal to the
 * account's balance, and every split of money among houses exact to the fen
 * ({@link cn.linli.shared.domain.Shares}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Maintenance fund", allowedDependencies = { "shared", "registry", "registry :: house", "governance" })
package cn.linli.fund;
