/** Home pages and the red-property dashboard: coverage indicators per region, drillable one level down. */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics and dashboards", allowedDependencies = { "shared", "region", "registry" })
package cn.linli.analytics;
