package cn.linli.appeal.open311;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;

/** The city's page of Open311 clients: issue a key (shown this once), revoke one. */
@Controller
class Open311ClientPages {

	private final Open311Clients clients;

	Open311ClientPages(Open311Clients clients) {
		this.clients = clients;
	}

	@GetMapping("/appeals/open311-clients")
	String list(Model model) {
		model.addAttribute("clients", clients.list(CurrentActor.get()));
		return "appeal/open311-clients";
	}

	/** Rendered rather than redirected: the key must not travel in a URL or sit in the session. */
	@PostMapping("/appeals/open311-clients")
	String issue(@RequestParam(required = false) String name, Model model, HttpServletResponse response) {
		var actor = CurrentActor.get();
		try {
			var issued = clients.issue(actor, name);
			model.addAttribute("issued", issued);
			response.setHeader("Cache-Control", "no-store");
		}
		catch (DomainException e) {
			if (e.status().value() != 400) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
			model.addAttribute("name", name);
		}
		model.addAttribute("clients", clients.list(actor));
		return "appeal/open311-clients";
	}

	@PostMapping("/appeals/open311-clients/{id}/revoke")
	String revoke(@PathVariable long id) {
		clients.revoke(CurrentActor.get(), id);
		return "redirect:/appeals/open311-clients";
	}
}
