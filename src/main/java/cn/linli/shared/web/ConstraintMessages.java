package cn.linli.shared.web;

import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;

/** Turns the names of the database constraints the business relies on into Chinese. */
public final class ConstraintMessages {

	private static final Map<String, String> MESSAGES = Map.ofEntries(
			Map.entry("service_contract_one_in_force", "该小区在此期间已有生效的物业服务合同"),
			Map.entry("property_company_credit_code_key", "该统一社会信用代码已登记"),
			Map.entry("compound_name_community_key", "该社区已有同名小区"),
			Map.entry("house_number_key", "该楼栋已有相同单元和房号"),
			Map.entry("building_name_key", "该小区已有同名楼栋"),
			Map.entry("app_user_username_key", "用户名已存在"),
			Map.entry("owner_id_hash_key", "该身份证号已登记为业主"),
			Map.entry("house_owner_one_representative", "每套房屋只能有一名共有人代表"));

	private ConstraintMessages() {
	}

	public static String explain(DataIntegrityViolationException e) {
		String text = String.valueOf(e.getMostSpecificCause().getMessage());
		return MESSAGES.entrySet().stream().filter(m -> text.contains(m.getKey())).map(Map.Entry::getValue).findFirst()
			.orElse("与已有数据冲突");
	}
}
