package cn.linli.shared.events;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Runs each event listener's transaction around Spring Modulith's completion interceptor (ordered
 * at {@code HIGHEST_PRECEDENCE + 10}), so that {@link PublicationsInListenerTransaction} marks the
 * publication inside it, and puts that registry in place of Modulith's. Proxies stay class-based,
 * as Boot configures them.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement(proxyTargetClass = true, order = Ordered.HIGHEST_PRECEDENCE)
class ListenerTransactionOrder {

	/** The bean name Spring Modulith's {@code EventPublicationConfiguration} gives its registry. */
	static final String REGISTRY = "eventPublicationRegistry";

	@Bean
	static BeanDefinitionRegistryPostProcessor publicationsInListenerTransaction() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				if (!registry.containsBeanDefinition(REGISTRY)) {
					throw new IllegalStateException("Spring Modulith no longer defines '" + REGISTRY
							+ "': see PublicationsInListenerTransaction, which replaces it");
				}
				registry.removeBeanDefinition(REGISTRY);
				var replacement = new RootBeanDefinition(PublicationsInListenerTransaction.class);
				replacement.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
				registry.registerBeanDefinition(REGISTRY, replacement);
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			}
		};
	}

	/**
	 * Refuses to start when an after-commit listener has no writable transaction of its own: the
	 * marks would join a read-only one (and fail), or the publisher's, already committed (and be
	 * lost) — {@code @ApplicationModuleListener} gives each listener a new, writable one.
	 */
	@Bean
	static SmartInitializingSingleton listenersHaveTransactionsOfTheirOwn(ConfigurableListableBeanFactory beans) {
		return () -> {
			var wrong = new ArrayList<String>();
			for (String name : beans.getBeanDefinitionNames()) {
				Class<?> type = beans.getType(name, false);
				if (type != null && type.getName().startsWith("cn.linli.")) {
					wrong.addAll(withoutTransactionOfTheirOwn(ClassUtils.getUserClass(type)));
				}
			}
			if (!wrong.isEmpty()) {
				throw new IllegalStateException("event listeners without a writable transaction of their own (use @ApplicationModuleListener): " + wrong);
			}
		};
	}

	/** The after-commit listener methods of a class whose transaction is not a new, writable one. */
	static List<String> withoutTransactionOfTheirOwn(Class<?> type) {
		var wrong = new ArrayList<String>();
		ReflectionUtils.doWithMethods(type, m -> {
			var listener = AnnotatedElementUtils.findMergedAnnotation(m, TransactionalEventListener.class);
			if (listener == null || listener.phase() != TransactionPhase.AFTER_COMMIT) {
				return;
			}
			var tx = AnnotatedElementUtils.findMergedAnnotation(m, Transactional.class);
			if (tx == null || tx.propagation() != Propagation.REQUIRES_NEW || tx.readOnly()) {
				wrong.add(type.getName() + "." + m.getName());
			}
		});
		return wrong;
	}
}
