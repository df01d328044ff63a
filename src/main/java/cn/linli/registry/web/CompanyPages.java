package cn.linli.registry.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.linli.registry.PartyOrg;
import cn.linli.registry.company.CompanyDetails;
import cn.linli.registry.company.RegisteringCompanies;
import cn.linli.registry.contract.ContractView;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.domain.Cells;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffDetails;
import cn.linli.registry.staff.StaffLogins;
import cn.linli.registry.staff.StaffView;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageRequest;

/** Property company and staff pages. */
@Controller
class CompanyPages {

	private final RegisteringCompanies companies;
	private final RecordingContracts contracts;
	private final RegisteringStaff staff;
	private final StaffLogins logins;

	CompanyPages(RegisteringCompanies companies, RecordingContracts contracts, RegisteringStaff staff, StaffLogins logins) {
		this.companies = companies;
		this.contracts = contracts;
		this.staff = staff;
		this.logins = logins;
	}

	@GetMapping("/companies")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String partyOrg,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var party = partyOrg == null || partyOrg.isBlank() ? null : Cells.choice(PartyOrg.class, PartyOrg::label, partyOrg, "partyOrg");
		model.addAttribute("q", q);
		model.addAttribute("partyOrg", party);
		model.addAttribute("partyOrgs", PartyOrg.values());
		model.addAttribute("result", companies.search(CurrentActor.scope(), q, party, new PageRequest(Math.max(0, page), 20)));
		return "registry/companies";
	}

	@GetMapping("/companies/{id}")
	String view(@PathVariable long id, Model model) {
		var scope = CurrentActor.scope();
		model.addAttribute("company", companies.get(scope, id));
		model.addAttribute("contracts", contracts.list(scope, null, id));
		model.addAttribute("partyOrgs", PartyOrg.values());
		return "registry/company";
	}

	@GetMapping("/companies/new")
	String newForm(Model model) {
		model.addAttribute("partyOrgs", PartyOrg.values());
		return "registry/company-form";
	}

	@PostMapping("/companies")
	String create(@RequestParam String name, @RequestParam String creditCode, @RequestParam String partyOrg,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String address, Model model) {
		try {
			var c = companies.register(CurrentActor.scope(), new CompanyDetails(name, CreditCode.of(creditCode),
					Cells.choice(PartyOrg.class, PartyOrg::label, partyOrg, "partyOrg"), phone, address));
			return "redirect:/companies/" + c.id();
		}
		catch (DomainException e) {
			if (e.status().value() != 400) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
			model.addAttribute("errorField", e.field());
			model.addAttribute("partyOrgs", PartyOrg.values());
			return "registry/company-form";
		}
	}

	@PostMapping("/companies/{id}")
	String update(@PathVariable long id, @RequestParam String name, @RequestParam String creditCode,
			@RequestParam String partyOrg, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String address, @RequestParam Integer version, Model model) {
		try {
			companies.revise(CurrentActor.scope(), id, new CompanyDetails(name, CreditCode.of(creditCode),
					Cells.choice(PartyOrg.class, PartyOrg::label, partyOrg, "partyOrg"), phone, address), version);
			return "redirect:/companies/" + id;
		}
		catch (DomainException e) {
			if (e.status().value() != 400 && e.status().value() != 409) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
			return view(id, model);
		}
	}

	@GetMapping("/staff")
	String staff(@RequestParam(required = false) Boolean grid, @RequestParam(defaultValue = "0") int page, Model model) {
		var scope = CurrentActor.scope();
		model.addAttribute("grid", grid);
		var result = staff.search(scope, null, grid, new PageRequest(Math.max(0, page), 50));
		model.addAttribute("result", result);
		if (scope.companyId() != null && CurrentActor.get().role() == cn.linli.shared.security.Role.COMPANY_ADMIN) {
			model.addAttribute("servedCompounds", contracts.list(scope, null, scope.companyId()).stream()
				.filter(ContractView::inForce).toList());
			// the company gives its staff their logins: the list says who has one
			model.addAttribute("logins", logins.loginsOf(result.content().stream().map(StaffView::id).toList()));
		}
		return "registry/staff";
	}

	@GetMapping("/staff/{id}/edit")
	String editStaff(@PathVariable long id, Model model) {
		var scope = CurrentActor.scope();
		var member = staff.get(scope, id);
		RegistryPermissions.requireStaffManager(scope, member.companyId());
		model.addAttribute("member", member);
		model.addAttribute("servedCompounds", contracts.list(scope, null, member.companyId()).stream().filter(ContractView::inForce).toList());
		return "registry/staff-form";
	}

	@PostMapping("/staff/{id}")
	String updateStaff(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String phone,
			@RequestParam(defaultValue = "false") boolean gridWorker, @RequestParam(defaultValue = "false") boolean partyMember,
			@RequestParam(required = false) java.util.Set<Long> compoundIds, @RequestParam Integer version, Model model) {
		var scope = CurrentActor.scope();
		try {
			staff.revise(scope, id, new StaffDetails(name, phone == null || phone.isBlank() ? null : cn.linli.shared.domain.PhoneNumber.of(phone),
					gridWorker, partyMember, compoundIds), version);
			return "redirect:/staff";
		}
		catch (DomainException e) {
			if (e.status().value() != 400 && e.status().value() != 409) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
			return editStaff(id, model);
		}
	}

	@PostMapping("/staff")
	String hire(@RequestParam String name, @RequestParam(required = false) String phone,
			@RequestParam(defaultValue = "false") boolean gridWorker, @RequestParam(defaultValue = "false") boolean partyMember,
			@RequestParam(required = false) java.util.Set<Long> compoundIds, Model model) {
		var scope = CurrentActor.scope();
		try {
			if (scope.companyId() == null) {
				throw DomainException.forbidden("只有本企业管理员可以维护从业人员");
			}
			staff.hire(scope, scope.companyId(), new StaffDetails(name,
					phone == null || phone.isBlank() ? null : cn.linli.shared.domain.PhoneNumber.of(phone), gridWorker, partyMember,
					compoundIds));
			model.addAttribute("notice", "已登记 " + name);
		}
		catch (DomainException e) {
			if (e.status().value() != 400) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
		}
		return staff(null, 0, model);
	}
}
