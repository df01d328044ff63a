package cn.linli.governance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.CompoundDetails;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.OwnerDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.IdNumber;
import cn.linli.shared.security.Role;

/**
 * A small compound in the demo community, registered through the registry's own use cases, whose
 * roll a reader works out by hand (最高法解释第九条):
 *
 * <pre>
 * 1号楼 101  A + B        100.00 m²   ┐ three heads: the owner sets {A,B}, {B,C} and {C} differ,
 * 1号楼 102  B + C         90.00 m²   │ so B's two houses are not merged, nor C's
 * 1号楼 103  C             80.00 m²   ┘
 * 1号楼 104  D             70.00 m²   ┐ one head: the same buyer, areas added (130.00)
 * 2号楼 201  D             60.00 m²   ┘
 * 2号楼 202  (unsold)      50.00 m²   ┐ one head: the developer (105.00)
 * 2号楼 203  E, undelivered 55.00 m²  ┘
 * 2号楼 204  F             65.00 m²
 * 车库  P1   A, parking    12.50 m²     out of the roll; P2 the developer's, out too
 * </pre>
 *
 * So the whole compound's roll is 6 heads and 570.00 m²; 2号楼 alone is 3 heads (D 60.00, the
 * developer 105.00, F 65.00) and 230.00 m²; the garage alone is an empty roll.
 */
final class VotingCompound {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	final long id;
	final long building1;
	final long building2;
	final long garage;
	final Map<String, Long> houses = new HashMap<>();
	final Map<String, Long> owners = new HashMap<>();
	/** Resident accounts (password {@link LinliTest#PASSWORD}) of owners A, B, C, D, E, F, bound through the first house listed above. */
	final Map<String, String> residents = new HashMap<>();
	final String committee;
	final String prefix;

	private VotingCompound(long id, long building1, long building2, long garage, String committee, String prefix) {
		this.id = id;
		this.building1 = building1;
		this.building2 = building2;
		this.garage = garage;
		this.committee = committee;
		this.prefix = prefix;
	}

	/** With {@code households} registered for the compound and a committee in term (3 members up to 100 households, else 5). */
	static VotingCompound create(RegisteringCompounds compounds, RegisteringHouses registry, FilingCommittees committees, UserAdministration users,
			JdbcClient jdbc, int households) {
		var city = Fixtures.weihai();
		int n = SEQUENCE.incrementAndGet();
		String prefix = "vc" + n + "-" + (System.nanoTime() % 100_000);
		String community = jdbc.sql("select region_code from app_user where username = 'community'").query(String.class).single();
		var compound = compounds.register(city, new CompoundDetails("表决测试小区" + prefix, "测试路" + n + "号", community,
				new BigDecimal("37.5"), new BigDecimal("122.1"), households, new Area(0), 2010, false, ServiceMode.PROFESSIONAL));
		var b1 = registry.addBuilding(city, compound.id(), "1号楼", 6);
		var b2 = registry.addBuilding(city, compound.id(), "2号楼", 6);
		var garage = registry.addBuilding(city, compound.id(), "车库", 1);
		var members = households <= 100 ? 3 : 5;
		var list = new java.util.ArrayList<FilingCommittees.MemberInput>();
		for (int i = 0; i < members; i++) {
			list.add(new FilingCommittees.MemberInput("委员" + prefix + "-" + i, i == 0 ? "DIRECTOR" : i == 1 ? "DEPUTY" : "MEMBER"));
		}
		committees.form(city, compound.id(), LocalDate.now().minusYears(1), LocalDate.now().plusYears(2), null, list);
		String committee = "committee-" + prefix;
		users.create(new NewUser(committee, "业委会" + prefix, Role.COMMITTEE, null, null, null, compound.id(), null), LinliTest.PASSWORD);
		var c = new VotingCompound(compound.id(), b1.id(), b2.id(), garage.id(), committee, prefix);

		var people = new HashMap<String, OwnerDetails>();
		for (String who : List.of("A", "B", "C", "D", "E", "F")) {
			people.put(who, new OwnerDetails("业主" + who + prefix, Fixtures.phone(), idNumber()));
		}
		c.house(registry, b1.id(), "101", "100.00", HouseKind.RESIDENTIAL, false, people, "A", "B");
		c.house(registry, b1.id(), "102", "90.00", HouseKind.RESIDENTIAL, false, people, "B", "C");
		c.house(registry, b1.id(), "103", "80.00", HouseKind.RESIDENTIAL, false, people, "C");
		c.house(registry, b1.id(), "104", "70.00", HouseKind.RESIDENTIAL, false, people, "D");
		c.house(registry, b2.id(), "201", "60.00", HouseKind.RESIDENTIAL, false, people, "D");
		c.house(registry, b2.id(), "202", "50.00", HouseKind.RESIDENTIAL, true, people);
		c.house(registry, b2.id(), "203", "55.00", HouseKind.RESIDENTIAL, true, people, "E");
		c.house(registry, b2.id(), "204", "65.00", HouseKind.RESIDENTIAL, false, people, "F");
		c.house(registry, garage.id(), "P1", "12.50", HouseKind.PARKING, false, people, "A");
		c.house(registry, garage.id(), "P2", "12.00", HouseKind.PARKING, true, people);
		var bound = Map.of("A", "101", "B", "101", "C", "103", "D", "104", "E", "203", "F", "204");
		bound.forEach((who, house) -> {
			String username = prefix + "-" + who.toLowerCase();
			users.createBoundResident(username, Fixtures.phone(), "业主" + who, LinliTest.PASSWORD, c.houses.get(house), c.owners.get(who));
			c.residents.put(who, username);
		});
		return c;
	}

	private void house(RegisteringHouses registry, long building, String number, String m2, HouseKind kind, boolean developer,
			Map<String, OwnerDetails> people, String... who) {
		var city = Fixtures.weihai();
		var house = registry.registerHouse(city, building, new HouseDetails("", number, Area.parse(m2),
				kind == HouseKind.PARKING ? AreaSource.SURVEY : AreaSource.REGISTRY, kind, developer, null));
		houses.put(number, house.id());
		for (int i = 0; i < who.length; i++) {
			var view = registry.addOwner(city, house.id(), people.get(who[i]), i == 0);
			String name = people.get(who[i]).name();
			owners.put(who[i], view.owners().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().id());
		}
	}

	/** The voter id of an owner set, as the roll makes it: the sorted owner ids joined by "+". */
	String voter(String... who) {
		return String.join("+", java.util.Arrays.stream(who).map(w -> String.valueOf(owners.get(w))).sorted().toList());
	}

	private static String idNumber() {
		String first17 = "3710021975" + String.format("%07d", 4_000_000 + SEQUENCE.incrementAndGet() * 7 + (int) (System.nanoTime() % 7));
		return first17 + IdNumber.checkCharacter(first17);
	}
}
