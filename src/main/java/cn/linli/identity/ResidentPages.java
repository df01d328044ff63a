package cn.linli.identity;

import java.util.ArrayList;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.linli.registry.HouseRegistry;
import cn.linli.registry.HouseView;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;

/** The resident side of the Red Property app: sign in by phone, bind a house, invite a tenant. */
@Controller
class ResidentPages {

	private final ResidentOnboarding onboarding;
	private final HouseRegistry houses;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	ResidentPages(ResidentOnboarding onboarding, HouseRegistry houses) {
		this.onboarding = onboarding;
		this.houses = houses;
	}

	@GetMapping("/app/signup")
	String signup() {
		return "identity/signup";
	}

	@PostMapping("/app/signup/code")
	String requestCode(@RequestParam String phone, HttpServletRequest request, Model model) {
		model.addAttribute("phone", phone);
		try {
			onboarding.requestCode(phone, request.getRemoteAddr());
			model.addAttribute("sent", true);
		}
		catch (DomainException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("sent", e.code().equals("rate-limited") && !e.getMessage().contains("一小时"));
		}
		return "identity/signup";
	}

	@PostMapping("/app/signup/verify")
	String verify(@RequestParam String phone, @RequestParam String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		try {
			String username = onboarding.verifyCode(phone, code);
			request.getSession(true);
			request.changeSessionId();
			var context = SecurityContextHolder.createEmptyContext();
			var auth = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(username,
					null, java.util.List.of(new SimpleGrantedAuthority("ROLE_" + Role.RESIDENT.name())));
			context.setAuthentication(auth);
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			return "redirect:/app";
		}
		catch (DomainException e) {
			model.addAttribute("phone", phone);
			model.addAttribute("sent", true);
			model.addAttribute("error", e.getMessage());
			return "identity/signup";
		}
	}

	@GetMapping("/app")
	String app(Model model) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			return "redirect:/home";
		}
		var mine = new ArrayList<MyHouse>();
		for (var b : onboarding.bindings(actor.userId())) {
			mine.add(new MyHouse(houses.house(actor.scope(), b.houseId()), b));
		}
		model.addAttribute("houses", mine);
		return "identity/app";
	}

	record MyHouse(HouseView house, ResidentOnboarding.Binding binding) {
	}

	@GetMapping("/app/bind")
	String bindForm() {
		requireResident();
		return "identity/bind";
	}

	@PostMapping("/app/bind")
	String bind(@RequestParam String ownerName, @RequestParam String idTail, @RequestParam String certificateNo, Model model) {
		var actor = requireResident();
		try {
			onboarding.bindAsOwner(actor.userId(), ownerName, idTail, certificateNo);
			return "redirect:/app";
		}
		catch (DomainException e) {
			model.addAttribute("error", e.getMessage());
			return "identity/bind";
		}
	}

	@PostMapping("/app/bind/tenant")
	String bindTenant(@RequestParam String code, Model model) {
		var actor = requireResident();
		try {
			onboarding.acceptInvitation(actor.userId(), code);
			return "redirect:/app";
		}
		catch (DomainException e) {
			model.addAttribute("tenantError", e.getMessage());
			return "identity/bind";
		}
	}

	@PostMapping("/app/houses/{houseId}/invitations")
	String invite(@PathVariable long houseId, Model model) {
		var actor = requireResident();
		model.addAttribute("code", onboarding.invite(actor.userId(), houseId));
		model.addAttribute("house", houses.house(actor.scope(), houseId));
		return "identity/invitation";
	}

	private static cn.linli.shared.security.Actor requireResident() {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("仅业主/住户可用");
		}
		return actor;
	}
}
