package cn.linli.registry.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.PartyOrg;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.committee.CommitteeView;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.company.CompanyDetails;
import cn.linli.registry.company.CompanyView;
import cn.linli.registry.company.RegisteringCompanies;
import cn.linli.registry.compound.CompoundQuery;
import cn.linli.registry.compound.CompoundView;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.ContractView;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.domain.Cells;
import cn.linli.registry.house.BuildingView;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.HouseView;
import cn.linli.registry.house.OwnerDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffDetails;
import cn.linli.registry.staff.StaffView;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** The registries over JSON; every call is filtered by the caller's scope. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "registry", description = "小区、房屋、业主、企业、合同、人员、业委会")
class RegistryRestController {

	private final RegisteringCompounds compounds;
	private final RegisteringHouses houses;
	private final RegisteringCompanies companies;
	private final RecordingContracts contracts;
	private final RegisteringStaff staff;
	private final FilingCommittees committees;

	RegistryRestController(RegisteringCompounds compounds, RegisteringHouses houses, RegisteringCompanies companies,
			RecordingContracts contracts, RegisteringStaff staff, FilingCommittees committees) {
		this.compounds = compounds;
		this.houses = houses;
		this.companies = companies;
		this.contracts = contracts;
		this.staff = staff;
		this.committees = committees;
	}

	// ---- compounds ----

	@GetMapping("/compounds")
	@Operation(summary = "小区列表（分页；region 为任意级别区划代码）")
	PageResponse<CompoundView> compounds(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String region, @RequestParam(required = false) String q,
			@RequestParam(required = false) String serviceMode) {
		var mode = serviceMode == null || serviceMode.isBlank() ? null : Cells.choice(ServiceMode.class, ServiceMode::label, serviceMode, "serviceMode");
		return compounds.search(CurrentActor.scope(), new CompoundQuery(region, q, mode), new PageRequest(page, size));
	}

	@GetMapping("/compounds/{id}")
	CompoundView compound(@PathVariable long id) {
		return compounds.get(CurrentActor.scope(), id);
	}

	@PostMapping("/compounds")
	ResponseEntity<CompoundView> registerCompound(@RequestBody CompoundForm form) {
		var created = compounds.register(CurrentActor.scope(), form.details());
		return ResponseEntity.created(URI.create("/api/v1/compounds/" + created.id())).body(created);
	}

	@PutMapping("/compounds/{id}")
	@Operation(summary = "修改小区（须带 version，乐观锁）")
	CompoundView reviseCompound(@PathVariable long id, @RequestBody CompoundForm form) {
		requireVersion(form.version());
		return compounds.revise(CurrentActor.scope(), id, form.details(), form.version());
	}

	// ---- buildings, houses, owners ----

	@GetMapping("/compounds/{id}/buildings")
	@Operation(summary = "小区的楼栋（分页）")
	PageResponse<BuildingView> buildings(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		var request = new PageRequest(page, size);
		return PageResponse.slice(houses.buildings(CurrentActor.scope(), id), request);
	}

	record BuildingRequest(String name, Integer floors) {
	}

	@PostMapping("/compounds/{id}/buildings")
	ResponseEntity<BuildingView> addBuilding(@PathVariable long id, @RequestBody BuildingRequest request) {
		var b = houses.addBuilding(CurrentActor.scope(), id, request.name(), request.floors());
		return ResponseEntity.created(URI.create("/api/v1/compounds/" + id + "/buildings")).body(b);
	}

	@GetMapping("/compounds/{id}/houses")
	PageResponse<HouseView> houses(@PathVariable long id, @RequestParam(required = false) Long building,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return houses.houses(CurrentActor.scope(), id, building, new PageRequest(page, size));
	}

	record HouseRequest(String unit, String number, String exclusiveArea, String areaSource, String kind,
			Boolean developerHeld, String certificateNo, Integer version) {
		HouseDetails details() {
			if (exclusiveArea == null) {
				throw DomainException.invalid("exclusiveArea", "专有部分面积必填");
			}
			return new HouseDetails(unit, number, Area.parse(exclusiveArea),
					Cells.choice(AreaSource.class, AreaSource::label, areaSource, "areaSource"), Cells.choice(HouseKind.class, HouseKind::label, kind, "kind"),
					Boolean.TRUE.equals(developerHeld), certificateNo);
		}
	}

	@PostMapping("/buildings/{buildingId}/houses")
	ResponseEntity<HouseView> registerHouse(@PathVariable long buildingId, @RequestBody HouseRequest request) {
		var h = houses.registerHouse(CurrentActor.scope(), buildingId, request.details());
		return ResponseEntity.created(URI.create("/api/v1/houses/" + h.id())).body(h);
	}

	@GetMapping("/houses/{id}")
	HouseView house(@PathVariable long id) {
		return houses.house(CurrentActor.scope(), id);
	}

	@PutMapping("/houses/{id}")
	HouseView reviseHouse(@PathVariable long id, @RequestBody HouseRequest request) {
		requireVersion(request.version());
		return houses.reviseHouse(CurrentActor.scope(), id, request.details(), request.version());
	}

	record OwnerRequest(String name, String phone, String idNumber, Boolean representative) {
	}

	@PostMapping("/houses/{id}/owners")
	@Operation(summary = "为房屋添加业主（身份证号只保存其密钥散列与掩码）")
	HouseView addOwner(@PathVariable long id, @RequestBody OwnerRequest request) {
		return houses.addOwner(CurrentActor.scope(), id, new OwnerDetails(request.name(), request.phone(), request.idNumber()),
				Boolean.TRUE.equals(request.representative()));
	}

	// ---- companies ----

