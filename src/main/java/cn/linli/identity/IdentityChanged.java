package cn.linli.identity;

import cn.linli.shared.audit.DomainEvent;

/** A user, token or binding changed. Public only because the module's sub-packages publish it. */
public record IdentityChanged(String action, String subjectType, String subjectId, String summary) implements DomainEvent {

	public static IdentityChanged of(String type, String verb, Object id, String summary) {
		return new IdentityChanged(type + "." + verb, type, String.valueOf(id), summary);
	}
}
