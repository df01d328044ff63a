package cn.linli.appeal.open311;

import org.springframework.http.HttpStatus;

/**
 * A refusal in Open311's own terms: one of the statuses the GeoReport v2 spec names (400, 403,
 * 404) and a description for its error list. Kept apart from {@code DomainException} so that an
 * Open311 client never sees a problem detail.
 */
class Open311Exception extends RuntimeException {

	private final HttpStatus status;

	Open311Exception(HttpStatus status, String description) {
		super(description);
		this.status = status;
	}

	static Open311Exception badRequest(String description) {
		return new Open311Exception(HttpStatus.BAD_REQUEST, description);
	}

	static Open311Exception forbidden(String description) {
		return new Open311Exception(HttpStatus.FORBIDDEN, description);
	}

	static Open311Exception notFound(String description) {
		return new Open311Exception(HttpStatus.NOT_FOUND, description);
	}

	HttpStatus status() {
		return status;
	}
}
