package cn.linli.appeal.domain;

import java.util.Map;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.Urgency;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.domain.PhoneNumber;

/**
 * What someone raises: for one house ({@code houseId}) or a compound's common parts
 * ({@code compoundId} without a house). {@code clientKey} makes a repeated submission of the same
 * form return the first appeal.
 */
public record NewAppeal(AppealKind kind, String category, Urgency urgency, String body, Long houseId, Long compoundId,
		String contactPhone, Map<String, String> attributes, String clientKey) {

	public static final int MAX_BODY = 2000;

	public NewAppeal {
		// every field's complaint at once, so that a person on a phone corrects the form in one go
		var errors = new FieldErrors();
		errors.check(kind == null, "kind", "请选择诉求类型");
		errors.check(category == null || category.isBlank(), "category", "请选择诉求分类");
		if (urgency == null) {
			urgency = Urgency.NORMAL;
		}
		body = body == null ? "" : body.strip();
		errors.check(body.isEmpty(), "body", "请描述您的诉求");
		errors.check(body.codePointCount(0, body.length()) > MAX_BODY, "body", "诉求内容不能超过 " + MAX_BODY + " 字");
		errors.check(houseId == null && compoundId == null, "houseId", "请选择房屋或小区公共部位");
		if (contactPhone != null && contactPhone.isBlank()) {
			contactPhone = null;
		}
		if (contactPhone != null) {
			try {
				contactPhone = PhoneNumber.of(contactPhone).value();
			}
			catch (DomainException e) {
				errors.add("contactPhone", e.getMessage());
			}
		}
		var answers = new java.util.HashMap<String, String>();
		if (attributes != null) {
			attributes.forEach((k, v) -> {
				if (k != null && v != null && !v.isBlank()) {
					answers.put(k, v.strip());
				}
			});
		}
		attributes = Map.copyOf(answers);
		if (clientKey != null && (clientKey.isBlank() || clientKey.length() > 200)) {
			clientKey = null;
		}
		errors.throwIfAny();
	}
}
