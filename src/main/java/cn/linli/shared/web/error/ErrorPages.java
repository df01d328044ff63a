package cn.linli.shared.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import cn.linli.shared.web.ApiProblemAdvice;
import cn.linli.shared.web.PageErrorAdvice;
import cn.linli.shared.web.ProblemResponses;
import cn.linli.shared.web.error.Failures.Failure;

/**
 * {@code /error}, where the servlet container sends whatever ended in an error status outside
 * Spring MVC's exception handling: a filter's {@code sendError}, Spring Security's refusals, an
 * exception thrown by a filter. Replaces Spring Boot's English whitelabel page and JSON.
 */
@Controller
class ErrorPages implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	Object error(HttpServletRequest request) {
		var failure = failure(request);
		var original = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
		if (!Browsers.programPath(original) && accepts(request)) {
			return PageErrorAdvice.page(failure.status(), failure.detail());
		}
		var problem = ApiProblemAdvice.problem(failure.status(), failure.code(), failure.detail());
		if (!failure.errors().isEmpty()) {
			problem.setProperty("errors", failure.errors().stream().map(f -> java.util.Map.of("field", f.field(), "message", f.message())).toList());
		}
		return ResponseEntity.status(failure.status()).body(problem);
	}

	private static Failure failure(HttpServletRequest request) {
		var exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatusCode status = code instanceof Integer i && i >= 400 ? HttpStatusCode.valueOf(i) : HttpStatus.NOT_FOUND;
		// an exception we know the meaning of decides; otherwise the status the container chose
		Failure known = exception instanceof Throwable t ? Failures.of(t) : null;
		Failure failure = known != null && !known.serverError() ? known : Failures.ofStatus(status);
		if (exception instanceof Throwable t) {
			ApiProblemAdvice.log(failure, t);
		}
		Object message = request.getAttribute(ProblemResponses.MESSAGE_ATTRIBUTE);
		return message instanceof String m ? new Failure(failure.status(), failure.code(), m, failure.errors()) : failure;
	}

	private static boolean accepts(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/html");
	}
}
