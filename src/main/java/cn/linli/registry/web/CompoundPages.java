package cn.linli.registry.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.CompoundQuery;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.domain.Cells;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.OwnerDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.csv.CsvImportRejected;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.web.PageRequest;

/** Compound pages: list (paged, searchable, by region), view with its houses, contracts and committee, create, edit, CSV. */
@Controller
class CompoundPages {

	private final RegisteringCompounds compounds;
	private final RegisteringHouses houses;
	private final RecordingContracts contracts;
	private final FilingCommittees committees;
	private final Clock clock;

	CompoundPages(RegisteringCompounds compounds, RegisteringHouses houses, RecordingContracts contracts,
			FilingCommittees committees, Clock clock) {
		this.clock = clock;
		this.compounds = compounds;
		this.houses = houses;
		this.contracts = contracts;
		this.committees = committees;
	}

	@GetMapping("/compounds")
	String list(@RequestParam(required = false) String region, @RequestParam(required = false) String q,
			@RequestParam(required = false) String mode, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
		var query = new CompoundQuery(region, q, mode == null || mode.isBlank() ? null : Cells.choice(ServiceMode.class, ServiceMode::label, mode, "serviceMode"));
		model.addAttribute("query", query);
		model.addAttribute("modes", ServiceMode.values());
		model.addAttribute("result", compounds.search(CurrentActor.scope(), query, new PageRequest(Math.max(0, page), 20)));
		return htmx != null ? "registry/compounds :: results" : "registry/compounds";
	}

	@GetMapping("/compounds/{id}")
	String view(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		var scope = CurrentActor.scope();
		var compound = compounds.get(scope, id);
		model.addAttribute("compound", compound);
		model.addAttribute("buildings", houses.buildings(scope, id));
		model.addAttribute("houses", houses.houses(scope, id, null, new PageRequest(Math.max(0, page), 50)));
		model.addAttribute("contracts", contracts.list(scope, id, null));
		model.addAttribute("committees", committees.forCompound(scope, id));
		model.addAttribute("canEdit", scope.coversRegion(compound.communityCode()));
		model.addAttribute("canKeepHouses", scope.isRegional() || actorIs("COMPANY_ADMIN") || actorIs("STAFF"));
		model.addAttribute("houseColumns", RegisteringHouses.HOUSE_COLUMNS.columns());
		model.addAttribute("ownerColumns", RegisteringHouses.OWNER_COLUMNS.columns());
		model.addAttribute("today", TimeConfiguration.today(clock));
		return "registry/compound";
	}

	private static boolean actorIs(String role) {
		return CurrentActor.get().role().name().equals(role);
	}

	@GetMapping("/compounds/new")
	String newForm(@RequestParam(required = false) String community, Model model) {
		model.addAttribute("form", CompoundForm.empty(community));
		model.addAttribute("modes", ServiceMode.values());
		return "registry/compound-form";
	}

	@PostMapping("/compounds")
	String create(@ModelAttribute("form") CompoundForm form, Model model) {
		try {
			var created = compounds.register(CurrentActor.scope(), form.details());
			return "redirect:/compounds/" + created.id();
		}
		catch (DomainException e) {
			return formError(e, model);
		}
	}

	@GetMapping("/compounds/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		var c = compounds.get(CurrentActor.scope(), id);
		model.addAttribute("form", CompoundForm.of(c));
		model.addAttribute("compoundId", id);
		model.addAttribute("modes", ServiceMode.values());
		return "registry/compound-form";
	}

