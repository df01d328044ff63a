package cn.linli.analytics.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.linli.appeal.AppealsApi;
import cn.linli.registry.compound.CompoundQuery;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageRequest;

/** Each role lands on its own home, its work first: supervisors on their region's dashboard, residents on the app. */
@Controller
class HomeController {

	private final RegisteringCompounds compounds;
	private final AppealsApi appeals;

	HomeController(RegisteringCompounds compounds, AppealsApi appeals) {
		this.compounds = compounds;
		this.appeals = appeals;
	}

	@GetMapping("/")
	String index() {
		return CurrentActor.find().isPresent() ? "redirect:/home" : "index";
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/home")
	String home(Model model) {
		var actor = CurrentActor.get();
		if (actor.scope().isRegional()) {
			return "redirect:/dashboard/" + actor.scope().regionCode();
		}
		if (actor.role() == Role.RESIDENT) {
			return "redirect:/app";
		}
		// the work first: what waits for a company and its staff
		if (actor.is(Role.COMPANY_ADMIN, Role.STAFF)) {
			model.addAttribute("workload", appeals.workload(actor));
		}
		model.addAttribute("compounds", compounds.search(actor.scope(), CompoundQuery.all(), new PageRequest(0, 20)));
		return "analytics/home";
	}
}
