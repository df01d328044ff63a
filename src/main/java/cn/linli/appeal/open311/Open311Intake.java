package cn.linli.appeal.open311;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.AppealInsert;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.domain.Placement;
import cn.linli.appeal.intake.RaisingAnAppeal;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.PhoneNumber;

/**
 * {@code POST requests}: turns a GeoReport v2 form into an appeal of the compound the location
 * names. Every refusal is an {@link Open311Exception} with the parameter it is about, because a
 * civic app's developer reads these messages, not a resident.
 * <p>
 * Location, most precise first when several are given: {@code address_id} ({@code house-<id>}
 * or {@code compound-<id>}), then {@code lat}+{@code long} (the nearest compound within
 * {@value #NEAR_METERS} m), then {@code address_string} (the one compound whose name or address
 * occurs in it). {@code description} is required although the spec makes it optional: an appeal
 * without text cannot be handled or rated.
 */
@Service
class Open311Intake {

	static final double NEAR_METERS = 500;
	private static final Pattern ADDRESS_ID = Pattern.compile("(house|compound)-(\\d{1,18})");
	private static final int MAX_ADDRESS = 200;
	private static final int MAX_ATTRIBUTE = 500;

	private final RaisingAnAppeal appeals;
	private final Open311Clients clients;
	private final Open311Queries queries;
	private final RegistryDirectory directory;
	private final AppealInsert inserts;

	Open311Intake(RaisingAnAppeal appeals, Open311Clients clients, Open311Queries queries, RegistryDirectory directory, AppealInsert inserts) {
		this.appeals = appeals;
		this.clients = clients;
		this.queries = queries;
		this.directory = directory;
		this.inserts = inserts;
	}

	/**
	 * @param idempotencyKey the client's {@code Idempotency-Key} header, if any: the same key from
	 *        the same client returns the first request instead of filing a second one
	 */
	Open311Queries.Receipt submit(MultiValueMap<String, String> form, String idempotencyKey) {
		long client = clients.clientOf(form.getFirst("api_key"))
			.orElseThrow(() -> Open311Exception.forbidden("api_key 缺失、无效或已被吊销"));
		String clientKey = idempotencyKey == null || idempotencyKey.isBlank() ? null : "open311:" + idempotencyKey.strip();
		if (clientKey != null && clientKey.length() > 200) {
			throw Open311Exception.badRequest("Idempotency-Key 不能超过 192 个字符");
		}
		if (clientKey != null) {
			var earlier = inserts.byClientKey(null, client, clientKey);
			if (earlier.isPresent()) {
				return queries.receipt(earlier.get());
			}
		}
		String code = blankToNull(form.getFirst("service_code"));
		if (code == null) {
			throw Open311Exception.badRequest("service_code 为必填项");
		}
		var category = queries.category(code).orElseThrow(() -> Open311Exception.badRequest("service_code 未知：" + code));
		var place = locate(form);
		String description = blankToNull(form.getFirst("description"));
		if (description == null) {
			throw Open311Exception.badRequest("description 为必填项：请描述问题，受理单位需要据此办理");
		}
		if (description.codePointCount(0, description.length()) > NewAppeal.MAX_BODY) {
			throw Open311Exception.badRequest("description 不能超过 " + NewAppeal.MAX_BODY + " 字");
		}
		String body = withAddress(description, place.houseId() == null ? blankToNull(form.getFirst("address_string")) : null);
		var attributes = attributes(category, form);
		String phone = blankToNull(form.getFirst("phone"));
		if (phone != null) {
			try {
				phone = PhoneNumber.of(phone).value();
			}
			catch (DomainException e) {
				throw Open311Exception.badRequest("phone 格式错误：应为 11 位中国大陆手机号");
			}
		}
		boolean facility = "FACILITY".equals(category.code());
		var kind = facility ? AppealKind.REPAIR : AppealKind.COMPLAINT;
		// someone shut in a lift is the one case the spec's form can tell us is an emergency
		var urgency = facility && "yes".equals(attributes.get("trapped")) ? Urgency.EMERGENCY : Urgency.NORMAL;
		var appeal = new NewAppeal(kind, category.code(), urgency, body, place.houseId(), place.houseId() == null ? place.compoundId() : null,
				phone, attributes, clientKey);
		long id = appeals.raiseFromOpen311(client, clients.nameOf(client), appeal, place);
		return queries.receipt(id);
	}

	private Placement locate(MultiValueMap<String, String> form) {
		String addressId = blankToNull(form.getFirst("address_id"));
		String lat = blankToNull(form.getFirst("lat"));
		String lon = blankToNull(form.getFirst("long"));
		String address = blankToNull(form.getFirst("address_string"));
		if (addressId != null) {
			return byAddressId(addressId);
		}
		if (lat != null || lon != null) {
			if (lat == null || lon == null) {
				throw Open311Exception.badRequest("lat 与 long 须同时提供");
			}
			double la = coordinate("lat", lat, 90);
			double lo = coordinate("long", lon, 180);
			long compound = directory.compoundNear(la, lo, NEAR_METERS)
				.orElseThrow(() -> Open311Exception.badRequest("lat/long 附近 " + (int) NEAR_METERS + " 米内没有登记的小区"));
			return ofCompound(compound);
		}
		if (address != null) {
			return ofCompound(byAddress(address));
		}
		throw Open311Exception.badRequest("缺少位置：请提供 lat 和 long、address_string 或 address_id 之一");
	}

