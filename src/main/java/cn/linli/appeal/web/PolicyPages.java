package cn.linli.appeal.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.SlaPolicy;
import cn.linli.appeal.policy.SlaPolicies;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageActions;

/** 处置时限: every category × urgency as it applies in the caller's region; the city sets its own, a district overrides. */
@Controller
class PolicyPages {

	/** The units a clock length is typed in, in minutes. */
	static final Map<String, Integer> UNITS = units();

	private static Map<String, Integer> units() {
		var units = new LinkedHashMap<String, Integer>();
		units.put("MINUTE", 1);
		units.put("HOUR", 60);
		units.put("DAY", 1440);
		return units;
	}

	/** A clock length in the largest unit that divides it: 10080 minutes is 7 天. */
	record Length(int value, String unit, String label) {

		static Length of(int minutes) {
			if (minutes % 1440 == 0) {
				return new Length(minutes / 1440, "DAY", minutes / 1440 + " 天");
			}
			if (minutes % 60 == 0) {
				return new Length(minutes / 60, "HOUR", minutes / 60 + " 小时");
			}
			return new Length(minutes, "MINUTE", minutes + " 分钟");
		}
	}

	/** One category × urgency as the page shows it; {@code own}: set by the caller's region (so it can fall back to the one above). */
	record Row(String category, Urgency urgency, Length accept, Length resolve, Length supervise, String source,
			boolean own) {
	}

	/** The clocks of one category, one row per urgency. */
	record Group(String name, java.util.List<Row> rows) {
	}

	private final SlaPolicies policies;
	private final AppealQueries queries;

	PolicyPages(SlaPolicies policies, AppealQueries queries) {
		this.policies = policies;
		this.queries = queries;
	}

	@GetMapping("/appeals/policies")
	String policies(Model model) {
		var actor = CurrentActor.get();
		if (!actor.scope().isRegional()) {
			throw DomainException.forbidden("处置时限仅对政府部门开放");
		}
		var names = new HashMap<String, String>();
		queries.categories().forEach(c -> names.put(c.code(), c.name()));
		String own = actor.scope().regionCode();
		var groups = new LinkedHashMap<String, Group>();
		for (var p : policies.effectiveIn(own)) {
			groups.computeIfAbsent(p.category(), c -> new Group(names.get(c), new java.util.ArrayList<>())).rows()
				.add(new Row(p.category(), p.urgency(), Length.of(p.minutes().accept()), Length.of(p.minutes().resolve()),
						Length.of(p.minutes().supervise()), p.regionCode().isEmpty() ? "全国默认" : p.regionCode().equals(own) ? "本级设置" : "上级设置",
						p.regionCode().equals(own)));
		}
		model.addAttribute("groups", groups.values());
		model.addAttribute("editable", actor.role() == Role.CITY || actor.role() == Role.DISTRICT);
		return "appeal/policies";
	}

	@PostMapping("/appeals/policies")
	String setPolicy(@RequestParam(required = false) String category, @RequestParam(required = false) String urgency,
			@RequestParam(required = false) String accept, @RequestParam(required = false) String acceptUnit,
			@RequestParam(required = false) String resolve, @RequestParam(required = false) String resolveUnit,
			@RequestParam(required = false) String supervise, @RequestParam(required = false) String superviseUnit,
			@RequestParam(required = false) String reset, RedirectAttributes flash) {
		var actor = CurrentActor.get();
		// the page comes back with the row just edited open
		flash.addFlashAttribute("open", category + "/" + urgency);
		return PageActions.redirect(flash, "/appeals/policies", () -> {
			var u = Choices.required(Urgency.class, Urgency::label, urgency, "urgency", "紧急程度");
			if (reset != null) {
				policies.reset(actor, category, u);
				return "已恢复上级时限";
			}
			var errors = new FieldErrors();
			Integer a = errors.collect(() -> minutes(accept, acceptUnit, "accept", "签收时限"));
			Integer r = errors.collect(() -> minutes(resolve, resolveUnit, "resolve", "办结时限"));
			Integer s = errors.collect(() -> minutes(supervise, superviseUnit, "supervise", "督办时限"));
			errors.throwIfAny();
			policies.set(actor, category, u, new SlaPolicy.Minutes(a, r, s));
			return "已保存，新提交的诉求按新时限计时";
		});
	}

	/** A clock length typed as a whole number of minutes, hours or days. */
	static int minutes(String value, String unit, String field, String what) {
		Integer per = UNITS.get(unit == null ? "MINUTE" : unit);
		if (per == null) {
			throw DomainException.invalid(field, what + "的单位不正确");
		}
		if (value == null || !value.strip().matches("\\d{1,6}")) {
			throw DomainException.invalid(field, "请填写" + what + "（正整数）");
		}
		long m = Long.parseLong(value.strip()) * per;
		if (m < 1 || m > 525_600) {
			throw DomainException.invalid(field, what + "须在 1 分钟到 365 天之间");
		}
		return (int) m;
	}
}
