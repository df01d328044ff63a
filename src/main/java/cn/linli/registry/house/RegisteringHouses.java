package cn.linli.registry.house;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.RegistryChanged;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.domain.Cells;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.PersonalDataHasher;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.registry.house.HouseView.OwnerView;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.csv.CsvImportRejected.LineError;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.IdNumber;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Buildings, houses and their owners: personal data, so scoped to the people who keep them. */
@Service
@Transactional
public class RegisteringHouses {

	/** The columns of the house file; the template, the export and the import share them. */
	public static final Csv.Columns HOUSE_COLUMNS = Csv.Columns.of(
			"building", "楼栋", "必填；没有的楼栋会新建",
			"unit", "单元", "可空",
			"number", "房号", "必填；同一楼栋、单元、房号的房屋会被更新",
			"exclusiveArea", "专有部分面积（㎡）", "大于0，最多两位小数",
			"areaSource", "面积来源", String.join("、", Arrays.stream(AreaSource.values()).map(AreaSource::label).toList()),
			"kind", "房屋类型", String.join("、", Arrays.stream(HouseKind.values()).map(HouseKind::label).toList()),
			"developerHeld", "开发建设单位持有（是/否）", "未售出或未交付的填 是",
			"certificateNo", "不动产权证号", "可空；业主绑定房屋时核对");

	/** The columns of the owner file to import: the whole ID number, hashed on arrival. */
	public static final Csv.Columns OWNER_COLUMNS = Csv.Columns.of(
			"building", "楼栋", "已登记的楼栋",
			"unit", "单元", "可空",
			"number", "房号", "已登记的房屋",
			"name", "业主姓名", "与身份证一致",
			"phone", "手机号", "可空，11位",
			"idNumber", "身份证号", "18位；只保存加密散列和掩码，不保存原文",
			"representative", "代表业主（是/否）", "共有人中的代表填 是");

	/** What an owner export shows: masked, so it cannot be imported back. */
	static final Csv.Columns OWNER_EXPORT = Csv.Columns.of("building", "楼栋", "", "unit", "单元", "", "number", "房号", "",
			"name", "业主姓名", "", "phone", "手机号（脱敏）", "", "idMasked", "身份证号（脱敏）", "", "representative", "代表业主（是/否）", "");

	private static final String SELECT = """
			select h.*, b.name as building_name, b.compound_id
			from house h join building b on b.id = h.building_id join compound c on c.id = b.compound_id
			""";

	private final RegisteringCompounds compounds;
	private final BuildingRepository buildings;
	private final HouseRepository houses;
	private final OwnerRepository owners;
	private final PersonalDataHasher hasher;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final CompoundScopes scopes;

