/** Closing and counting motions; named so that the demo data can close the vote it holds. */
@org.springframework.modulith.NamedInterface("counting")
package cn.linli.governance.counting;
