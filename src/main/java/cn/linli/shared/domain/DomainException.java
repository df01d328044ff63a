package cn.linli.shared.domain;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A refusal the user can act on. The message is Chinese because it is shown as is on pages and
 * in problem details; {@code code} is the stable machine-readable reason. An invalid form carries
 * every field error at once ({@link #errors()}), so that a person corrects them in one go.
 */
public class DomainException extends RuntimeException {

	/** One field's complaint; {@code field} is the form or JSON field name. */
	public record FieldError(String field, String message) {
	}

	private final HttpStatus status;
	private final String code;
	private final List<FieldError> errors;

	public DomainException(HttpStatus status, String code, String message, String field) {
		this(status, code, message, field == null ? List.of() : List.of(new FieldError(field, message)));
	}

	private DomainException(HttpStatus status, String code, String message, List<FieldError> errors) {
		super(message);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	public static DomainException notFound(String what) {
		return new DomainException(HttpStatus.NOT_FOUND, "not-found", what + "不存在或无权查看", (String) null);
	}

	public static DomainException invalid(String field, String message) {
		return new DomainException(HttpStatus.BAD_REQUEST, "invalid", message, field);
	}

	/** Several field errors at once; the message is the first one's, for places that show a single line. */
	public static DomainException invalid(List<FieldError> errors) {
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("no field errors");
		}
		return new DomainException(HttpStatus.BAD_REQUEST, "invalid", errors.get(0).message(), errors);
	}

	public static DomainException conflict(String code, String message) {
		return new DomainException(HttpStatus.CONFLICT, code, message, (String) null);
	}

	public static DomainException forbidden(String message) {
		return new DomainException(HttpStatus.FORBIDDEN, "forbidden", message, (String) null);
	}

	public static DomainException staleVersion() {
		return new DomainException(HttpStatus.CONFLICT, "stale-version", "数据已被他人修改，请刷新后重试", (String) null);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	/** The first field in error, or null. */
	public String field() {
		return errors.isEmpty() ? null : errors.get(0).field();
	}

	public List<FieldError> fieldErrors() {
		return errors;
	}

	/** Whether the person can correct it on the page they came from (a bad value, a conflict), rather than being refused access. */
	public boolean correctable() {
		return status != HttpStatus.FORBIDDEN && status != HttpStatus.NOT_FOUND && status != HttpStatus.UNAUTHORIZED;
	}
}