	@GetMapping("/companies")
	PageResponse<CompanyView> companies(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String q, @RequestParam(required = false) String partyOrg) {
		return companies.search(CurrentActor.scope(), q,
				partyOrg == null || partyOrg.isBlank() ? null : Cells.choice(PartyOrg.class, PartyOrg::label, partyOrg, "partyOrg"),
				new PageRequest(page, size));
	}

	@GetMapping("/companies/{id}")
	CompanyView company(@PathVariable long id) {
		return companies.get(CurrentActor.scope(), id);
	}

	record CompanyRequest(String name, String creditCode, String partyOrg, String phone, String address, Integer version) {
		CompanyDetails details() {
			return new CompanyDetails(name, CreditCode.of(creditCode), Cells.choice(PartyOrg.class, PartyOrg::label, partyOrg, "partyOrg"),
					phone, address);
		}
	}

	@PostMapping("/companies")
	ResponseEntity<CompanyView> registerCompany(@RequestBody CompanyRequest request) {
		var c = companies.register(CurrentActor.scope(), request.details());
		return ResponseEntity.created(URI.create("/api/v1/companies/" + c.id())).body(c);
	}

	@PutMapping("/companies/{id}")
	CompanyView reviseCompany(@PathVariable long id, @RequestBody CompanyRequest request) {
		requireVersion(request.version());
		return companies.revise(CurrentActor.scope(), id, request.details(), request.version());
	}

	// ---- contracts ----

	@GetMapping("/contracts")
	@Operation(summary = "物业服务合同（分页，新签的在前）")
	PageResponse<ContractView> contracts(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) Long compound, @RequestParam(required = false) Long company) {
		return contracts.page(CurrentActor.scope(), compound, company, new PageRequest(page, size));
	}

	@GetMapping("/contracts/{id}")
	ContractView contract(@PathVariable long id) {
		return contracts.get(CurrentActor.scope(), id);
	}

	record ContractRequest(Long compoundId, String companyCreditCode, LocalDate startsOn, LocalDate endsOn, Long feeFen) {
	}

	@PostMapping("/contracts")
	@Operation(summary = "登记物业服务合同（每个小区同一时间至多一份生效，由数据库约束保证）")
	ResponseEntity<ContractView> signContract(@RequestBody ContractRequest request) {
		if (request.compoundId() == null) {
			throw DomainException.invalid("compoundId", "小区必填");
		}
		var c = contracts.sign(CurrentActor.scope(), request.compoundId(), request.companyCreditCode(), request.startsOn(),
				request.endsOn(), request.feeFen());
		return ResponseEntity.created(URI.create("/api/v1/contracts/" + c.id())).body(c);
	}

	record TerminateRequest(LocalDate lastDay, Integer version) {
	}

	@PostMapping("/contracts/{id}/terminate")
	ContractView terminate(@PathVariable long id, @RequestBody TerminateRequest request) {
		if (request.lastDay() == null) {
			throw DomainException.invalid("lastDay", "终止日期必填");
		}
		return contracts.terminate(CurrentActor.scope(), id, request.lastDay(), request.version());
	}

	// ---- staff ----

	@GetMapping("/staff")
	PageResponse<StaffView> staff(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) Long compound, @RequestParam(required = false) Boolean gridWorker) {
		return staff.search(CurrentActor.scope(), compound, gridWorker, new PageRequest(page, size));
	}

	@GetMapping("/staff/{id}")
	StaffView staffMember(@PathVariable long id) {
		return staff.get(CurrentActor.scope(), id);
	}

	record StaffRequest(Long companyId, String name, String phone, Boolean gridWorker, Boolean partyMember,
			Set<Long> compoundIds, Integer version) {
		StaffDetails details() {
			return new StaffDetails(name, phone == null || phone.isBlank() ? null : PhoneNumber.of(phone),
					Boolean.TRUE.equals(gridWorker), Boolean.TRUE.equals(partyMember), compoundIds);
		}
	}

	@PostMapping("/staff")
	ResponseEntity<StaffView> hire(@RequestBody StaffRequest request) {
		Long companyId = request.companyId() != null ? request.companyId() : CurrentActor.scope().companyId();
		if (companyId == null) {
			throw DomainException.invalid("companyId", "企业必填");
		}
		var s = staff.hire(CurrentActor.scope(), companyId, request.details());
		return ResponseEntity.created(URI.create("/api/v1/staff/" + s.id())).body(s);
	}

	@PutMapping("/staff/{id}")
	StaffView reviseStaff(@PathVariable long id, @RequestBody StaffRequest request) {
		requireVersion(request.version());
		return staff.revise(CurrentActor.scope(), id, request.details(), request.version());
	}

	// ---- committees ----

	@GetMapping("/compounds/{id}/committees")
	@Operation(summary = "小区的业主委员会（历届，分页）")
	PageResponse<CommitteeView> committees(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		var request = new PageRequest(page, size);
		return PageResponse.slice(committees.forCompound(CurrentActor.scope(), id), request);
	}

	record CommitteeRequest(LocalDate formedOn, LocalDate termEndsOn, LocalDate filedOn,
			List<FilingCommittees.MemberInput> members) {
	}

	@PostMapping("/compounds/{id}/committees")
	ResponseEntity<CommitteeView> formCommittee(@PathVariable long id, @RequestBody CommitteeRequest request) {
		var c = committees.form(CurrentActor.scope(), id, request.formedOn(), request.termEndsOn(), request.filedOn(),
				request.members() == null ? List.of() : request.members());
		return ResponseEntity.created(URI.create("/api/v1/compounds/" + id + "/committees")).body(c);
	}

	private static void requireVersion(Integer version) {
		if (version == null) {
			throw DomainException.invalid("version", "修改时须提供 version（乐观锁）");
		}
	}
}
