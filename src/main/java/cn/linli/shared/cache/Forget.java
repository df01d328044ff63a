package cn.linli.shared.cache;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;

/** Emptying a cache of reads when the data behind it changes. */
public final class Forget {

	private Forget() {
	}

	/**
	 * Empties the cache now, and once more when the changing transaction ends: a request between
	 * the two may have read, and kept, the state before the change.
	 */
	public static void nowAndAfterCommit(Cache<?, ?> cache) {
		cache.invalidateAll();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					cache.invalidateAll();
				}
			});
		}
	}
}
