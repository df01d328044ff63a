/**
 * The national region hierarchy (province → city → area → street → community/village): import of
 * the statistical division files, browsing, and the facade other modules read it through.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Region hierarchy", allowedDependencies = "shared")
package cn.linli.region;
