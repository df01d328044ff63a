package cn.linli.shared.security;

import java.io.Serializable;

/** The authenticated caller: who acts, in which role, over which scope. */
public record Actor(long userId, String username, String displayName, Scope scope) implements Serializable {

	public Role role() {
		return scope.role();
	}

	public boolean is(Role... roles) {
		for (Role r : roles) {
			if (r == role()) {
				return true;
			}
		}
		return false;
	}
}
