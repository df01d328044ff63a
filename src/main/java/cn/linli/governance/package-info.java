/**
 * Owners' self-governance (业主共同决定, Civil Code Art. 278): the roll, ballots and the count.
 * The count is exact integer arithmetic on 1/100 m², and one implementation serves live votes and
 * recounts of exported files.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Owners' self-governance", allowedDependencies = { "shared", "registry", "identity" })
package cn.linli.governance;
