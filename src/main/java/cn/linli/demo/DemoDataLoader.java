package cn.linli.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.linli.fund.ledger.KeepingTheFund;
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.region.Region;
import cn.linli.region.RegionApi;
import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.PartyOrg;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.committee.FilingCommittees.MemberInput;
import cn.linli.registry.company.CompanyDetails;
import cn.linli.registry.company.RegisteringCompanies;
import cn.linli.registry.compound.CompoundDetails;
import cn.linli.registry.compound.CompoundView;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.OwnerDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffDetails;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.IdNumber;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Loads the Weihai demo once (marked in {@code demo_data}), in one transaction, with a fixed seed:
 * 607 compounds over Weihai's urban communities, 120 companies, contracts, staff, committees,
 * four compounds with every house and owner, and one account per role whose scopes nest.
 */
@Component
@Order(20)
class DemoDataLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	static final String WEIHAI = "3710";
	static final String HUANCUI = "371002";
	static final String WENDENG = "371003";
	static final int COMPOUNDS = 607;
	static final int COMPANIES = 120;
	static final long SEED = 20261128L;

	private final boolean enabled;
	private final String configuredPassword;
	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final RegionApi regions;
	private final RegisteringCompounds compounds;
	private final RegisteringCompanies companies;
	private final RecordingContracts contracts;
	private final RegisteringStaff staff;
	private final RegisteringHouses houses;
	private final FilingCommittees committees;
	private final UserAdministration users;
	private final DemoAppeals appeals;
	private final cn.linli.appeal.AppealsApi appealsApi;
	private final java.time.Clock clock;
	private final String open311Key;
	private final ApplicationContext context;
	private final KeepingTheFund fund;
	private final DemoMoney money;

	DemoDataLoader(@Value("${linli.demo.enabled:true}") boolean enabled, @Value("${linli.demo.password:}") String password,
			JdbcClient jdbc, TransactionTemplate tx, RegionApi regions, RegisteringCompounds compounds, RegisteringCompanies companies,
			RecordingContracts contracts, RegisteringStaff staff, RegisteringHouses houses, FilingCommittees committees,
			UserAdministration users, DemoAppeals appeals, cn.linli.appeal.AppealsApi appealsApi, java.time.Clock clock,
			@Value("${linli.demo.open311-key:}") String open311Key, ApplicationContext context, KeepingTheFund fund, DemoMoney money) {
		this.context = context;
		this.money = money;
		this.fund = fund;
		this.appeals = appeals;
		this.appealsApi = appealsApi;
		this.clock = clock;
		this.open311Key = open311Key;
		this.enabled = enabled;
		this.configuredPassword = password;
		this.jdbc = jdbc;
		this.tx = tx;
		this.regions = regions;
		this.compounds = compounds;
		this.companies = companies;
		this.contracts = contracts;
		this.staff = staff;
		this.houses = houses;
		this.committees = committees;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled || regions.find(WEIHAI).isEmpty()) {
			return;
		}
		if (open311Key != null && !open311Key.isBlank()) {
			appealsApi.ensureDemoOpen311Key(open311Key.strip());
		}
		boolean loaded = jdbc.sql("select exists (select 1 from demo_data where name = 'weihai')").query(Boolean.class).single();
		if (loaded) {
			return;
		}
		// the web server already listens: a load balancer waiting on /actuator/health/readiness sends
		// nobody in until the demo accounts exist; Spring Boot reports ACCEPTING_TRAFFIC once every runner is done
		AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
		long started = System.currentTimeMillis();
		String password = configuredPassword == null || configuredPassword.isBlank() ? randomPassword() : configuredPassword;
		long[] showcase = new long[1];
		tx.executeWithoutResult(status -> {
			// the marker first: a second instance starting at the same time waits here and then finds it
			int claimed = jdbc.sql("insert into demo_data (name) values ('weihai') on conflict do nothing").update();
			if (claimed == 1) {
				showcase[0] = new Generation(password).load();
			}
		});
		if (showcase[0] != 0) {
			// after the commit: each step of the money is its own transaction, and the vote's result reaches the fund as an event
			money.seed(showcase[0], password);
		}
		log.info("Weihai demo data loaded in {} ms", System.currentTimeMillis() - started);
		if (configuredPassword == null || configuredPassword.isBlank()) {
			String banner = "\n==========================================================\n"
					+ " 演示账号 city/district/street/community/company/staff/committee/resident/admin\n"
					+ " 密码（仅显示这一次）: " + password
					+ "\n==========================================================";
			System.out.println(banner);
		}
	}

	private static String randomPassword() {
		var random = new SecureRandom();
		String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		var sb = new StringBuilder();
		for (int i = 0; i < 14; i++) {
			sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return sb.toString();
	}

	/** One run of the generator: all randomness comes from the fixed seed. */
	private final class Generation {

		private final Random random = new Random(SEED);
		private final DemoNames names = new DemoNames(random);
		private final Scope city = Scope.region(Role.CITY, WEIHAI);
		private final String password;
		private final LocalDate today = LocalDate.now(clock.withZone(cn.linli.shared.time.TimeConfiguration.ZONE));
		private int idSequence;

		Generation(String password) {
			this.password = password;
		}

		/** Answers the showcase compound's id. */
		long load() {
			List<Long> companyIds = registerCompanies();
			List<Region> communities = regions.urbanCommunities(WEIHAI);
			List<CompoundView> all = registerCompounds(communities);
			// the showcase: the first professionally served compound of 环翠区; the demo users nest around it
			CompoundView showcase = all.stream().filter(c -> c.communityCode().startsWith(HUANCUI)
					&& c.serviceMode() == ServiceMode.PROFESSIONAL).findFirst().orElseThrow();
			var served = signContracts(all, companyIds, showcase);
			long showcaseCompany = served.get(showcase.id());
			var staffIds = hireStaff(all, served);
			formCommittees(all, showcase);
			var neighbour = all.stream().filter(c -> c.communityCode().equals(showcase.communityCode()) && c.id() != showcase.id())
				.findFirst().orElse(all.stream().filter(c -> c.communityCode().startsWith(showcase.communityCode().substring(0, 9))
						&& c.id() != showcase.id()).findFirst().orElseThrow());
			var otherStreet = all.stream().filter(c -> c.communityCode().startsWith(HUANCUI)
					&& !c.communityCode().startsWith(showcase.communityCode().substring(0, 9))).findFirst().orElseThrow();
			var otherDistrict = all.stream().filter(c -> c.communityCode().startsWith(WENDENG)).findFirst().orElseThrow();
			long[] residentHouse = fillHouses(showcase);
			fillHouses(neighbour);
			fillHouses(otherStreet);
			fillHouses(otherDistrict);
			createUsers(showcase, showcaseCompany, staffIds.get(showcase.id()), residentHouse);
			keepFunds(List.of(showcase, neighbour, otherStreet, otherDistrict));
			long residentUser = jdbc.sql("select id from app_user where username = 'resident'").query(Long.class).single();
			// the escalated examples need a company handling them, so that each climbs the whole ladder from the community up
			String street = showcase.communityCode().substring(0, 9);
			long servedInStreet = servedCompound(all, served, c -> c.communityCode().startsWith(street) && c.id() != showcase.id());
			long servedInDistrict = servedCompound(all, served, c -> c.communityCode().startsWith(HUANCUI) && !c.communityCode().startsWith(street));
			long servedInCity = servedCompound(all, served, c -> c.communityCode().startsWith(WENDENG));
			appeals.seed(WEIHAI, SEED, new DemoAppeals.Places(showcase.id(), servedInStreet, servedInDistrict, servedInCity, residentUser,
					residentHouse[0]), clock.instant());
			return showcase.id();
		}

		/**
		 * The maintenance fund of the compounds with houses: the account, the first deposits at
		 * ¥80 per m² for flats and ¥100 for shops (the developer paying for the units it holds), and
		 * last year's interest at 1.5 % of the balance, shared by balance.
		 */
		private void keepFunds(List<CompoundView> withHouses) {
			long cityUser = jdbc.sql("select id from app_user where username = 'city'").query(Long.class).single();
			var bureau = new Actor(cityUser, "city", "威海市住房和城乡建设局", city);
			int year = today.getYear() - 1;
			for (var c : withHouses) {
				fund.open(bureau, c.id());
				var deposited = fund.deposit(bureau, c.id(), new KeepingTheFund.Deposits(
						java.util.Map.of(HouseKind.RESIDENTIAL, 8_000L, HouseKind.COMMERCIAL, 10_000L), "WHJS-" + year + "-" + c.id() + "-01", "首次交存"));
				fund.allocateInterest(bureau, c.id(), deposited.amountFen() * 15 / 1_000, "WHJS-" + year + "-" + c.id() + "-LX", year + " 年度利息（1.5%）");
			}
		}

		private long servedCompound(List<CompoundView> all, java.util.Map<Long, Long> served, java.util.function.Predicate<CompoundView> where) {
			return all.stream().filter(c -> served.containsKey(c.id())).filter(where).findFirst().orElseThrow().id();
		}

		private List<Long> registerCompanies() {
			var ids = new ArrayList<Long>();
			String[] areas = { "371002", "371003", "371082", "371083", "371071", "371072", "371073" };
			for (int i = 0; i < COMPANIES; i++) {
				int r = random.nextInt(100);
				PartyOrg party = r < 68 ? PartyOrg.INDEPENDENT : r < 85 ? PartyOrg.JOINT : PartyOrg.NONE;
				String first17 = "91" + areas[i % areas.length] + randomOrgCode();
				var code = CreditCode.of(first17 + CreditCode.checkCharacter(first17));
				String phone = "0631" + (5200000 + random.nextInt(799999));
				ids.add(companies.register(city, new CompanyDetails(names.company(i), code, party, phone, "山东省威海市")).id());
			}
			return ids;
		}

		private String randomOrgCode() {
			String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
			var sb = new StringBuilder("MA");
			for (int i = 0; i < 7; i++) {
				sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			return sb.toString();
		}

		private List<CompoundView> registerCompounds(List<Region> communities) {
			// every urban community gets one compound, the rest go to a seeded selection of them
			var slots = new ArrayList<Region>(communities);
			var extra = new ArrayList<Region>(communities);
			Collections.shuffle(extra, random);
			slots.addAll(extra.subList(0, Math.min(extra.size(), COMPOUNDS - communities.size())));
			while (slots.size() < COMPOUNDS) {
				slots.add(communities.get(random.nextInt(communities.size())));
			}
			slots.sort(java.util.Comparator.comparing(Region::code));
			var result = new ArrayList<CompoundView>();
			var used = new HashSet<String>();
			for (int i = 0; i < COMPOUNDS; i++) {
				Region community = slots.get(i);
				String name = names.compound(i);
				for (int k = 2; !used.add(community.code() + name); k++) {
					name = names.compound(i) + k + "期";
				}
				int households = 100 + (int) Math.min(2900, Math.abs(random.nextGaussian()) * 700);
				int year = 1985 + random.nextInt(38);
				int r = random.nextInt(100);
				ServiceMode mode = r < 74 ? ServiceMode.PROFESSIONAL : r < 82 ? ServiceMode.TRUSTEE : r < 89 ? ServiceMode.QUASI
						: r < 94 ? ServiceMode.SELF : ServiceMode.NONE;
				BigDecimal lat = BigDecimal.valueOf(36.9 + random.nextDouble() * 0.6).setScale(6, RoundingMode.HALF_UP);
				BigDecimal lng = BigDecimal.valueOf(121.7 + random.nextDouble() * 0.9).setScale(6, RoundingMode.HALF_UP);
				String street = community.name().replace("社区居民委员会", "").replace("居委会", "").replace("社区", "");
				result.add(compounds.register(city, new CompoundDetails(name, street + "路" + (1 + random.nextInt(300)) + "号",
						community.code(), lat, lng, households, new Area(households * (7000L + random.nextInt(6000)) * 100L / 100),
						year, year < 2000, mode)));
			}
			return result;
		}

		/** Returns compound id → company id for every compound with a contract in force. */
		private java.util.Map<Long, Long> signContracts(List<CompoundView> all, List<Long> companyIds, CompoundView showcase) {
			var served = new java.util.HashMap<Long, Long>();
			var codes = new java.util.HashMap<Long, String>();
			for (long id : companyIds) {
				codes.put(id, companies.get(city, id).creditCode());
			}
			for (CompoundView c : all) {
				if (c.serviceMode() == ServiceMode.SELF || c.serviceMode() == ServiceMode.NONE) {
					continue;
				}
				// companies are regional: most serve a cluster of neighbouring compounds
				long company = companyIds.get((int) ((c.id() / 5 + random.nextInt(2)) % companyIds.size()));
				if (c.id() == showcase.id()) {
					company = companyIds.get(0);
				}
				LocalDate start = today.minusDays(30 + random.nextInt(1500));
				LocalDate end = today.plusDays(60 + random.nextInt(1000));
				if (random.nextInt(10) == 0) {
					// an earlier contract that ran out: history, not coverage
					contracts.sign(city, c.id(), codes.get(companyIds.get(random.nextInt(companyIds.size()))), start.minusYears(3),
							start.minusDays(1), null);
				}
				contracts.sign(city, c.id(), codes.get(company), start, end, (long) (80 + random.nextInt(180)));
				served.put(c.id(), company);
			}
			return served;
		}

		/** Returns compound id → one staff id serving it. */
		private java.util.Map<Long, Long> hireStaff(List<CompoundView> all, java.util.Map<Long, Long> served) {
			var byCompany = new java.util.TreeMap<Long, List<Long>>();
			served.forEach((compound, company) -> byCompany.computeIfAbsent(company, k -> new ArrayList<>()).add(compound));
			var firstStaff = new java.util.HashMap<Long, Long>();
			for (var entry : byCompany.entrySet()) {
				var compoundsOfCompany = entry.getValue();
				Collections.sort(compoundsOfCompany);
				Scope companyScope = new Scope(Role.COMPANY_ADMIN, null, entry.getKey(), null, Set.of(), Set.of());
				for (long compound : compoundsOfCompany) {
					int count = 1 + random.nextInt(3);
					for (int i = 0; i < count; i++) {
						String phone = "139" + String.format("%08d", random.nextInt(100_000_000));
						var s = staff.hire(companyScope, entry.getKey(), new StaffDetails(names.person(), PhoneNumber.of(phone),
								random.nextInt(100) < 35, random.nextInt(100) < 40, Set.of(compound)));
						firstStaff.putIfAbsent(compound, s.id());
					}
				}
			}
			return firstStaff;
		}

		private void formCommittees(List<CompoundView> all, CompoundView showcase) {
			for (CompoundView c : all) {
				if (c.id() != showcase.id() && random.nextInt(100) >= 28) {
					continue;
				}
				LocalDate formed = today.minusDays(random.nextInt(1700));
				int seats = c.households() <= 100 && random.nextBoolean() ? 3 : 5 + 2 * random.nextInt(3);
				var members = new ArrayList<MemberInput>();
				var taken = new HashSet<String>();
				for (int i = 0; members.size() < seats; i++) {
					String name = names.person();
					if (taken.add(name)) {
						members.add(new MemberInput(name, members.isEmpty() ? "DIRECTOR" : members.size() == 1 ? "DEPUTY" : "MEMBER"));
					}
				}
				committees.form(city, c.id(), formed, formed.plusYears(5), random.nextInt(4) == 0 ? null : formed.plusDays(20),
						members);
			}
		}

		/**
		 * Every house of a compound with its owners: co-owners, owners of several houses, parking
		 * spaces, shops, developer-held units (unsold, and sold but undelivered). Returns the
		 * {house, owner} the demo resident is bound to.
		 */
		private long[] fillHouses(CompoundView compound) {
			int buildingsCount = 6;
			var ownersPool = new ArrayList<OwnerDetails>();
			long[] residentHouse = null;
			int houseNo = 0;
			for (int b = 1; b <= buildingsCount; b++) {
				var building = houses.addBuilding(city, compound.id(), b + "号楼", 6);
				for (int unit = 1; unit <= 2; unit++) {
					for (int floor = 1; floor <= 6; floor++) {
						for (int door = 1; door <= 2; door++) {
							houseNo++;
							boolean developer = houseNo % 47 == 0 || houseNo % 61 == 0;
							long area = 6000 + random.nextInt(9000);
							String cert = "鲁(" + (2005 + random.nextInt(18)) + ")威海市不动产权第" + String.format("%07d", 100000 + compound.id() * 1000 + houseNo) + "号";
							var house = houses.registerHouse(city, building.id(), new HouseDetails(unit + "单元", floor + "0" + door,
									new Area(area), AreaSource.REGISTRY, HouseKind.RESIDENTIAL, developer, developer && houseNo % 47 == 0 ? null : cert));
							if (developer && houseNo % 47 == 0) {
								continue; // unsold: held by the developer, no owner yet
							}
							OwnerDetails owner = houseNo % 20 == 0 && !ownersPool.isEmpty() ? ownersPool.get(random.nextInt(ownersPool.size()))
									: newOwner();
							ownersPool.add(owner);
							var view = houses.addOwner(city, house.id(), owner, true);
							if (houseNo % 7 == 0) {
								houses.addOwner(city, house.id(), newOwner(), false);
							}
							if (residentHouse == null && houseNo == 3) {
								residentHouse = new long[] { house.id(), view.owners().get(0).id() };
							}
						}
					}
				}
			}
			var garage = houses.addBuilding(city, compound.id(), "地下车库", 1);
			for (int p = 1; p <= 12; p++) {
				var space = houses.registerHouse(city, garage.id(), new HouseDetails("", "P" + p, new Area(1250 + random.nextInt(300)),
						AreaSource.SURVEY, HouseKind.PARKING, p > 9, null));
				if (p <= 9) {
					houses.addOwner(city, space.id(), ownersPool.get(random.nextInt(ownersPool.size())), true);
				}
			}
			var shops = houses.addBuilding(city, compound.id(), "沿街商铺", 2);
			for (int s = 1; s <= 3; s++) {
				var shop = houses.registerHouse(city, shops.id(), new HouseDetails("", "S" + s, new Area(4500 + random.nextInt(8000)),
						AreaSource.CONTRACT, HouseKind.COMMERCIAL, false, null));
				houses.addOwner(city, shop.id(), newOwner(), true);
			}
			// the registry's household count is what the houses say, now that they are all there
			int residential = buildingsCount * 2 * 6 * 2;
			compounds.revise(city, compound.id(), new CompoundDetails(compound.name(), compound.address(), compound.communityCode(),
					compound.latitude(), compound.longitude(), residential, Area.parse(compound.buildingArea()), compound.yearBuilt(),
					compound.oldCompound(), compound.serviceMode()), null);
			return residentHouse;
		}

		private OwnerDetails newOwner() {
			idSequence++;
			int year = 1950 + random.nextInt(50);
			String first17 = HUANCUI + year + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
					+ String.format("%03d", idSequence % 1000);
			String id = first17 + IdNumber.checkCharacter(first17);
			String phone = "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000));
			return new OwnerDetails(names.person(), phone, id);
		}

		private void createUsers(CompoundView showcase, long companyId, long staffId, long[] residentHouse) {
			String community = showcase.communityCode();
			users.create(new NewUser("city", "威海市住房和城乡建设局", Role.CITY, WEIHAI, null, null, null, null), password);
			users.create(new NewUser("district", "环翠区住房和城乡建设局", Role.DISTRICT, HUANCUI, null, null, null, null), password);
			users.create(new NewUser("street", regions.get(community.substring(0, 9)).name(), Role.STREET, community.substring(0, 9),
					null, null, null, null), password);
			users.create(new NewUser("community", regions.get(community).name(), Role.COMMUNITY, community, null, null, null, null),
					password);
			users.create(new NewUser("company", companies.get(city, companyId).name(), Role.COMPANY_ADMIN, null, companyId, null,
					null, null), password);
			users.create(new NewUser("staff", "项目管家", Role.STAFF, null, null, staffId, null, null), password);
			users.create(new NewUser("committee", showcase.name() + "业委会", Role.COMMITTEE, null, null, null, showcase.id(), null),
					password);
			users.create(new NewUser("admin", "平台管理员", Role.ADMIN, null, null, null, null, null), password);
			users.createBoundResident("resident", "13800138000", "演示业主", password, residentHouse[0], residentHouse[1]);
		}
	}
}