	@PostMapping("/compounds/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") CompoundForm form, Model model) {
		try {
			compounds.revise(CurrentActor.scope(), id, form.details(), form.version());
			return "redirect:/compounds/" + id;
		}
		catch (DomainException e) {
			model.addAttribute("compoundId", id);
			return formError(e, model);
		}
	}

	private static String formError(DomainException e, Model model) {
		if (e.status().is4xxClientError() && e.status().value() != 400) {
			throw e;
		}
		model.addAttribute("error", e.getMessage());
		model.addAttribute("errorField", e.field());
		model.addAttribute("modes", ServiceMode.values());
		return "registry/compound-form";
	}

	@GetMapping("/compounds.csv")
	void export(@RequestParam(required = false) String region, @RequestParam(required = false) String q,
			HttpServletResponse response) throws IOException {
		csvResponse(response, "compounds.csv");
		compounds.exportCsv(CurrentActor.scope(), new CompoundQuery(region, q, null), response.getOutputStream());
	}

	/** Empty files with the Chinese headings, for people to fill in and import. */
	@GetMapping("/compounds/template.csv")
	void compoundTemplate(HttpServletResponse response) throws IOException {
		template(response, "小区导入模板.csv", RegisteringCompounds.COLUMNS);
	}

	@GetMapping("/compounds/houses-template.csv")
	void houseTemplate(HttpServletResponse response) throws IOException {
		template(response, "房屋导入模板.csv", RegisteringHouses.HOUSE_COLUMNS);
	}

	@GetMapping("/compounds/owners-template.csv")
	void ownerTemplate(HttpServletResponse response) throws IOException {
		template(response, "业主导入模板.csv", RegisteringHouses.OWNER_COLUMNS);
	}

	private static void template(HttpServletResponse response, String name, Csv.Columns columns) throws IOException {
		csvResponse(response, name);
		Csv.printer(response.getOutputStream(), columns).close();
	}

	@GetMapping("/compounds/import")
	String importForm(Model model) {
		model.addAttribute("columns", RegisteringCompounds.COLUMNS.columns());
		return "registry/compound-import";
	}

	@PostMapping("/compounds/import")
	String importCsv(@RequestParam("file") MultipartFile file, Model model) throws IOException {
		model.addAttribute("columns", RegisteringCompounds.COLUMNS.columns());
		try {
			var result = compounds.importCsv(CurrentActor.scope(), file.getInputStream());
			model.addAttribute("result", result);
		}
		catch (CsvImportRejected e) {
			model.addAttribute("errors", e.errors());
		}
		return "registry/compound-import";
	}

	// ---- houses, buildings, owners ----

	@PostMapping("/compounds/{id}/buildings")
	String addBuilding(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String floors,
			RedirectAttributes redirect) {
		try {
			houses.addBuilding(CurrentActor.scope(), id, name,
					floors == null || floors.isBlank() ? null : Cells.integer(floors, "floors"));
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/compounds/" + id + "#houses";
	}

	@PostMapping("/compounds/{id}/houses")
	String addHouse(@PathVariable long id, @RequestParam long buildingId, @RequestParam(defaultValue = "") String unit,
			@RequestParam String number, @RequestParam String area, @RequestParam String areaSource,
			@RequestParam String kind, @RequestParam(defaultValue = "false") boolean developerHeld,
			@RequestParam(required = false) String certificateNo, RedirectAttributes redirect) {
		try {
			compounds.get(CurrentActor.scope(), id);
			houses.registerHouse(CurrentActor.scope(), buildingId,
					new HouseDetails(unit, number, Area.parse(area), Cells.choice(AreaSource.class, AreaSource::label, areaSource, "areaSource"),
							Cells.choice(HouseKind.class, HouseKind::label, kind, "kind"), developerHeld, certificateNo));
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/compounds/" + id + "#houses";
	}

	@PostMapping("/compounds/{id}/owners")
	String addOwner(@PathVariable long id, @RequestParam long houseId, @RequestParam String name,
			@RequestParam(required = false) String phone, @RequestParam String idNumber,
			@RequestParam(defaultValue = "false") boolean representative, RedirectAttributes redirect) {
		var house = houses.house(CurrentActor.scope(), houseId);
		try {
			houses.addOwner(CurrentActor.scope(), houseId,
					new OwnerDetails(name, phone == null || phone.isBlank() ? null : phone, idNumber), representative);
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/compounds/" + house.compoundId() + "#houses";
	}

	@GetMapping("/houses/{houseId}/edit")
	String editHouse(@PathVariable long houseId, Model model) {
		RegistryPermissions.requireHouseKeeper(CurrentActor.scope());
		model.addAttribute("house", houses.house(CurrentActor.scope(), houseId));
		return "registry/house-form";
	}

	@PostMapping("/houses/{houseId}")
	String updateHouse(@PathVariable long houseId, @RequestParam(defaultValue = "") String unit, @RequestParam String number,
			@RequestParam String area, @RequestParam String areaSource, @RequestParam String kind,
			@RequestParam(defaultValue = "false") boolean developerHeld, @RequestParam(required = false) String certificateNo,
			@RequestParam Integer version, Model model) {
		var house = houses.house(CurrentActor.scope(), houseId);
		try {
			houses.reviseHouse(CurrentActor.scope(), houseId, new HouseDetails(unit, number, Area.parse(area),
					Cells.choice(AreaSource.class, AreaSource::label, areaSource, "areaSource"), Cells.choice(HouseKind.class, HouseKind::label, kind, "kind"),
					developerHeld, certificateNo), version);
			return "redirect:/compounds/" + house.compoundId() + "#houses";
		}
		catch (DomainException e) {
			if (e.status().value() != 400 && e.status().value() != 409) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
			model.addAttribute("house", house);
			return "registry/house-form";
		}
	}

	@GetMapping("/compounds/{id}/houses.csv")
	void exportHouses(@PathVariable long id, HttpServletResponse response) throws IOException {
		compounds.get(CurrentActor.scope(), id);
		csvResponse(response, "houses-" + id + ".csv");
		houses.exportHouses(CurrentActor.scope(), id, response.getOutputStream());
	}

	@GetMapping("/compounds/{id}/owners.csv")
	void exportOwners(@PathVariable long id, HttpServletResponse response) throws IOException {
		compounds.get(CurrentActor.scope(), id);
		csvResponse(response, "owners-" + id + ".csv");
		houses.exportOwners(CurrentActor.scope(), id, response.getOutputStream());
	}

	@PostMapping("/compounds/{id}/houses/import")
	String importHouses(@PathVariable long id, @RequestParam("file") MultipartFile file,
			@RequestParam(defaultValue = "houses") String kind, RedirectAttributes redirect) throws IOException {
		try {
			var result = "owners".equals(kind) ? houses.importOwners(CurrentActor.scope(), id, file.getInputStream())
					: houses.importHouses(CurrentActor.scope(), id, file.getInputStream());
			redirect.addFlashAttribute("notice", "导入完成：新增 " + result.created() + "，更新 " + result.updated());
		}
		catch (CsvImportRejected e) {
			redirect.addFlashAttribute("error", e.getMessage());
			redirect.addFlashAttribute("lineErrors", e.errors());
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/compounds/" + id + "#houses";
	}

	// ---- contracts and committees ----

	@PostMapping("/compounds/{id}/contracts")
	String signContract(@PathVariable long id, @RequestParam String creditCode, @RequestParam String startsOn,
			@RequestParam String endsOn, RedirectAttributes redirect) {
		try {
			contracts.sign(CurrentActor.scope(), id, creditCode, date(startsOn, "startsOn"), date(endsOn, "endsOn"), null);
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		catch (org.springframework.dao.DataIntegrityViolationException e) {
			redirect.addFlashAttribute("error", cn.linli.shared.web.ConstraintMessages.explain(e));
		}
		return "redirect:/compounds/" + id + "#contracts";
	}

	@PostMapping("/compounds/{id}/committees")
	String formCommittee(@PathVariable long id, @RequestParam String formedOn, @RequestParam String termEndsOn,
			@RequestParam(required = false) String filedOn, @RequestParam String members, RedirectAttributes redirect) {
		try {
			// one member per line: 姓名 or 姓名,DIRECTOR|DEPUTY|MEMBER; the first line is the director by default
			var lines = members.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
			var inputs = new java.util.ArrayList<FilingCommittees.MemberInput>();
			for (int i = 0; i < lines.size(); i++) {
				var parts = lines.get(i).split("[,，\\s]+");
				inputs.add(new FilingCommittees.MemberInput(parts[0],
						parts.length > 1 ? parts[1] : (i == 0 ? "DIRECTOR" : "MEMBER")));
			}
			committees.form(CurrentActor.scope(), id, date(formedOn, "formedOn"), date(termEndsOn, "termEndsOn"),
					filedOn == null || filedOn.isBlank() ? null : date(filedOn, "filedOn"), inputs);
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		catch (org.springframework.dao.DataIntegrityViolationException e) {
			redirect.addFlashAttribute("error", "该小区在此期间已有任期内的业委会");
		}
		return "redirect:/compounds/" + id + "#committee";
	}

	@PostMapping("/compounds/{id}/contracts/{contractId}/terminate")
	String terminate(@PathVariable long id, @PathVariable long contractId, @RequestParam String lastDay,
			@RequestParam Integer version, RedirectAttributes redirect) {
		try {
			contracts.terminate(CurrentActor.scope(), contractId, date(lastDay, "lastDay"), version);
		}
		catch (DomainException e) {
			if (e.status().value() == 404 || e.status().value() == 403) {
				throw e;
			}
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/compounds/" + id + "#contracts";
	}

	@PostMapping("/compounds/{id}/committees/{committeeId}/filing")
	String file(@PathVariable long id, @PathVariable long committeeId, @RequestParam String filedOn, @RequestParam Integer version,
			RedirectAttributes redirect) {
		try {
			committees.file(CurrentActor.scope(), committeeId, date(filedOn, "filedOn"), version);
		}
		catch (DomainException e) {
			if (e.status().value() == 404 || e.status().value() == 403) {
				throw e;
			}
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/compounds/" + id + "#committee";
	}

	static LocalDate date(String s, String field) {
		try {
			return LocalDate.parse(s.trim());
		}
		catch (RuntimeException e) {
			throw DomainException.invalid(field, "日期格式应为 yyyy-MM-dd");
		}
	}

	/** A CSV download; the name may be Chinese (RFC 6266 filename*, with an ASCII fallback). */
	static void csvResponse(HttpServletResponse response, String name) {
		response.setContentType("text/csv; charset=UTF-8");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
	}
}
