package cn.linli.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import cn.linli.LinliTest;
import cn.linli.TestSupport.ListenerProbe;

/**
 * An event listener's publication is completed in the listener's own transaction: what the
 * listener wrote and the completion carry the same transaction id, and a listener that fails
 * leaves neither its write nor a completion — the publication stays to be delivered again, marked
 * failed once the listener's transaction has rolled back (which also shows that marking it does
 * not wait on the rolled-back transaction's lock); and the platform refuses a listener that has no
 * writable transaction of its own for the marks to join.
 */
@LinliTest
class ListenerTransactionTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EventPublicationRegistry registry;

	@BeforeEach
	void table() {
		jdbc.sql("create table if not exists listener_probe (token text primary key)").update();
	}

	@Test
	void theRegistryInPlaceIsOurs() {
		assertThat(AopUtils.getTargetClass(registry).getSimpleName()).isEqualTo("PublicationsInListenerTransaction");
	}

	static class Listeners {

		@ApplicationModuleListener
		void ownTransaction(ListenerProbe p) {
		}

		@TransactionalEventListener
		void publishersTransaction(ListenerProbe p) {
		}

		@ApplicationModuleListener(readOnlyTransaction = true)
		void readOnly(ListenerProbe p) {
		}

		@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
		void beforeCommit(ListenerProbe p) {
		}
	}

	@Test
	void aListenerWithoutAWritableTransactionOfItsOwnIsRefused() {
		assertThat(ListenerTransactionOrder.withoutTransactionOfTheirOwn(Listeners.class)).containsExactlyInAnyOrder(
				Listeners.class.getName() + ".publishersTransaction", Listeners.class.getName() + ".readOnly");
	}

	@Test
	void aListenersWriteAndItsCompletionCommitTogether() {
		String token = publish(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> completed(token));
		long written = jdbc.sql("select xmin::text::bigint from listener_probe where token = :t").param("t", token).query(Long.class).single();
		long completion = jdbc.sql("select xmin::text::bigint from event_publication where serialized_event like :t")
			.param("t", "%" + token + "%").query(Long.class).single();
		assertThat(completion).isEqualTo(written);
		assertThat(status(token)).isEqualTo("COMPLETED");
	}

	@Test
	void aFailingListenerLeavesNoWriteAndItsPublicationIncompleteAndFailed() {
		String token = publish(true);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(status(token)));
			assertThat(completed(token)).isFalse();
			assertThat(jdbc.sql("select count(*) from listener_probe where token = :t").param("t", token).query(Long.class).single()).isZero();
		}
		finally {
			// other tests wait until every publication is complete; a lock still held (the hang this guards against) fails here instead of hanging
			tx.executeWithoutResult(s -> {
				jdbc.sql("set local lock_timeout = '5s'").update();
				jdbc.sql("delete from event_publication where serialized_event like :t").param("t", "%" + token + "%").update();
			});
		}
	}

	private String publish(boolean fail) {
		String token = "probe-" + UUID.randomUUID();
		tx.executeWithoutResult(s -> events.publishEvent(new ListenerProbe(token, fail)));
		return token;
	}

	private boolean completed(String token) {
		return jdbc.sql("select count(*) from event_publication where serialized_event like :t and completion_date is not null")
			.param("t", "%" + token + "%").query(Long.class).single() == 1;
	}

	private String status(String token) {
		return jdbc.sql("select status from event_publication where serialized_event like :t").param("t", "%" + token + "%").query(String.class)
			.optional().orElse(null);
	}
}
