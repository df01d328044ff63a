package cn.linli.registry;

import cn.linli.shared.audit.DomainEvent;

/** A registry record was created, changed or removed. */
public record RegistryChanged(String action, String subjectType, String subjectId, String summary) implements DomainEvent {

	public static RegistryChanged of(String type, String verb, Object id, String summary) {
		return new RegistryChanged(type + "." + verb, type, String.valueOf(id), summary);
	}
}
