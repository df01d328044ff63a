package cn.linli.appeal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.compound.CompoundDetails;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.Area;

/**
 * An object mother: a compound registered for one test in the showcase's community, served by the
 * demo company (so the demo {@code company} account handles its appeals) or another, with its own houses and
 * resident accounts — no earlier appeal can be linked to what the test raises there.
 *
 * @param residents usernames (password {@link LinliTest#PASSWORD}), one per house, in house order
 */
public record FreshCompound(long id, String communityCode, int households, long buildingAreaCenti, List<Long> houses, List<String> residents) {

	public static FreshCompound register(JdbcClient jdbc, RegisteringCompounds compounds, RegisteringHouses houseRegistry, RecordingContracts contracts,
			UserAdministration users, String name, int households, String buildingArea, int flats) {
		return register(jdbc, compounds, houseRegistry, contracts, users, name, households, buildingArea, flats, null);
	}

	/** The same, served by the company with the given credit code instead of the demo company ({@code null}). */
	public static FreshCompound register(JdbcClient jdbc, RegisteringCompounds compounds, RegisteringHouses houseRegistry, RecordingContracts contracts,
			UserAdministration users, String name, int households, String buildingArea, int flats, String companyCreditCode) {
		var showcase = jdbc.sql("""
				select c.community_code, pc.credit_code from compound c
				join service_contract sc on sc.compound_id = c.id join property_company pc on pc.id = sc.company_id
				where c.id = (select b.compound_id from house h join building b on b.id = h.building_id
				  join resident_binding rb on rb.house_id = h.id join app_user u on u.id = rb.user_id where u.username = 'resident')""")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).single();
		var city = Fixtures.weihai();
		var compound = compounds.register(city, new CompoundDetails(name, "测试路1号", showcase[0], new BigDecimal("37.5"),
				new BigDecimal("122.1"), households, Area.parse(buildingArea), 2005, false, ServiceMode.PROFESSIONAL));
		var today = LocalDate.now(cn.linli.shared.time.TimeConfiguration.ZONE);
		contracts.sign(city, compound.id(), companyCreditCode == null ? showcase[1] : companyCreditCode, today.minusDays(1), today.plusYears(1), null);
		var building = houseRegistry.addBuilding(city, compound.id(), "1号楼", 6);
		var houseIds = new ArrayList<Long>();
		var usernames = new ArrayList<String>();
		for (int i = 1; i <= flats; i++) {
			var house = houseRegistry.registerHouse(city, building.id(), Fixtures.flat("10" + i, "CERT-" + compound.id() + "-" + i));
			var owned = houseRegistry.addOwner(city, house.id(), Fixtures.owner("住户" + i, Fixtures.idNumber()), true);
			long ownerId = owned.owners().get(0).id();
			String username = "fresh" + compound.id() + "r" + i;
			users.createBoundResident(username, Fixtures.phone(), "住户" + i, LinliTest.PASSWORD, house.id(), ownerId);
			houseIds.add(house.id());
			usernames.add(username);
		}
		return new FreshCompound(compound.id(), showcase[0], households, Area.parse(buildingArea).centi(), houseIds, usernames);
	}

	/** A committee in term for this compound (three members) and a login for it; answers the username. */
	public String committee(cn.linli.registry.committee.FilingCommittees committees, UserAdministration users) {
		var today = LocalDate.now(cn.linli.shared.time.TimeConfiguration.ZONE);
		committees.form(Fixtures.weihai(), id, today.minusYears(1), today.plusYears(2), null,
				List.of(new cn.linli.registry.committee.FilingCommittees.MemberInput("主任" + id, "DIRECTOR"),
						new cn.linli.registry.committee.FilingCommittees.MemberInput("副主任" + id, "DEPUTY"),
						new cn.linli.registry.committee.FilingCommittees.MemberInput("委员" + id, "MEMBER")));
		String username = "committee-of-" + id;
		users.create(new cn.linli.identity.NewUser(username, "业委会主任", cn.linli.shared.security.Role.COMMITTEE, null, null, null, id, null),
				LinliTest.PASSWORD);
		return username;
	}
}
