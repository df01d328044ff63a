package cn.linli.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.identity.UserAdministration;
import cn.linli.identity.UserAdministration.UserForm;
import cn.linli.identity.administration.DisablingUsers;
import cn.linli.identity.administration.ResettingPasswords;
import cn.linli.identity.administration.UserDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageActions;
import cn.linli.shared.web.PageRequest;

/**
 * The operator's user administration: create a user bound to its scope (chosen by name, never by
 * number), reset its password, and disable it after confirming.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UserAdminPages {

	private static final List<Role> CREATABLE = List.of(Role.values()).stream().filter(r -> r != Role.RESIDENT).toList();

	private final UserAdministration admin;
	private final UserDirectory directory;
	private final ResettingPasswords passwords;
	private final DisablingUsers disabling;

	UserAdminPages(UserAdministration admin, UserDirectory directory, ResettingPasswords passwords, DisablingUsers disabling) {
		this.admin = admin;
		this.directory = directory;
		this.passwords = passwords;
		this.disabling = disabling;
	}

	@GetMapping("/admin/users")
	String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new UserForm(null, null, null, null, null, null, null, null));
		}
		var form = (UserForm) model.getAttribute("form");
		var scope = CurrentActor.scope();
		model.addAttribute("q", q);
		model.addAttribute("roles", CREATABLE);
		model.addAttribute("companies", withPicked(directory.picked("company", form.companyId()), directory.companyChoices(scope, null)));
		model.addAttribute("staffMembers", withPicked(directory.picked("staff", form.staffId()), directory.staffChoices(scope, null)));
		model.addAttribute("compounds", withPicked(directory.picked("compound", form.compoundId()), directory.compoundChoices(scope, null)));
		model.addAttribute("result", directory.list(q, new PageRequest(Math.max(0, page), 50)));
		return "identity/users";
	}

	/** The picked choice first, so that a form shown again with its errors keeps what was picked. */
	private static List<UserDirectory.Choice> withPicked(List<UserDirectory.Choice> picked, List<UserDirectory.Choice> choices) {
		if (picked.isEmpty()) {
			return choices;
		}
		return java.util.stream.Stream.concat(picked.stream(), choices.stream().filter(c -> c.id() != picked.get(0).id())).toList();
	}

	@PostMapping("/admin/users")
	String create(@ModelAttribute("form") UserForm form, Model model, RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			var created = admin.create(form);
			flash.addFlashAttribute("notice", "已创建用户 " + created.username());
			flash.addFlashAttribute("temporaryPassword", created.temporaryPassword());
			return "redirect:/admin/users/" + created.id();
		}, () -> {
			model.addAttribute("formOpen", true);
			return list(null, 0, model);
		});
	}

	/** A picker's choices matching what was typed into its search box ({@code companyQ}, {@code staffQ}, {@code compoundQ}). */
	@GetMapping("/admin/users/choices/{kind}")
	String choices(@PathVariable String kind, HttpServletRequest request, Model model) {
		var scope = CurrentActor.scope();
		String q = request.getParameter(kind + "Q");
		model.addAttribute("choices", switch (kind) {
			case "company" -> directory.companyChoices(scope, q);
			case "staff" -> directory.staffChoices(scope, q);
			case "compound" -> directory.compoundChoices(scope, q);
			default -> throw DomainException.notFound("选项");
		});
		return "identity/choices :: options";
	}

	@GetMapping("/admin/users/{id}")
	String view(@PathVariable long id, Model model) {
		model.addAttribute("user", directory.get(id));
		model.addAttribute("self", CurrentActor.get().userId() == id);
		return "identity/user";
	}

	@GetMapping("/admin/users/{id}/disable")
	String confirmDisable(@PathVariable long id, Model model) {
		var user = directory.get(id);
		return confirm(model, "停用用户", "停用 " + user.username() + "（" + user.displayName() + "）？",
				"停用后该用户立即无法登录，已签发的 API 令牌全部失效；以后可以重新启用。", "/admin/users/" + id + "/disable", user.version(),
				"确认停用", "/admin/users/" + id);
	}

	@PostMapping("/admin/users/{id}/disable")
	String disable(@PathVariable long id, @RequestParam Integer version, RedirectAttributes flash) {
		var user = directory.get(id);
		return PageActions.redirect(flash, "/admin/users/" + id, "已停用用户 " + user.username(),
				() -> disabling.disable(CurrentActor.get(), id, version));
	}

	@PostMapping("/admin/users/{id}/enable")
	String enable(@PathVariable long id, @RequestParam Integer version, RedirectAttributes flash) {
		var user = directory.get(id);
		return PageActions.redirect(flash, "/admin/users/" + id, "已启用用户 " + user.username(), () -> disabling.enable(id, version));
	}

	@GetMapping("/admin/users/{id}/password-reset")
	String confirmReset(@PathVariable long id, Model model) {
		var user = directory.get(id);
		return confirm(model, "重置密码", "为 " + user.username() + "（" + user.displayName() + "）重置密码？",
				"将生成一个临时密码，只显示一次；原密码和已签发的 API 令牌立即失效，该用户下次登录时须修改密码。",
				"/admin/users/" + id + "/password-reset", user.version(), "确认重置", "/admin/users/" + id);
	}

	@PostMapping("/admin/users/{id}/password-reset")
	String reset(@PathVariable long id, @RequestParam Integer version, RedirectAttributes flash) {
		var user = directory.get(id);
		return PageActions.redirect(flash, "/admin/users/" + id, "已重置 " + user.username() + " 的密码",
				() -> flash.addFlashAttribute("temporaryPassword", passwords.reset(CurrentActor.get(), id, version)));
	}

	/** One confirm step for every action that is hard to undo: what, what follows, confirm or cancel. */
	static String confirm(Model model, String heading, String question, String consequence, String action, int version, String button,
			String cancel) {
		// not "title": the layout's fragment parameter of that name would shadow it
		model.addAttribute("heading", heading);
		model.addAttribute("question", question);
		model.addAttribute("consequence", consequence);
		model.addAttribute("action", action);
		model.addAttribute("version", version);
		model.addAttribute("button", button);
		model.addAttribute("cancel", cancel);
		return "identity/confirm";
	}
}
