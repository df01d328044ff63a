/**
 * 你呼我应: residents' and grid workers' appeals, routed to the party responsible, handled against
 * clocks, escalated up the supervision ladder (company → community → street → area bureau → city)
 * when a clock runs out, rated by the resident, linked when repeated, shown in a public column and
 * served to civic apps over Open311 GeoReport v2.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Appeals (你呼我应)", allowedDependencies = { "shared", "registry", "region" })
package cn.linli.appeal;
