package cn.linli.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.identity.account.ChangingPassword;
import cn.linli.identity.domain.PasswordPolicy;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageActions;

/** A signed-in user's own account: changing its password, which a temporary password requires first. */
@Controller
class AccountPages {

	private final ChangingPassword passwords;

	AccountPages(ChangingPassword passwords) {
		this.passwords = passwords;
	}

	@GetMapping(PasswordChangeGate.FORM)
	String form(Model model) {
		model.addAttribute("mustChange", passwords.mustChange(CurrentActor.get().userId()));
		model.addAttribute("rule", PasswordPolicy.RULE);
		return "identity/password";
	}

	@PostMapping(PasswordChangeGate.FORM)
	String change(@RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
			@RequestParam(required = false) String confirmPassword, Model model, RedirectAttributes flash) {
		var actor = CurrentActor.get();
		return PageActions.orForm(model, () -> {
			passwords.change(actor.userId(), currentPassword, newPassword, confirmPassword);
			flash.addFlashAttribute("notice", "密码已修改");
			return "redirect:" + PasswordChangeGate.FORM;
		}, () -> form(model));
	}
}
