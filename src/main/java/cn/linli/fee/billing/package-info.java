/** Bills per house and month, payments and receipts, the online payment port. */
@org.springframework.modulith.NamedInterface("billing")
package cn.linli.fee.billing;
