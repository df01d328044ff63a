/**
 * Owners' self-governance (业主共同决定, Civil Code Art. 278): convening and reviewing a motion, the
 * roll frozen at publication, ballots online and on paper, the count at the close and the recount
 * of exported files. The count is exact integer arithmetic on 1/100 m², and one implementation
 * serves live votes and recounts. Parts: {@code domain} (the motion, roll, count and their rules),
 * {@code convening}, {@code review}, {@code voting}, {@code counting}, {@code query}, {@code web};
 * the events and {@link cn.linli.governance.GovernanceApi} here are what other modules use.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Owners' self-governance", allowedDependencies = { "shared", "registry", "registry :: compound", "registry :: house", "identity" })
package cn.linli.governance;
