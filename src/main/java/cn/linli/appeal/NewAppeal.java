package cn.linli.appeal;

import java.util.Map;

import cn.linli.shared.domain.DomainException;
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
		if (kind == null) {
			throw DomainException.invalid("kind", "请选择诉求类型");
		}
		if (category == null || category.isBlank()) {
			throw DomainException.invalid("category", "请选择诉求分类");
		}
		if (urgency == null) {
			urgency = Urgency.NORMAL;
		}
		body = body == null ? "" : body.strip();
		if (body.isEmpty()) {
			throw DomainException.invalid("body", "请描述您的诉求");
		}
		if (body.codePointCount(0, body.length()) > MAX_BODY) {
			throw DomainException.invalid("body", "诉求内容不能超过 " + MAX_BODY + " 字");
		}
		if (houseId == null && compoundId == null) {
			throw DomainException.invalid("houseId", "请选择房屋或小区公共部位");
		}
		if (contactPhone != null && contactPhone.isBlank()) {
			contactPhone = null;
		}
		if (contactPhone != null) {
			contactPhone = PhoneNumber.of(contactPhone).value();
		}
		var given = new java.util.HashMap<String, String>();
		if (attributes != null) {
			attributes.forEach((k, v) -> {
				if (k != null && v != null && !v.isBlank()) {
					given.put(k, v.strip());
				}
			});
		}
		attributes = Map.copyOf(given);
		if (clientKey != null && (clientKey.isBlank() || clientKey.length() > 200)) {
			clientKey = null;
		}
	}
}
