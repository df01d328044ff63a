package cn.linli.shared.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.bind.MissingServletRequestParameterException;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;

/** Every API error as an RFC 9457 problem detail with a stable {@code code} and a Chinese detail. */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

	@ExceptionHandler(DomainException.class)
	ProblemDetail domain(DomainException e) {
		var problem = problem(e.status(), e.code(), e.getMessage());
		if (!e.fieldErrors().isEmpty()) {
			problem.setProperty("errors", e.fieldErrors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
		}
		if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
			logDenied(e.getMessage());
		}
		return problem;
	}

	@ExceptionHandler(cn.linli.shared.csv.CsvImportRejected.class)
	ProblemDetail csv(cn.linli.shared.csv.CsvImportRejected e) {
		var problem = problem(e.status(), e.code(), e.getMessage());
		problem.setProperty("errors", e.errors().stream().map(err -> Map.of("line", err.line(), "message", err.message())).toList());
		return problem;
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid(MethodArgumentNotValidException e) {
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid", "请求数据有误");
		problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream().map(ApiProblemAdvice::fieldError).toList());
		return problem;
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class, MissingServletRequestPartException.class })
	ProblemDetail unreadable(Exception e) {
		return problem(HttpStatus.BAD_REQUEST, "unreadable", "请求格式错误：" + e.getClass().getSimpleName());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
		return problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "上传文件过大");
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail stale(OptimisticLockingFailureException e) {
		return problem(HttpStatus.CONFLICT, "stale-version", "数据已被他人修改，请刷新后重试");
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException e) {
		log.info("integrity violation: {}", e.getMostSpecificCause().getMessage());
		return problem(HttpStatus.CONFLICT, "conflict", "数据冲突：" + ConstraintMessages.explain(e));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException e) {
		logDenied(e.getMessage());
		return problem(HttpStatus.FORBIDDEN, "forbidden", "无权访问");
	}

	/** The last resort: never a stack trace or an HTML page to an API client. */
	@ExceptionHandler(Exception.class)
	org.springframework.http.ResponseEntity<ProblemDetail> unexpected(Exception e) {
		if (e instanceof org.springframework.web.ErrorResponse spring) {
			// Spring's own refusals (unknown resource, wrong method, unsupported media type, …) keep their status
			var body = spring.getBody();
			body.setProperty("code", "request-refused");
			body.setDetail("请求无法处理：" + HttpStatus.valueOf(spring.getStatusCode().value()).getReasonPhrase());
			return org.springframework.http.ResponseEntity.status(spring.getStatusCode()).headers(spring.getHeaders()).body(body);
		}
		log.error("unexpected API error", e);
		return org.springframework.http.ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "服务器内部错误，请稍后重试；如持续出现请联系平台管理员"));
	}

	static Map<String, String> fieldError(FieldError f) {
		var m = new LinkedHashMap<String, String>();
		m.put("field", f.getField());
		m.put("message", f.getDefaultMessage());
		return m;
	}

	static ProblemDetail problem(HttpStatus status, String code, String detail) {
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
