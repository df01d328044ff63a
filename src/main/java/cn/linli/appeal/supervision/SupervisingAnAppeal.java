package cn.linli.appeal.supervision;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.domain.Appeal;
import cn.linli.appeal.domain.AppealPermissions;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * 督办 by the community, street, district and city whose region holds the compound: supervision
 * notes, orders (督办令), reassignment and 核实办结; and the community's re-dispatch of a 派单异议.
 */
@Service
@Transactional
public class SupervisingAnAppeal {

	private final AppealSteps steps;
	private final RegistryDirectory directory;

	SupervisingAnAppeal(AppealSteps steps, RegistryDirectory directory) {
		this.steps = steps;
		this.directory = directory;
	}

	public void redispatch(Actor actor, long id, Integer version, Long companyId, String external, String note) {
		supervise(actor, id, version, (a, now) -> {
			checkTarget(actor, a, companyId, external, note);
			return a.redispatch(companyId, companyName(companyId), external, note, outsideContract(a, companyId), now);
		});
	}

	public void reassign(Actor actor, long id, Integer version, Long companyId, String external, String note) {
		superviseFromAbove(actor, id, version, (a, now) -> {
			checkTarget(actor, a, companyId, external, note);
			return a.reassign(companyId, companyName(companyId), external, note, outsideContract(a, companyId), now);
		});
	}

	public void order(Actor actor, long id, Integer version, String note) {
		String text = AppealSteps.required(note, "note", "请填写督办要求");
		superviseFromAbove(actor, id, version, (a, now) -> a.order(text, now));
	}

	public void superviseNote(Actor actor, long id, String note) {
		String text = AppealSteps.required(note, "note", "请填写督办意见");
		supervise(actor, id, null, (a, now) -> a.superviseNote(text, now));
	}

	public void confirmSolved(Actor actor, long id, Integer version, String note) {
		String text = AppealSteps.required(note, "note", "请写明核实情况");
		superviseFromAbove(actor, id, version, (a, now) -> a.confirmSolved(text, now));
	}

	/** Companies an appeal may be sent to by this supervisor, for the page's choice. */
	@Transactional(readOnly = true)
	public Map<Long, String> dispatchTargets(Actor actor, long id) {
		return directory.companiesServingIn(targetRegion(actor, steps.visible(actor, id, null)));
	}

	/** Whether the company now handling holds no contract for the compound: then only the supervisor's choice keeps it there. */
	private boolean outsideContract(Appeal a, Long companyId) {
		return companyId != null && !companyId.equals(directory.compoundFacts(a.compoundId()).map(RegistryDirectory.CompoundFacts::companyId).orElse(null));
	}

	private String companyName(Long companyId) {
		return companyId == null ? null : directory.companyNames(java.util.List.of(companyId)).getOrDefault(companyId, "物业企业");
	}

	/**
	 * 督办令, 改派 and 核实办结 restart or end a clock, so a level below the one holding the appeal
	 * must not use them (a community could otherwise keep the street's clock from running out), nor
	 * may the acting handler supervise itself.
	 */
	private void superviseFromAbove(Actor actor, long id, Integer version, AppealSteps.Action action) {
		supervise(actor, id, version, (a, now) -> {
			if (AppealPermissions.canHandle(actor, a)) {
				throw DomainException.forbidden("承办单位不能督办、改派或核实办结自己承办的诉求");
			}
			if (!AppealPermissions.atOrAbove(actor, a)) {
				throw DomainException.forbidden("该诉求已升级至" + a.level().label() + "督办，只有" + a.level().label() + "或其上级可以下达督办令、改派或核实办结");
			}
			return action.apply(a, now);
		});
	}

	private void supervise(Actor actor, long id, Integer version, AppealSteps.Action action) {
		var a = steps.visible(actor, id, version);
		if (!AppealPermissions.canSupervise(actor, a)) {
			throw DomainException.forbidden("只有社区、街道、区县和市住建局可以督办");
		}
		steps.apply(actor, a, action);
	}

	/**
	 * An appeal carries a resident's house, phone and photos, so it may only go to a company that
	 * serves the neighbourhood (a contract in force in the appeal's street, or in the supervisor's
	 * region when that is larger) — a mistyped number must not hand it to a stranger.
	 */
	private void checkTarget(Actor actor, Appeal a, Long companyId, String external, String note) {
		AppealSteps.limited(external, "external", 100);
		AppealSteps.limited(note, "note", 1000);
		if (companyId != null && !directory.companyServesIn(companyId, targetRegion(actor, a))) {
			throw DomainException.invalid("companyId", "只能派给在本街道（或本辖区）有在管项目的物业企业");
		}
	}

	/** The appeal's street, or the supervisor's region when that is larger. */
	private static String targetRegion(Actor actor, Appeal a) {
		String street = a.communityCode().substring(0, 9);
		String region = actor.scope().regionCode();
		return region != null && region.length() < street.length() ? region : street;
	}
}
