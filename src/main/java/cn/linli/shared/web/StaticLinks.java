package cn.linli.shared.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The resource chain is on (webjars are linked without their version), and with it Boot would
 * register a filter that passes every link a page writes to the resource resolvers, to rewrite
 * links to versioned files. The platform versions no files, and every link that is not a file
 * (a dashboard's hundred links to its regions and compounds) was looked for on the class path
 * on every request: half of a city home's time at province scale. Without the filter the
 * resolvers still serve {@code /webjars/…} without a version.
 */
@Configuration(proxyBeanMethods = false)
class StaticLinks {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}
}
