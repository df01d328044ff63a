/** Casting and entering ballots; named so that the demo data can vote as owners do. */
@org.springframework.modulith.NamedInterface("voting")
package cn.linli.governance.voting;
