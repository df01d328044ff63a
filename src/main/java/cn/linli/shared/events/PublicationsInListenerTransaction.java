package cn.linli.shared.events;

import java.time.Clock;

import org.springframework.modulith.events.core.DefaultEventPublicationRegistry;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event publication registry, with a listener's publication marked in progress and completed
 * in the listener's own transaction. Spring Modulith 2.0.3 marks each in a transaction of its own
 * ({@code REQUIRES_NEW}), so that every listener cost three transactions and three WAL flushes —
 * measured as most of what the analytics feed cost intake (README, "Appeal intake"). Here the
 * completion commits together with what the listener wrote, or rolls back with it, which also
 * closes the window in which a listener's work was committed but its publication not yet
 * completed (and was therefore delivered again after a crash: spring-modulith#485, open, asks for
 * exactly this).
 * <p>
 * {@link ListenerTransactionOrder} puts the transaction outside Modulith's completion interceptor
 * and refuses to start when a listener has no writable transaction of its own to join. A failure —
 * of the listener, or of its transaction's commit, after the completion was written in it — is
 * recorded once that transaction has rolled back: it held the publication's row, and a second
 * transaction waiting for the row on the same thread would never end. That second transaction
 * briefly needs a second pooled connection.
 */
class PublicationsInListenerTransaction extends DefaultEventPublicationRegistry {

	private final TransactionTemplate separately;

	PublicationsInListenerTransaction(EventPublicationRepository repository, Clock clock, PlatformTransactionManager transactions) {
		super(repository, clock);
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void markProcessing(Object event, PublicationTargetIdentifier identifier) {
		super.markProcessing(event, identifier);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void markCompleted(Object event, PublicationTargetIdentifier identifier) {
		super.markCompleted(event, identifier);
		// the completion is part of the listener's transaction: if that fails to commit, the publication failed
		afterCompletion(false, () -> separately.executeWithoutResult(status -> super.markFailed(event, identifier)));
	}

	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	public void markFailed(Object event, PublicationTargetIdentifier identifier) {
		Runnable mark = () -> separately.executeWithoutResult(status -> super.markFailed(event, identifier));
		if (!afterCompletion(true, mark)) {
			mark.run();
		}
	}

	/**
	 * Runs {@code then} after the current transaction ends — {@code always}, or only when it did not
	 * commit; false when there is no transaction to wait for.
	 */
	private static boolean afterCompletion(boolean always, Runnable then) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return false;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (always || status != STATUS_COMMITTED) {
					then.run();
				}
			}
		});
		return true;
	}
}
