package cn.linli.shared.domain;

import org.springframework.http.HttpStatus;

/**
 * A refusal the user can act on. The message is Chinese because it is shown as is on pages and
 * in problem details; {@code code} is the stable machine-readable reason.
 */
public class DomainException extends RuntimeException {

	private final HttpStatus status;
	private final String code;
	private final String field;

	public DomainException(HttpStatus status, String code, String message, String field) {
		super(message);
		this.status = status;
		this.code = code;
		this.field = field;
	}

	public static DomainException notFound(String what) {
		return new DomainException(HttpStatus.NOT_FOUND, "not-found", what + "不存在或无权查看", null);
	}

	public static DomainException invalid(String field, String message) {
		return new DomainException(HttpStatus.BAD_REQUEST, "invalid", message, field);
	}

	public static DomainException conflict(String code, String message) {
		return new DomainException(HttpStatus.CONFLICT, code, message, null);
	}

	public static DomainException forbidden(String message) {
		return new DomainException(HttpStatus.FORBIDDEN, "forbidden", message, null);
	}

	public static DomainException staleVersion() {
		return new DomainException(HttpStatus.CONFLICT, "stale-version", "数据已被他人修改，请刷新后重试", null);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public String field() {
		return field;
	}
}
