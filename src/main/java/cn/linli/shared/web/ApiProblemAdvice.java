package cn.linli.shared.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import cn.linli.shared.csv.CsvImportRejected;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.error.Failures;

/**
 * Every API error as an RFC 9457 problem detail with a stable {@code code} and a Chinese detail
 * (field errors in {@code errors}); the meaning of each failure comes from {@link Failures}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

	@ExceptionHandler(CsvImportRejected.class)
	ProblemDetail csv(CsvImportRejected e) {
		var problem = problem(e.status(), e.code(), e.getMessage());
		problem.setProperty("errors", e.errors().stream().map(err -> Map.of("line", err.line(), "message", err.message())).toList());
		return problem;
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid(MethodArgumentNotValidException e) {
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid", "请求数据有误");
		problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream().map(f -> {
			var m = new LinkedHashMap<String, String>();
			m.put("field", f.getField());
			m.put("message", f.getDefaultMessage());
			return m;
		}).toList());
		return problem;
	}

	/** Everything else: a refusal the caller can act on, or — never with a stack trace — our own failure. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> failed(Exception e) {
		return answer(e);
	}

	public static ResponseEntity<ProblemDetail> answer(Throwable e) {
		var failure = Failures.of(e);
		log(failure, e);
		var problem = problem(failure.status(), failure.code(), failure.detail());
		if (!failure.errors().isEmpty()) {
			problem.setProperty("errors", failure.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
		}
		// Spring's own refusals carry headers the client needs, e.g. Allow on a 405
		HttpHeaders headers = e instanceof ErrorResponse spring ? spring.getHeaders() : HttpHeaders.EMPTY;
		return ResponseEntity.status(failure.status()).headers(headers).body(problem);
	}

	public static void log(Failures.Failure failure, Throwable e) {
		if (failure.serverError()) {
			log.error("unexpected error", e);
		}
		else if (failure.status() == HttpStatus.FORBIDDEN || failure.status() == HttpStatus.NOT_FOUND) {
			logDenied(failure.detail());
		}
	}

	public static ProblemDetail problem(HttpStatus status, String code, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://linli.example/problems/" + code));
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("code", code);
		return problem;
	}

	static void logDenied(String reason) {
		log.warn("access denied for {}: {}", CurrentActor.find().map(a -> a.username()).orElse("anonymous"), reason);
	}
}
