package cn.linli.shared.web.input;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.WebUtils;

import cn.linli.shared.domain.DomainException;

/**
 * The fields and file names of a multipart body pass {@link InputText} like any other input. They
 * exist only once the body was parsed, which happens after authorization (see {@link RequestGuard}),
 * so the check runs here, before the handler.
 */
@Configuration(proxyBeanMethods = false)
class MultipartFields implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		var multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		// on the way to the error page the body was refused and is not read
		if (multipart == null || request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		var refused = RequestGuard.check(multipart.getParameterMap());
		if (refused != null) {
			throw DomainException.invalid(refused.errors());
		}
		for (var files : multipart.getMultiFileMap().entrySet()) {
			for (var file : files.getValue()) {
				if (InputText.problem(file.getOriginalFilename(), false).isPresent()) {
					throw DomainException.invalid(files.getKey(), "文件名" + InputText.REFUSED);
				}
			}
		}
		return true;
	}
}
