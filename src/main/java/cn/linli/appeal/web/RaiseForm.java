package cn.linli.appeal.web;

import java.util.HashMap;
import java.util.Map;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.shared.domain.FieldErrors;

/** The intake form as pages and multipart API calls send it; extra questions arrive as {@code attr_<code>}. */
class RaiseForm {

	String kind;
	String category;
	String urgency;
	String body;
	String place;
	Long houseId;
	Long compoundId;
	String contactPhone;
	String requestKey;
	Map<String, String> attr = new HashMap<>();

	public void setKind(String kind) {
		this.kind = kind;
	}

	public void setCategory(String category) {
		this.category = category;
	}

	public void setUrgency(String urgency) {
		this.urgency = urgency;
	}

	public void setBody(String body) {
		this.body = body;
	}

	/** {@code h:12} for a house, {@code c:3} for a compound's common parts, as the page's one select sends it. */
	public void setPlace(String place) {
		this.place = place;
		if (place != null && place.matches("[hc]:\\d{1,18}")) {
			long id = Long.parseLong(place.substring(2));
			if (place.charAt(0) == 'h') {
				houseId = id;
			}
			else {
				compoundId = id;
			}
		}
	}

	public void setHouseId(Long houseId) {
		this.houseId = houseId;
	}

	public void setCompoundId(Long compoundId) {
		this.compoundId = compoundId;
	}

	public void setContactPhone(String contactPhone) {
		this.contactPhone = contactPhone;
	}

	public void setRequestKey(String requestKey) {
		this.requestKey = requestKey;
	}

	public Map<String, String> getAttr() {
		return attr;
	}

	public String getKind() {
		return kind;
	}

	public String getCategory() {
		return category;
	}

	public String getUrgency() {
		return urgency;
	}

	public String getBody() {
		return body;
	}

	public String getPlace() {
		return place;
	}

	public String getContactPhone() {
		return contactPhone;
	}

	public String getRequestKey() {
		return requestKey;
	}

	/** The appeal the form describes, or every field's complaint at once. */
	NewAppeal toNew() {
		var attributes = new HashMap<String, String>();
		attr.forEach((k, v) -> {
			if (v != null && !v.isBlank()) {
				attributes.put(k, v.strip());
			}
		});
		var errors = new FieldErrors();
		var k = errors.collect(() -> Choices.parse(AppealKind.class, AppealKind::label, kind, "kind", "诉求类型"));
		var u = errors.collect(() -> Choices.parse(Urgency.class, Urgency::label, urgency, "urgency", "紧急程度"));
		var appeal = errors.collect(() -> new NewAppeal(k, category, u, body, houseId, compoundId, contactPhone, attributes, requestKey));
		errors.throwIfAny();
		return appeal;
	}
}
