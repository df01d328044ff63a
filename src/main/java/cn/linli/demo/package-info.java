/**
 * Deterministic demo data for Weihai (威海市), loaded once on the first start through the same
 * use cases a user calls: compounds, companies, contracts, staff, houses, owners, committees and
 * one account per role, ninety days of appeals, and the maintenance fund of the compounds with houses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data", allowedDependencies = { "shared", "region", "registry", "registry :: *", "identity", "appeal", "fund :: ledger", "fund :: project", "governance", "governance :: voting", "governance :: ballot", "governance :: counting", "governance :: review", "fee :: board", "fee :: billing", "fee :: income", "notice :: board" })
package cn.linli.demo;
