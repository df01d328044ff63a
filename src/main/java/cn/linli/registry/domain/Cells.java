package cn.linli.registry.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;

import cn.linli.shared.domain.DomainException;

/**
 * Typed values read from what a person typed — a form field, an API string, a CSV cell — with a
 * Chinese message that names the field. One reader for pages, the API and imports, so that a value
 * refused in one is refused with the same words in the others. A choice is taken by its code
 * ({@code RESIDENTIAL}) or by its Chinese label ({@code 住宅}), so that a template filled in Chinese
 * and an export brought back both import.
 */
public final class Cells {

	/** The Chinese name of each field a message may name; the key is the field of the form and the API. */
	static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "名称"), Map.entry("address", "地址"),
			Map.entry("communityCode", "所属社区代码"), Map.entry("latitude", "纬度"), Map.entry("longitude", "经度"),
			Map.entry("households", "户数"), Map.entry("buildingArea", "建筑面积"), Map.entry("yearBuilt", "建成年份"),
			Map.entry("oldCompound", "老旧小区"), Map.entry("serviceMode", "物业服务模式"), Map.entry("floors", "层数"),
			Map.entry("building", "楼栋"), Map.entry("unit", "单元"), Map.entry("number", "房号"),
			Map.entry("exclusiveArea", "专有部分面积"), Map.entry("areaSource", "面积来源"), Map.entry("kind", "房屋类型"),
			Map.entry("developerHeld", "开发建设单位持有"), Map.entry("certificateNo", "不动产权证号"),
			Map.entry("phone", "手机号"), Map.entry("idNumber", "身份证号"), Map.entry("representative", "代表业主"),
			Map.entry("partyOrg", "党组织建立情况"), Map.entry("position", "职务"));

	private Cells() {
	}

	public static String label(String field) {
		return LABELS.getOrDefault(field, field);
	}

	public static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	public static BigDecimal decimal(String s, String field) {
		if (s == null || s.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(s.trim());
		}
		catch (NumberFormatException e) {
			throw DomainException.invalid(field, label(field) + "应为数字：「" + s + "」");
		}
	}

	public static int integer(String s, String field) {
		try {
			return Integer.parseInt(s.trim());
		}
		catch (NumberFormatException | NullPointerException e) {
			throw DomainException.invalid(field, label(field) + "应为整数：「" + s + "」");
		}
	}

	/** 是/否 as people write it; empty is no. */
	public static boolean bool(String s, String field) {
		return switch (s == null ? "" : s.trim().toLowerCase()) {
			case "true", "是", "1", "y", "yes" -> true;
			case "false", "否", "0", "n", "no", "" -> false;
			default -> throw DomainException.invalid(field, label(field) + "应为 是/否：「" + s + "」");
		};
	}

	/** How a yes/no is written for people, and read back by {@link #bool}. */
	public static String yesNo(boolean b) {
		return b ? "是" : "否";
	}

	/** One of an enum's values by its code or its Chinese label; the message lists the labels. */
	public static <E extends Enum<E>> E choice(Class<E> type, Function<E, String> labelOf, String s, String field) {
		String value = s == null ? "" : s.trim();
		for (E e : type.getEnumConstants()) {
			if (e.name().equalsIgnoreCase(value) || labelOf.apply(e).equals(value)) {
				return e;
			}
		}
		var labels = new StringBuilder();
		for (E e : type.getEnumConstants()) {
			labels.append(labels.isEmpty() ? "" : "、").append(labelOf.apply(e));
		}
		throw DomainException.invalid(field, label(field) + "应为 " + labels + " 之一：「" + (s == null ? "" : s) + "」");
	}
}