	private Placement byAddressId(String addressId) {
		var m = ADDRESS_ID.matcher(addressId);
		if (!m.matches()) {
			throw Open311Exception.badRequest("address_id 格式应为 house-<编号> 或 compound-<编号>：" + addressId);
		}
		long id = Long.parseLong(m.group(2));
		if (m.group(1).equals("compound")) {
			var c = directory.compoundFacts(id).orElseThrow(() -> Open311Exception.badRequest("address_id 不存在：" + addressId));
			return new Placement(c.id(), c.communityCode(), null, null, c.companyId());
		}
		var house = directory.houseFacts(id).orElseThrow(() -> Open311Exception.badRequest("address_id 不存在：" + addressId));
		var compound = directory.compoundFacts(house.compoundId()).orElseThrow(() -> Open311Exception.badRequest("address_id 不存在：" + addressId));
		return new Placement(compound.id(), compound.communityCode(), house.buildingId(), house.houseId(), compound.companyId());
	}

	/**
	 * The one compound the address names. When several match because one name contains another
	 * (海景花园 in 海景花园二期3号楼), the longer name is what the address meant.
	 */
	private long byAddress(String address) {
		if (address.length() > MAX_ADDRESS) {
			throw Open311Exception.badRequest("address_string 不能超过 " + MAX_ADDRESS + " 字");
		}
		var ids = directory.compoundsInAddress(address);
		if (ids.isEmpty()) {
			throw Open311Exception.badRequest("address_string 不在任何已登记的小区内：" + address);
		}
		if (ids.size() == 1) {
			return ids.get(0);
		}
		var names = directory.compoundNames(ids);
		var distinct = ids.stream()
			.filter(id -> ids.stream().noneMatch(other -> !other.equals(id) && names.get(other).contains(names.get(id))
					&& names.get(other).length() > names.get(id).length()))
			.toList();
		if (distinct.size() == 1) {
			return distinct.get(0);
		}
		// the caller (a hotline operator) must be able to tell them apart and pick one
		throw Open311Exception.badRequest("address_string 对应多个小区，请改用其中一个的 address_id 或提供 lat/long："
				+ distinct.stream().map(id -> directory.compoundFacts(id).map(c -> c.name() + "（" + c.address() + "，address_id=compound-" + id + "）")
					.orElse("compound-" + id)).collect(Collectors.joining("；")));
	}

	private Placement ofCompound(long compoundId) {
		var c = directory.compoundFacts(compoundId).orElseThrow(() -> Open311Exception.badRequest("小区不存在"));
		return new Placement(c.id(), c.communityCode(), null, null, c.companyId());
	}

	private static double coordinate(String name, String text, double limit) {
		double v;
		try {
			v = Double.parseDouble(text.strip());
		}
		catch (NumberFormatException e) {
			throw Open311Exception.badRequest(name + " 不是数字：" + text);
		}
		if (!Double.isFinite(v) || Math.abs(v) > limit) {
			throw Open311Exception.badRequest(name + " 超出范围：" + text);
		}
		return v;
	}

	/** Without a house the handler would not know which door; the client's address text says it. */
	private static String withAddress(String description, String address) {
		if (address == null) {
			return description;
		}
		String combined = description + "\n（地址：" + address + "）";
		return combined.codePointCount(0, combined.length()) <= NewAppeal.MAX_BODY ? combined : description;
	}

	/** {@code attribute[code]=value}; a multivaluelist as {@code attribute[code][]=a&attribute[code][]=b}. */
	private static Map<String, String> attributes(Open311Queries.Category category, MultiValueMap<String, String> form) {
		var out = new TreeMap<String, String>();
		for (var a : category.attributes()) {
			var given = new ArrayList<String>();
			for (String name : List.of("attribute[" + a.code() + "]", "attribute[" + a.code() + "][]")) {
				var values = form.get(name);
				if (values != null) {
					values.stream().map(Open311Intake::blankToNull).filter(java.util.Objects::nonNull).forEach(given::add);
				}
			}
			String param = "attribute[" + a.code() + "]";
			if (given.isEmpty()) {
				if (a.required()) {
					throw Open311Exception.badRequest(param + " 为必填项：" + a.description());
				}
				continue;
			}
			if (!a.datatype().equals("multivaluelist") && given.size() > 1) {
				throw Open311Exception.badRequest(param + " 只能有一个值");
			}
			String value = String.join(",", given);
			switch (a.datatype()) {
				case "singlevaluelist", "multivaluelist" -> {
					var keys = a.values().stream().map(Open311Queries.Value::key).toList();
					for (String v : given) {
						if (!keys.contains(v)) {
							throw Open311Exception.badRequest(param + " 应为以下之一：" + String.join("、", keys) + "，收到：" + v);
						}
					}
				}
				case "number" -> {
					try {
						new BigDecimal(value);
					}
					catch (NumberFormatException e) {
						throw Open311Exception.badRequest(param + " 应为数字：" + value);
					}
				}
				case "datetime" -> value = Open311Format.w3c(Open311Format.parseW3c(param, value));
				default -> {
					if (value.length() > MAX_ATTRIBUTE) {
						throw Open311Exception.badRequest(param + " 不能超过 " + MAX_ATTRIBUTE + " 字");
					}
				}
			}
			out.put(a.code(), value);
		}
		return out;
	}

	static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
