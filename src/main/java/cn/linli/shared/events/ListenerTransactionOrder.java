package cn.linli.shared.events;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.annotation.EnableTransactionManagement;

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
}
