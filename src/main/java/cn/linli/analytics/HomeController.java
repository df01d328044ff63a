package cn.linli.analytics;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.linli.registry.CompoundQuery;
import cn.linli.registry.CompoundRegistry;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageRequest;

/** Each role lands on its own home: supervisors on their region's dashboard, residents on the app. */
@Controller
class HomeController {

	private final CompoundRegistry compounds;

	HomeController(CompoundRegistry compounds) {
		this.compounds = compounds;
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
		model.addAttribute("compounds", compounds.search(actor.scope(), CompoundQuery.all(), new PageRequest(0, 20)));
		return "analytics/home";
	}
}
