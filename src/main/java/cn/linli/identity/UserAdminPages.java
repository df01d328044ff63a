package cn.linli.identity;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageRequest;

/** The operator's user administration: create a user with a role and the scope it is bound to. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UserAdminPages {

	private final UserAdministration admin;

	UserAdminPages(UserAdministration admin) {
		this.admin = admin;
	}

	@GetMapping("/admin/users")
	String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("roles", Role.values());
		model.addAttribute("result", admin.list(q, new PageRequest(Math.max(0, page), 50)));
		return "identity/users";
	}

	@PostMapping("/admin/users")
	String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String role,
			@RequestParam(required = false) String regionCode, @RequestParam(required = false) String companyId,
			@RequestParam(required = false) String staffId, @RequestParam(required = false) String compoundId,
			@RequestParam(required = false) String phone, @RequestParam String password, Model model) {
		try {
			admin.create(new NewUser(username, displayName, roleOf(role), regionCode, id(companyId, "companyId"),
					id(staffId, "staffId"), id(compoundId, "compoundId"), phone), password);
			model.addAttribute("notice", "已创建用户 " + username);
		}
		catch (DomainException e) {
			model.addAttribute("error", e.getMessage());
		}
		return list(null, 0, model);
	}

	@PostMapping("/admin/users/{id}/enabled")
	String enable(@PathVariable long id, @RequestParam boolean enabled, @RequestParam Integer version) {
		admin.setEnabled(id, enabled, version);
		return "redirect:/admin/users";
	}

	private static Role roleOf(String role) {
		try {
			return Role.valueOf(role);
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("role", "角色无效");
		}
	}

	private static Long id(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException e) {
			throw DomainException.invalid(field, field + " 应为数字编号");
		}
	}
}
