/** The community's review and publication of motions; named for the demo data. */
@org.springframework.modulith.NamedInterface("review")
package cn.linli.governance.review;
