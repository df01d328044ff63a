package cn.linli.shared.web.error;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import cn.linli.shared.web.ApiProblemAdvice;
import cn.linli.shared.web.PageErrorAdvice;

/**
 * Failures raised before any controller was chosen — an unknown address, a method no mapping
 * takes, a multipart body that cannot be parsed — answered like the controllers' own: the
 * Chinese error page to a browser, a problem detail to a program.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
@ControllerAdvice
class FallbackErrorAdvice {

	/** Declared as Object: Spring picks the return value handler by the returned value's type. */
	@ExceptionHandler(Exception.class)
	Object failed(Exception e, HttpServletRequest request) {
		if (Browsers.wantsPage(request)) {
			var failure = Failures.of(e);
			ApiProblemAdvice.log(failure, e);
			return PageErrorAdvice.page(failure.status(), failure.detail());
		}
		return ApiProblemAdvice.answer(e);
	}
}
