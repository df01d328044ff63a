package cn.linli.identity.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.identity.onboarding.BindingHouses;
import cn.linli.identity.onboarding.PrivacyNotice;
import cn.linli.identity.onboarding.SigningInByPhone;
import cn.linli.identity.onboarding.SigningInByPhone.CodeSent;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.house.HouseView;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageActions;

/** The resident side of the Red Property app: sign in by phone, bind a house, invite a tenant. */
@Controller
class ResidentPages {

	private static final String SIGNUP = "identity/signup";
	private static final String BIND = "identity/bind";

	private final SigningInByPhone signIn;
	private final BindingHouses binding;
	private final RegisteringHouses houses;
	private final RegistryDirectory directory;
	private final Clock clock;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
	private final RequestCache requests = new HttpSessionRequestCache();

	ResidentPages(SigningInByPhone signIn, BindingHouses binding, RegisteringHouses houses, RegistryDirectory directory, Clock clock) {
		this.signIn = signIn;
		this.binding = binding;
		this.houses = houses;
		this.directory = directory;
		this.clock = clock;
	}

	@GetMapping("/app/signup")
	String signup() {
		return SIGNUP;
	}

	@GetMapping("/app/privacy")
	String privacy(Model model) {
		model.addAttribute("version", PrivacyNotice.VERSION);
		model.addAttribute("effective", PrivacyNotice.EFFECTIVE);
		return "identity/privacy";
	}

	@PostMapping("/app/signup/code")
	String requestCode(@RequestParam(required = false) String phone, @RequestParam(defaultValue = "false") boolean consent,
			HttpServletRequest request, Model model) {
		model.addAttribute("phone", phone);
		model.addAttribute("consent", consent);
		return PageActions.orForm(model, () -> {
			sent(model, signIn.requestCode(phone, request.getRemoteAddr(), consent));
			return SIGNUP;
		}, () -> {
			// a code sent a moment ago can still be typed in, whatever went wrong with asking for another
			signIn.pending(phone).ifPresent(p -> sent(model, p));
			return SIGNUP;
		});
	}

	@PostMapping("/app/signup/verify")
	String verify(@RequestParam(required = false) String phone, @RequestParam(required = false) String code,
			@RequestParam(defaultValue = "false") boolean consent, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		model.addAttribute("phone", phone);
		model.addAttribute("consent", consent);
		return PageActions.orForm(model, () -> {
			String username = signIn.verifyCode(phone, code, consent);
			String target = residentPageAskedFor(request, response);
			request.getSession(true);
			request.changeSessionId();
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
					List.of(new SimpleGrantedAuthority("ROLE_" + Role.RESIDENT.name()))));
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			return "redirect:" + target;
		}, () -> {
			signIn.pending(phone).ifPresent(p -> sent(model, p));
			return SIGNUP;
		});
	}

	private void sent(Model model, CodeSent sent) {
		model.addAttribute("sent", sent);
		model.addAttribute("resendIn", sent.secondsToResend(clock.instant()));
	}

	/** The resident page a session ran out on, to go back to after signing in again; only ever a path of the app. */
	private String residentPageAskedFor(HttpServletRequest request, HttpServletResponse response) {
		if (requests.getRequest(request, response) instanceof DefaultSavedRequest saved) {
			requests.removeRequest(request, response);
			String path = saved.getRequestURI().substring(request.getContextPath().length());
			if (path.startsWith("/app/") && !path.startsWith("/app/signup") && "GET".equals(saved.getMethod())) {
				return path + (saved.getQueryString() == null ? "" : "?" + saved.getQueryString());
			}
		}
		return "/app";
	}

	@GetMapping("/app")
	String app(Model model) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			return "redirect:/home";
		}
		var mine = new ArrayList<MyHouse>();
		for (var b : binding.bindings(actor.userId())) {
			mine.add(new MyHouse(houses.house(actor.scope(), b.houseId()), b));
		}
		model.addAttribute("houses", mine);
		return "identity/app";
	}

	record MyHouse(HouseView house, BindingHouses.Binding binding) {
	}

	@GetMapping("/app/bind")
	String bindForm() {
		requireResident();
		return BIND;
	}

	@PostMapping("/app/bind")
	String bind(@RequestParam(required = false) String ownerName, @RequestParam(required = false) String idTail,
			@RequestParam(required = false) String certificateNo, Model model, RedirectAttributes flash) {
		var actor = requireResident();
		return PageActions.orForm(model, () -> {
			long house = binding.bindAsOwner(actor.userId(), ownerName, idTail, certificateNo);
			flash.addFlashAttribute("notice", "已认证为业主：" + label(house));
			return "redirect:/app";
		}, () -> BIND);
	}

	@PostMapping("/app/bind/tenant")
	String bindTenant(@RequestParam(required = false) String code, Model model, RedirectAttributes flash) {
		var actor = requireResident();
		return PageActions.orForm(model, () -> {
			long house = binding.acceptInvitation(actor.userId(), code);
			flash.addFlashAttribute("notice", "已绑定房屋：" + label(house));
			return "redirect:/app";
		}, () -> BIND);
	}

	@PostMapping("/app/houses/{houseId}/invitations")
	String invite(@PathVariable long houseId, Model model) {
		var actor = requireResident();
		model.addAttribute("code", binding.invite(actor.userId(), houseId));
		model.addAttribute("house", houses.house(actor.scope(), houseId));
		return "identity/invitation";
	}

	/** The house just bound: not yet in this request's scope, so by its registry label (which names no one). */
	private String label(long houseId) {
		return directory.houseFacts(houseId).map(RegistryDirectory.HouseFacts::label).orElse("房屋");
	}

	private static Actor requireResident() {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("仅业主/住户可用");
		}
		return actor;
	}
}
