/** Booking the fund (opening, deposits, interest) and checking its books; the demo data books through it as the bureau would. */
@org.springframework.modulith.NamedInterface("ledger")
package cn.linli.fund.ledger;
