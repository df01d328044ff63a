package cn.linli.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.identity.administration.GrantingStaffLogins;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageActions;

/** A company admin gives its staff members their logins, reached from the staff list. */
@Controller
class StaffLoginPages {

	private final GrantingStaffLogins logins;

	StaffLoginPages(GrantingStaffLogins logins) {
		this.logins = logins;
	}

	@GetMapping("/staff/{id}/login")
	String view(@PathVariable long id, Model model) {
		var login = logins.loginOf(CurrentActor.scope(), id);
		model.addAttribute("member", login.member());
		model.addAttribute("login", login.login().orElse(null));
		return "identity/staff-login";
	}

	@PostMapping("/staff/{id}/login")
	String grant(@PathVariable long id, @RequestParam(required = false) String username, Model model, RedirectAttributes flash) {
		model.addAttribute("username", username);
		return PageActions.orForm(model, () -> {
			var granted = logins.grant(CurrentActor.scope(), id, username);
			flash.addFlashAttribute("notice", "已开通登录账号 " + granted.username());
			flash.addFlashAttribute("temporaryPassword", granted.temporaryPassword());
			return "redirect:/staff/" + id + "/login";
		}, () -> view(id, model));
	}

	@GetMapping("/staff/{id}/login/withdraw")
	String confirmWithdraw(@PathVariable long id, Model model) {
		var login = logins.loginOf(CurrentActor.scope(), id);
		var account = login.login().filter(GrantingStaffLogins.Login::enabled).orElse(null);
		if (account == null) {
			return "redirect:/staff/" + id + "/login";
		}
		return UserAdminPages.confirm(model, "收回登录", "收回 " + login.member().name() + " 的登录账号 " + account.username() + "？",
				"收回后此人立即无法登录，已签发的 API 令牌全部失效；以后可以重新开通。", "/staff/" + id + "/login/withdraw", account.version(),
				"确认收回", "/staff/" + id + "/login");
	}

	@PostMapping("/staff/{id}/login/withdraw")
	String withdraw(@PathVariable long id, @RequestParam Integer version, RedirectAttributes flash) {
		var member = logins.loginOf(CurrentActor.scope(), id).member();
		return PageActions.redirect(flash, "/staff/" + id + "/login", "已收回 " + member.name() + " 的登录账号",
				() -> logins.withdraw(CurrentActor.scope(), id, version));
	}

	/** Gives a withdrawn login back, or a new temporary password for a forgotten one. */
	@PostMapping("/staff/{id}/login/reissue")
	String reissue(@PathVariable long id, @RequestParam Integer version, RedirectAttributes flash) {
		var login = logins.loginOf(CurrentActor.scope(), id);
		boolean withdrawn = login.login().map(l -> !l.enabled()).orElse(false);
		String done = (withdrawn ? "已重新开通 " : "已重置 ") + login.member().name() + (withdrawn ? " 的登录账号" : " 的密码");
		return PageActions.redirect(flash, "/staff/" + id + "/login", done,
				() -> flash.addFlashAttribute("temporaryPassword", logins.reissue(CurrentActor.scope(), id, version).temporaryPassword()));
	}
}