	RegisteringHouses(RegisteringCompounds compounds, BuildingRepository buildings, HouseRepository houses, OwnerRepository owners,
			PersonalDataHasher hasher, JdbcClient jdbc, ApplicationEventPublisher events, CompoundScopes scopes) {
		this.scopes = scopes;
		this.compounds = compounds;
		this.buildings = buildings;
		this.houses = houses;
		this.owners = owners;
		this.hasher = hasher;
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<BuildingView> buildings(Scope scope, long compoundId) {
		compounds.get(scope, compoundId);
		return jdbc.sql("""
				select b.*, (select count(*) from house h where h.building_id = b.id) as houses
				from building b where b.compound_id = :compound order by length(b.name), b.name""")
			.param("compound", compoundId)
			.query((rs, n) -> new BuildingView(rs.getLong("id"), rs.getLong("compound_id"), rs.getString("name"),
					(Integer) rs.getObject("floors"), rs.getLong("houses"), rs.getInt("version")))
			.list();
	}

	public BuildingView addBuilding(Scope scope, long compoundId, String name, Integer floors) {
		compounds.get(scope, compoundId);
		RegistryPermissions.requireHouseKeeper(scope);
		var building = buildings.save(Building.of(compoundId, name, floors));
		events.publishEvent(RegistryChanged.of("building", "registered", building.id, building.name));
		return buildings(scope, compoundId).stream().filter(b -> b.id() == building.id).findFirst().orElseThrow();
	}

	@Transactional(readOnly = true)
	public PageResponse<HouseView> houses(Scope scope, long compoundId, Long buildingId, PageRequest page) {
		compounds.get(scope, compoundId);
		var scoped = scopes.ofHouses(scope, "h.id", "c.id", "c.community_code");
		var params = new HashMap<String, Object>(scoped.params());
		params.put("compound", compoundId);
		String where = " where b.compound_id = :compound and " + scoped.sql();
		if (buildingId != null) {
			where += " and h.building_id = :building";
			params.put("building", buildingId);
		}
		long total = jdbc.sql("select count(*) from house h join building b on b.id = h.building_id join compound c on c.id = b.compound_id" + where)
			.params(params).query(Long.class).single();
		var rows = jdbc.sql(SELECT + where + " order by length(b.name), b.name, h.unit, length(h.number), h.number limit :size offset :offset")
			.params(params).param("size", page.size()).param("offset", page.offset())
			.query((rs, n) -> row(rs)).list();
		return new PageResponse<>(forViewer(scope, withOwners(rows)), page.page(), page.size(), total);
	}

	@Transactional(readOnly = true)
	public HouseView house(Scope scope, long houseId) {
		var scoped = scopes.ofHouses(scope, "h.id", "c.id", "c.community_code");
		var row = jdbc.sql(SELECT + " where h.id = :id and " + scoped.sql()).params(scoped.params()).param("id", houseId)
			.query((rs, n) -> row(rs)).optional().orElseThrow(() -> DomainException.notFound("房屋"));
		return forViewer(scope, withOwners(List.of(row))).get(0);
	}

	/**
	 * The certificate number is half of what binds a house to a resident's account: only the people
	 * who keep the house ledger see it.
	 */
	private static List<HouseView> forViewer(Scope scope, List<HouseView> houses) {
		boolean keeper = scope.isRegional() || scope.role() == cn.linli.shared.security.Role.COMPANY_ADMIN
				|| scope.role() == cn.linli.shared.security.Role.STAFF;
		if (keeper) {
			return houses;
		}
		return houses.stream().map(h -> new HouseView(h.id(), h.compoundId(), h.buildingId(), h.buildingName(), h.unit(), h.number(),
				h.exclusiveArea(), h.exclusiveAreaCenti(), h.areaSource(), h.kind(), h.developerHeld(), null, h.version(), h.owners())).toList();
	}

	public HouseView registerHouse(Scope scope, long buildingId, HouseDetails details) {
		// a building of a compound out of scope answers exactly like a building that does not exist
		var building = buildings.findById(buildingId).filter(b -> compounds.find(scope, b.compoundId).isPresent())
			.orElseThrow(() -> DomainException.notFound("楼栋"));
		RegistryPermissions.requireHouseKeeper(scope);
		var house = houses.save(House.register(buildingId, details));
		events.publishEvent(RegistryChanged.of("house", "registered", house.id, building.name + "-" + house.number));
		return house(scope, house.id);
	}

	public HouseView reviseHouse(Scope scope, long houseId, HouseDetails details, Integer version) {
		house(scope, houseId);
		RegistryPermissions.requireHouseKeeper(scope);
		var house = houses.findById(houseId).orElseThrow(() -> DomainException.notFound("房屋"));
		house.revise(details, version);
		houses.save(house);
		events.publishEvent(RegistryChanged.of("house", "revised", houseId, house.number));
		return house(scope, houseId);
	}

	public HouseView addOwner(Scope scope, long houseId, OwnerDetails details, boolean representative) {
		house(scope, houseId);
		RegistryPermissions.requireHouseKeeper(scope);
		long ownerId = ownerFor(details);
		var house = houses.findById(houseId).orElseThrow(() -> DomainException.notFound("房屋"));
		house.addOwner(ownerId, representative);
		houses.save(house);
		events.publishEvent(RegistryChanged.of("house", "owner-added", houseId, "owner " + ownerId));
		return house(scope, houseId);
	}

	public HouseView removeOwner(Scope scope, long houseId, long ownerId) {
		house(scope, houseId);
		RegistryPermissions.requireHouseKeeper(scope);
		var house = houses.findById(houseId).orElseThrow(() -> DomainException.notFound("房屋"));
		house.removeOwner(ownerId);
		houses.save(house);
		events.publishEvent(RegistryChanged.of("house", "owner-removed", houseId, "owner " + ownerId));
		return house(scope, houseId);
	}

	/**
	 * The same person (same ID number) is one owner however many houses they hold. A record that
	 * names the person differently is refused without saying what is on file, and an existing
	 * owner's phone is left as it is: other compounds' keepers rely on it.
	 */
	private long ownerFor(OwnerDetails d) {
		var id = IdNumber.of(d.idNumber());
		var existing = owners.findByIdHash(hasher.idHash(id));
		if (existing.isPresent()) {
			if (d.name() == null || !existing.get().name.equals(d.name().trim())) {
				throw DomainException.invalid("name", "业主姓名与身份证号不一致，请核对");
			}
			return existing.get().id;
		}
		var owner = owners.save(Owner.of(d.name(), d.phone() == null ? null : PhoneNumber.of(d.phone()), id, hasher));
		events.publishEvent(RegistryChanged.of("owner", "registered", owner.id, "owner " + owner.id));
		return owner.id;
	}

	// ---- CSV ----

	public void exportHouses(Scope scope, long compoundId, OutputStream out) throws IOException {
		var all = allHouses(scope, compoundId);
		try (var printer = Csv.printer(out, HOUSE_COLUMNS)) {
			for (var h : all) {
				printer.printRecord(h.buildingName(), h.unit(), h.number(), h.exclusiveArea(), h.areaSource().label(), h.kind().label(),
						Cells.yesNo(h.developerHeld()), h.certificateNo());
			}
		}
	}

	public void exportOwners(Scope scope, long compoundId, OutputStream out) throws IOException {
		var all = allHouses(scope, compoundId);
		try (var printer = Csv.printer(out, OWNER_EXPORT)) {
			for (var h : all) {
				for (var o : h.owners()) {
					printer.printRecord(h.buildingName(), h.unit(), h.number(), o.name(), o.phoneMasked(), o.idMasked(),
							Cells.yesNo(o.representative()));
				}
			}
		}
	}

	private List<HouseView> allHouses(Scope scope, long compoundId) {
		var all = new ArrayList<HouseView>();
		int page = 0;
		PageResponse<HouseView> batch;
		do {
			batch = houses(scope, compoundId, null, new PageRequest(page++, 500));
			all.addAll(batch.content());
		}
		while (batch.hasNext());
		return all;
	}

	/** Creates buildings and houses as needed, revises existing houses (same building, unit, number). */
	public RegisteringCompounds.CsvResult importHouses(Scope scope, long compoundId, InputStream in) throws IOException {
		compounds.get(scope, compoundId);
		RegistryPermissions.requireHouseKeeper(scope);
		var rows = Csv.read(in, HOUSE_COLUMNS, (r, line) -> {
			if (r.get(0).isBlank()) {
				throw DomainException.invalid("building", "楼栋必填");
			}
			return new HouseRow(r.get(0).trim(), new HouseDetails(r.get(1), r.get(2), Area.parse(r.get(3)),
					Cells.choice(AreaSource.class, AreaSource::label, r.get(4), "areaSource"), Cells.choice(HouseKind.class, HouseKind::label, r.get(5), "kind"),
					Cells.bool(r.get(6), "developerHeld"), r.get(7)));
		});
		var seen = new HashSet<String>();
		var errors = new ArrayList<LineError>();
		for (int i = 0; i < rows.size(); i++) {
			var r = rows.get(i);
			if (!seen.add(r.building + "/" + r.details.unit() + "/" + r.details.number())) {
				errors.add(new LineError(i + 2, "与前面的行重复（同一楼栋、单元、房号）"));
			}
		}
		Csv.rejectLines(errors);
		Map<String, Long> buildingIds = buildingIds(compoundId);
		int created = 0;
		int updated = 0;
		for (var r : rows) {
			Long buildingId = buildingIds.get(r.building);
			if (buildingId == null) {
				buildingId = buildings.save(Building.of(compoundId, r.building, null)).id;
				buildingIds.put(r.building, buildingId);
			}
			Long houseId = findHouse(buildingId, r.details.unit(), r.details.number());
			if (houseId == null) {
				houses.save(House.register(buildingId, r.details));
				created++;
			}
			else {
				var house = houses.findById(houseId).orElseThrow();
				house.revise(r.details, null);
				houses.save(house);
				updated++;
			}
		}
		events.publishEvent(RegistryChanged.of("house", "imported", compoundId, created + " new, " + updated + " updated"));
		return new RegisteringCompounds.CsvResult(created, updated);
	}

	/** Attaches owners to existing houses (by building, unit, number); the ID number is hashed at once. */
	public RegisteringCompounds.CsvResult importOwners(Scope scope, long compoundId, InputStream in) throws IOException {
		compounds.get(scope, compoundId);
		RegistryPermissions.requireHouseKeeper(scope);
		Map<String, Long> buildingIds = buildingIds(compoundId);
		var rows = Csv.read(in, OWNER_COLUMNS, (r, line) -> {
			Long buildingId = buildingIds.get(r.get(0).trim());
			if (buildingId == null) {
				throw DomainException.invalid("building", "楼栋「" + r.get(0) + "」不存在");
			}
			Long houseId = findHouse(buildingId, r.get(1).trim(), r.get(2).trim());
			if (houseId == null) {
				throw DomainException.invalid("number", "房屋 " + r.get(0) + "-" + r.get(1) + "-" + r.get(2) + " 不存在");
			}
			var details = new OwnerDetails(r.get(3), r.get(4).isBlank() ? null : r.get(4), r.get(5));
			IdNumber.of(details.idNumber());
			if (details.phone() != null) {
				PhoneNumber.of(details.phone());
			}
			return new OwnerRow(houseId, details, Cells.bool(r.get(6), "representative"));
		});
		int added = 0;
		for (var r : rows) {
			long ownerId = ownerFor(r.details);
			var house = houses.findById(r.houseId).orElseThrow();
			house.addOwner(ownerId, r.representative);
			houses.save(house);
			added++;
		}
		events.publishEvent(RegistryChanged.of("owner", "imported", compoundId, added + " ownerships"));
		return new RegisteringCompounds.CsvResult(added, 0);
	}

	private record HouseRow(String building, HouseDetails details) {
	}

	private record OwnerRow(long houseId, OwnerDetails details, boolean representative) {
	}

	private Map<String, Long> buildingIds(long compoundId) {
		var map = new HashMap<String, Long>();
		jdbc.sql("select id, name from building where compound_id = :c").param("c", compoundId)
			.query((rs, n) -> map.put(rs.getString("name"), rs.getLong("id"))).list();
		return map;
	}

	private Long findHouse(long buildingId, String unit, String number) {
		return jdbc.sql("select id from house where building_id = :b and unit = :u and number = :n").param("b", buildingId)
			.param("u", unit).param("n", number).query(Long.class).optional().orElse(null);
	}

	private static HouseView row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new HouseView(rs.getLong("id"), rs.getLong("compound_id"), rs.getLong("building_id"),
				rs.getString("building_name"), rs.getString("unit"), rs.getString("number"),
				new Area(rs.getLong("exclusive_area_centi")).squareMetres(), rs.getLong("exclusive_area_centi"),
				AreaSource.valueOf(rs.getString("area_source")), HouseKind.valueOf(rs.getString("kind")),
				rs.getBoolean("developer_held"), rs.getString("certificate_no"), rs.getInt("version"), List.of());
	}

	private List<HouseView> withOwners(List<HouseView> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		var byHouse = new HashMap<Long, List<OwnerView>>();
		jdbc.sql("""
				select ho.house_id, ho.representative, o.id, o.name, o.phone, o.id_masked
				from house_owner ho join owner o on o.id = ho.owner_id
				where ho.house_id in (:ids) order by ho.representative desc, o.id""")
			.param("ids", rows.stream().map(HouseView::id).toList())
			.query((rs, n) -> byHouse.computeIfAbsent(rs.getLong("house_id"), k -> new ArrayList<>())
				.add(new OwnerView(rs.getLong("id"), rs.getString("name"),
						rs.getString("phone") == null ? null : PhoneNumber.of(rs.getString("phone")).masked(),
						rs.getString("id_masked"), rs.getBoolean("representative"))))
			.list();
		return rows.stream().map(h -> new HouseView(h.id(), h.compoundId(), h.buildingId(), h.buildingName(), h.unit(),
				h.number(), h.exclusiveArea(), h.exclusiveAreaCenti(), h.areaSource(), h.kind(), h.developerHeld(),
				h.certificateNo(), h.version(), byHouse.getOrDefault(h.id(), List.of()))).toList();
	}
}
