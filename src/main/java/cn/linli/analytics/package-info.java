/** Home pages and the red-property dashboard: coverage and appeal indicators per region, drillable one level down. */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics and dashboards", allowedDependencies = { "shared", "region", "registry", "registry :: compound", "appeal", "fee" })
package cn.linli.analytics;
