package cn.linli.shared.audit;

/**
 * A state change. Every one is written to the append-only audit log in the transaction that
 * makes the change, so an acknowledged change always has its audit row.
 */
public interface DomainEvent {

	/** e.g. {@code compound.registered}. */
	String action();

	String subjectType();

	String subjectId();

	/** A short description for the audit log; never personal data such as ID numbers. */
	String summary();
}
