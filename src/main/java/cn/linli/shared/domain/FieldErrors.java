package cn.linli.shared.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field error of a form before refusing it, so that a page shows them all at once
 * instead of one per submission.
 */
public final class FieldErrors {

	private final List<DomainException.FieldError> errors = new ArrayList<>();

	public FieldErrors add(String field, String message) {
		errors.add(new DomainException.FieldError(field, message));
		return this;
	}

	/** Adds the error when {@code failed}. */
	public FieldErrors check(boolean failed, String field, String message) {
		return failed ? add(field, message) : this;
	}

	/** Runs a check that throws {@link DomainException} and keeps its field errors instead. */
	public <T> T collect(java.util.function.Supplier<T> check) {
		try {
			return check.get();
		}
		catch (DomainException e) {
			if (e.fieldErrors().isEmpty()) {
				throw e;
			}
			errors.addAll(e.fieldErrors());
			return null;
		}
	}

	public boolean isEmpty() {
		return errors.isEmpty();
	}

	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
	}
}
