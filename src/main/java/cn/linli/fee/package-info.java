/**
 * 物业费与公共收益 (DOMAIN.md §6a): each compound's price board (明码标价, posted on its notice board),
 * bills per house and month from it, payments with receipts (cash, transfer, or online through the
 * {@link cn.linli.fee.billing.PaymentGateway} port), the 物业缴费率; and the income from common parts
 * (公共收益) — a ledger of its own, disclosed each quarter for at least 30 days, and the owners'
 * demand for its audit. Parts: {@code board}, {@code billing}, {@code income}, {@code query}, {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Property fees and common income", allowedDependencies = { "shared", "registry", "identity", "governance", "fund" })
package cn.linli.fee;
